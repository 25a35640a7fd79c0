package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The iMessage database JARVIS reads ({@code ~/Library/Messages/chat.db}): readable only with Full
 * Disk Access, locked for a while when the Messages app holds it, or corrupt (then only a Time
 * Machine restore helps). JARVIS's own search index over it can be rebuilt.
 */
final class MessagesDb {
  static final String PATH = "~/Library/Messages/chat.db";

  boolean fullDiskAccess = true;
  boolean locked;
  Instant lockReleaseAt;
  boolean corrupt;
  boolean messagesAppRunning = true;
  long messages = 48213;
  Instant indexesRebuiltAt;
  long indexRebuilds;

  void reset() {
    fullDiskAccess = true;
    locked = false;
    lockReleaseAt = null;
    corrupt = false;
    messagesAppRunning = true;
    indexesRebuiltAt = null;
    indexRebuilds = 0;
  }

  /** The Messages app releases its lock when its time has come. */
  void tick(Instant now) {
    if (locked && lockReleaseAt != null && !now.isBefore(lockReleaseAt)) {
      locked = false;
      lockReleaseAt = null;
    }
  }

  /** The error code a query gets now, or null when the database answers. */
  String errorCode() {
    if (!fullDiskAccess) {
      return "MSG_ACCESS_DENIED";
    }
    if (corrupt) {
      return "MSG_DB_CORRUPT";
    }
    if (locked) {
      return "MSG_DB_LOCKED";
    }
    return null;
  }

  /** The exception JARVIS logs for the current error, or null. */
  String error() {
    String code = errorCode();
    if (code == null) {
      return null;
    }
    return switch (code) {
      case "MSG_ACCESS_DENIED" ->
          "iMessageAccessError: unable to open " + PATH + ": Full Disk Access not granted";
      case "MSG_DB_CORRUPT" -> "iMessageQueryError: database disk image is malformed";
      default -> "iMessageQueryError: database is locked (held by Messages)";
    };
  }

  /** The HTTP status {@code /db/ping} answers for the current error. */
  int pingStatus() {
    String code = errorCode();
    if (code == null) {
      return 200;
    }
    return switch (code) {
      case "MSG_ACCESS_DENIED" -> 403;
      case "MSG_DB_CORRUPT" -> 500;
      default -> 503;
    };
  }

  ObjectNode ping() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    String code = errorCode();
    out.put("ok", code == null);
    if (code == null) {
      out.put("latency_ms", 3);
      out.put("messages", messages);
    } else {
      out.put("error_code", code);
      out.put("error", error());
    }
    return out;
  }

  /** What {@code jarvis db check} and the seed's diagnosis commands find out. */
  ObjectNode check() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("path", PATH);
    out.put("exists", true);
    out.put("full_disk_access", fullDiskAccess);
    out.put("readable", fullDiskAccess);
    out.put("size_mb", 412);
    out.put("locked", locked);
    out.put("locked_by", locked ? "Messages" : null);
    out.put("messages_app_running", messagesAppRunning);
    if (!fullDiskAccess) {
      out.put("integrity", "unknown (no access)");
    } else if (corrupt) {
      out.put(
          "integrity",
          "*** in database main ***\nPage 4127: btreeInitPage() returns error code 11");
    } else {
      out.put("integrity", "ok");
    }
    out.put("schema_version", fullDiskAccess && !corrupt ? 18 : null);
    out.put("error_code", errorCode());
    return out;
  }

  ObjectNode permissions() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("full_disk_access", fullDiskAccess);
    out.put("contacts", true);
    out.put("automation", true);
    out.put("ok", fullDiskAccess);
    return out;
  }

  ObjectNode json() {
    ObjectNode out = check();
    out.remove("path");
    out.put("lock_release_at", lockReleaseAt == null ? null : lockReleaseAt.toString());
    out.put("indexes_rebuilt_at", indexesRebuiltAt == null ? null : indexesRebuiltAt.toString());
    out.put("index_rebuilds", indexRebuilds);
    return out;
  }
}
