package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MLX models JARVIS runs: the generation model and the embedding model, each loaded, unloaded
 * or in error, with model files that may be corrupt (then loading fails with {@code ModelLoadError}
 * until the files are downloaded again).
 */
final class Models {
  static final String GENERATION = "lfm-1.2b";
  static final String EMBEDDING = "bge-small";

  /** One model. */
  static final class Model {
    final String name;
    final String kind;
    final double sizeMb;
    String status = "loaded";
    boolean filesOk = true;
    String lastError;
    Instant loadedAt;

    Model(String name, String kind, double sizeMb) {
      this.name = name;
      this.kind = kind;
      this.sizeMb = sizeMb;
    }

    boolean loaded() {
      return status.equals("loaded");
    }

    String loadError() {
      return "ModelLoadError: "
          + name
          + ": safetensors checksum mismatch in model.safetensors (file corrupt)";
    }
  }

  private final Map<String, Model> models = new LinkedHashMap<>();

  Models() {
    reset();
  }

  void reset() {
    models.clear();
    models.put(GENERATION, new Model(GENERATION, "generation", 1200));
    models.put(EMBEDDING, new Model(EMBEDDING, "embedding", 200));
  }

  /** A model by name, or null. */
  Model get(String name) {
    return models.get(name);
  }

  Collection<Model> all() {
    return models.values();
  }

  /** The memory the loaded models hold, in MB. */
  double loadedMb() {
    return models.values().stream().filter(Model::loaded).mapToDouble(m -> m.sizeMb).sum();
  }

  /** Unloads every model; returns the MB freed. */
  double unloadAll() {
    double freed = loadedMb();
    for (Model m : models.values()) {
      if (m.loaded()) {
        m.status = "unloaded";
      }
    }
    return freed;
  }

  /** Loads a model whose files are intact; a corrupt one goes into error. */
  void load(Model m, Instant now) {
    if (m.filesOk) {
      m.status = "loaded";
      m.lastError = null;
      m.loadedAt = now;
    } else {
      m.status = "error";
      m.lastError = m.loadError();
    }
  }

  /** Marks a model's files corrupt: the loaded weights fail and the model is in error. */
  void corrupt(String name) {
    Model m = models.get(name);
    if (m == null) {
      throw new IllegalArgumentException("unknown model '" + name + "'; known: " + models.keySet());
    }
    m.filesOk = false;
    m.status = "error";
    m.lastError = m.loadError();
  }

  /** Whether any model's files are corrupt. */
  boolean anyCorrupt() {
    return models.values().stream().anyMatch(m -> !m.filesOk);
  }

  ObjectNode status() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode list = out.putArray("models");
    for (Model m : models.values()) {
      ObjectNode node = list.addObject();
      node.put("name", m.name);
      node.put("kind", m.kind);
      node.put("status", m.status);
      node.put("size_mb", m.sizeMb);
      node.put("loaded_at", m.loadedAt == null ? null : m.loadedAt.toString());
      node.put("last_error", m.lastError);
    }
    out.put("loaded_mb", loadedMb());
    return out;
  }

  /** What {@code jarvis models verify} reports: the checksum of every model's files. */
  ObjectNode verify() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode list = out.putArray("models");
    ArrayNode corrupt = out.putArray("corrupt");
    for (Model m : models.values()) {
      ObjectNode node = list.addObject();
      node.put("name", m.name);
      node.put("ok", m.filesOk);
      node.put("checksum", m.filesOk ? "sha256 matches manifest" : "sha256 mismatch");
      if (!m.filesOk) {
        corrupt.add(m.name);
      }
    }
    out.put("ok", corrupt.isEmpty());
    return out;
  }
}
