package dev.runbooks.language.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.language.RunbookException;

/** The engine's one JSON mapper for plain values. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  private Json() {}

  /** The shared mapper; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Writes a plain value as compact JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new RunbookException("cannot write value as JSON: " + e.getMessage(), e);
    }
  }
}
