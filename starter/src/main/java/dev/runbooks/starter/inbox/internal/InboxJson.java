package dev.runbooks.starter.inbox.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;

/** The JSON the inbox stores in its {@code jsonb} columns, written and read one way everywhere. */
public final class InboxJson {
  /** The mapper of stored JSON; also fine for parsing webhook bodies. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private InboxJson() {}

  /** Writes a value as JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads JSON text into a type. */
  public static <T> T read(String text, TypeReference<T> type) {
    try {
      return MAPPER.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot read stored JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a JSON object. */
  public static Map<String, Object> object(String text) {
    return text == null ? Map.of() : read(text, new TypeReference<Map<String, Object>>() {});
  }

  /** Reads a JSON array of objects. */
  public static List<Map<String, Object>> objects(String text) {
    return text == null ? List.of() : read(text, new TypeReference<List<Map<String, Object>>>() {});
  }
}
