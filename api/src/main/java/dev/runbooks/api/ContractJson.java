package dev.runbooks.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.util.Map;

/**
 * Reads the run contract from the JSON other programs got it as (a map parsed from the HTTP API,
 * the answer of a query as a map). Temporal's converter writes it with {@code Optional} support and
 * reads it ignoring unknown fields; so does this mapper.
 */
public final class ContractJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ContractJson() {}

  /** The typed value of parsed JSON (maps, lists, text, numbers). */
  public static <T> T read(Object json, Class<T> type) {
    return MAPPER.convertValue(json, type);
  }

  /** A {@code waiting} entry as a {@link Wait}; null when it is not one this contract knows. */
  public static Wait waitOrNull(Map<String, Object> entry) {
    try {
      return read(entry, Wait.class);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The mapper, for tests and tools that write the contract as Temporal does. */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }
}
