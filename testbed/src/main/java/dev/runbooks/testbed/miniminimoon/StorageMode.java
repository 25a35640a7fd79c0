package dev.runbooks.testbed.miniminimoon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * How the pipeline uses the disk, the knobs of the seed's disk procedures: streaming mode (no
 * intermediate file writes), whether embeddings are cached and intermediate outputs saved, whether
 * results are compressed, and the log level.
 */
final class StorageMode {
  private static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARNING", "ERROR");

  private boolean streaming;
  private boolean cacheEmbeddings = true;
  private boolean saveIntermediate = true;
  private boolean compressResults;
  private String logLevel = "INFO";

  /** Back to the defaults: everything written, INFO logs. */
  void reset() {
    streaming = false;
    cacheEmbeddings = true;
    saveIntermediate = true;
    compressResults = false;
    logLevel = "INFO";
  }

  boolean cacheEmbeddings() {
    return cacheEmbeddings;
  }

  /** Whether intermediate outputs are written (saved and not streaming). */
  boolean writesIntermediate() {
    return saveIntermediate && !streaming;
  }

  /** Whether log lines of this level are written. */
  boolean logs(String level) {
    return LEVELS.indexOf(level) >= LEVELS.indexOf(logLevel);
  }

  /**
   * Applies the fields given: {@code streaming}, {@code cache_embeddings}, {@code
   * save_intermediate}, {@code compress_results}, {@code log_level}.
   */
  ObjectNode apply(JsonNode body) {
    String level = body.path("log_level").asText(logLevel);
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException("log_level must be one of " + LEVELS);
    }
    streaming = body.path("streaming").asBoolean(streaming);
    cacheEmbeddings = body.path("cache_embeddings").asBoolean(cacheEmbeddings);
    saveIntermediate = body.path("save_intermediate").asBoolean(saveIntermediate);
    compressResults = body.path("compress_results").asBoolean(compressResults);
    logLevel = level;
    return json();
  }

  /** The modes as JSON. */
  ObjectNode json() {
    ObjectNode mode = JsonNodeFactory.instance.objectNode();
    mode.put("streaming", streaming);
    mode.put("cache_embeddings", cacheEmbeddings);
    mode.put("save_intermediate", saveIntermediate);
    mode.put("compress_results", compressResults);
    mode.put("log_level", logLevel);
    return mode;
  }
}
