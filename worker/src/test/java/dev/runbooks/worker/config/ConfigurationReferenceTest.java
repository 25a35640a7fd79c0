package dev.runbooks.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md carries the reference of every {@code runbook.*} key as the metadata has
 * it; this test fails when the document is stale and says how to regenerate it ({@code
 * -Dconfiguration.doc.update=true} rewrites the generated part).
 */
class ConfigurationReferenceTest {
  static final String REGENERATE =
      "./mvnw -q -o -pl worker -am verify -Dtest=ConfigurationReferenceTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true"
          + " -Dconfiguration.doc.update=true";

  @Test
  void theDocumentIsCurrent() throws IOException {
    Path doc = RunbookMetadata.repositoryRoot().resolve("docs/configuration.md");
    String current = Files.readString(doc, StandardCharsets.UTF_8);
    String expected =
        ConfigurationReference.replace(
            current, ConfigurationReference.render(RunbookMetadata.load()));
    if (Boolean.getBoolean("configuration.doc.update") && !expected.equals(current)) {
      Files.writeString(doc, expected, StandardCharsets.UTF_8);
      current = expected;
    }
    assertThat(current)
        .as("docs/configuration.md is stale; regenerate it with: " + REGENERATE)
        .isEqualTo(expected);
  }

  @Test
  void javadocBecomesMarkdown() {
    assertThat(
            ConfigurationReference.javadoc(
                "a template over {@code alert}, such as {@code ${{ alert.labels.pod }}}"))
        .isEqualTo("a template over `alert`, such as `${{ alert.labels.pod }}`");
    assertThat(
            ConfigurationReference.type(
                "java.util.Map<java.lang.String,dev.runbooks.worker.RunbookProperties$Route>"))
        .isEqualTo("`Map<String, Route>`");
  }
}
