package dev.runbooks.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.runbooks.language.RunbookException;
import dev.runbooks.language.expr.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code --input-file} and {@code --input k=v} options into the JSON object of a run's
 * inputs. A value that is valid JSON (a number, a bool, a list, an object, a quoted string, null)
 * keeps its JSON type; anything else is a string as written.
 */
public final class InputValues {
  private InputValues() {}

  /** The inputs: the file's object first, then each {@code k=v} in order (later wins). */
  public static Map<String, Object> parse(Path file, List<String> pairs) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    if (file != null) {
      inputs.putAll(readFile(file));
    }
    for (String pair : pairs == null ? List.<String>of() : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new RunbookException("--input '" + pair + "': expected name=value");
      }
      inputs.put(pair.substring(0, eq).trim(), value(pair.substring(eq + 1)));
    }
    return inputs;
  }

  /** One value: its JSON meaning when it is valid JSON, else the text itself. */
  public static Object value(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return text;
    }
    try {
      return Json.mapper()
          .readerFor(Object.class)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readValue(trimmed);
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  private static Map<String, Object> readFile(Path file) {
    try {
      return Json.mapper().readValue(Files.readString(file), new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new RunbookException(
          "--input-file " + file + ": not a JSON object: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RunbookException("--input-file " + file + ": cannot read: " + e.getMessage());
    }
  }
}
