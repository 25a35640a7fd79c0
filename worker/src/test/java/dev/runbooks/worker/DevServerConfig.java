package dev.runbooks.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dynamic configuration every Temporal dev server of the tests starts with: each key of
 * docker/temporal/dynamicconfig.yaml (the production server's, why each: docs/performance.md) as
 * {@code --dynamic-config-value key=value}, as scripts/lib/dev-server.sh gives the scripts.
 */
public final class DevServerConfig {
  private static final Pattern KEY = Pattern.compile("^([A-Za-z][A-Za-z0-9._]*):\\s*$");
  private static final Pattern VALUE = Pattern.compile("^\\s*- value:\\s*(.+?)\\s*$");

  private DevServerConfig() {}

  /** The {@code temporal server start-dev} arguments, read from the repository's file. */
  public static List<String> arguments() {
    Path file =
        Path.of("..", "docker", "temporal", "dynamicconfig.yaml").toAbsolutePath().normalize();
    List<String> arguments = new ArrayList<>();
    String key = null;
    try {
      for (String line : Files.readAllLines(file)) {
        Matcher k = KEY.matcher(line);
        Matcher v = VALUE.matcher(line);
        if (k.matches()) {
          key = k.group(1);
        } else if (key != null && v.matches()) {
          arguments.addAll(List.of("--dynamic-config-value", key + "=" + v.group(1)));
          key = null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the dev server's dynamic configuration " + file, e);
    }
    if (arguments.isEmpty()) {
      throw new IllegalStateException(file + " names no dynamic configuration value");
    }
    return List.copyOf(arguments);
  }
}
