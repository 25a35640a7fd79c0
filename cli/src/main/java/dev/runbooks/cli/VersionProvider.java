package dev.runbooks.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The version {@code --version} prints: the {@code Implementation-Version} of the CLI jar's
 * manifest, which Maven sets from the project's version.
 */
public final class VersionProvider implements IVersionProvider {
  /** The version of the running CLI, or {@code unknown} when it does not run from its jar. */
  public static String version() {
    String version = RunbookCli.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "unknown (not run from its jar)" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "runbook " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
