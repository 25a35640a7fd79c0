package dev.runbooks.activities.internal;

import dev.runbooks.activities.Datasources;
import dev.runbooks.activities.StepFailures;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.JdbiException;

/**
 * What the {@code sql} and {@code dlq} executors share: finding a named datasource, telling a
 * database that is away (retryable) from a statement it refuses (not retryable), quoting
 * identifiers, and turning column values into plain JSON values.
 */
final class SqlSupport {
  /**
   * A plain SQL identifier, optionally schema-qualified: {@code dead_letter_queue}, {@code q.dlq}.
   */
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private SqlSupport() {}

  static DataSource dataSource(Datasources datasources, String type, String name) {
    return datasources
        .find(name)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    type
                        + " step: the worker has no datasource named '"
                        + name
                        + "' (configured: "
                        + datasources.names()
                        + "; set runbook.datasources."
                        + name
                        + ".url)",
                    StepFailures.UNKNOWN_DATASOURCE));
  }

  /**
   * A failure for a database exception: {@code DatasourceUnavailable} (retryable) for connection
   * trouble, cancellation, timeouts, serialization failures and deadlocks, {@code SqlQueryError}
   * (non-retryable) for everything the database refuses.
   */
  static ApplicationFailure failure(String what, Throwable e, Object evidence) {
    SQLException sql = sqlCause(e);
    String state = sql == null ? null : sql.getSQLState();
    String reason = sql != null ? sql.getMessage() : String.valueOf(e.getMessage());
    boolean transientTrouble =
        sql == null
            || sql instanceof SQLTransientException
            || sql instanceof SQLRecoverableException
            || state == null
            || state.startsWith("08")
            || state.startsWith("53")
            || state.startsWith("57")
            || state.equals("40001")
            || state.equals("40P01");
    String message = what + " failed" + (state == null ? "" : " (SQLState " + state + ")") + ": ";
    message += reason;
    if (transientTrouble) {
      return evidence == null
          ? ApplicationFailure.newFailure(message, StepFailures.DATASOURCE_UNAVAILABLE)
          : ApplicationFailure.newFailure(message, StepFailures.DATASOURCE_UNAVAILABLE, evidence);
    }
    return evidence == null
        ? ApplicationFailure.newNonRetryableFailure(message, StepFailures.SQL_QUERY_ERROR)
        : ApplicationFailure.newNonRetryableFailure(
            message, StepFailures.SQL_QUERY_ERROR, evidence);
  }

  /** Whether an exception is (or wraps) a database exception. */
  static boolean isDatabaseError(Throwable e) {
    return e instanceof JdbiException || sqlCause(e) != null;
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  /** An identifier checked against {@link #IDENTIFIER} (each dotted part) and double-quoted. */
  static String quote(String type, String field, String name) {
    String[] parts = name.split("\\.", -1);
    if (parts.length > 2) {
      throw StepFailures.invalidConfig(type, field, "must be a name or schema.name");
    }
    List<String> quoted = new ArrayList<>();
    for (String part : parts) {
      if (!IDENTIFIER.matcher(part).matches()) {
        throw StepFailures.invalidConfig(
            type,
            field,
            "must be an SQL identifier: letters, digits and _, not starting with a digit");
      }
      quoted.add('"' + part + '"');
    }
    return String.join(".", quoted);
  }

  /** A column value as a plain JSON value. */
  static Object json(Object value) throws SQLException {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big.toString();
    }
    if (value instanceof BigDecimal dec) {
      if (dec.scale() <= 0 && dec.precision() - dec.scale() < 19) {
        return dec.longValue();
      }
      return dec.doubleValue();
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toInstant().toString();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant().toString();
    }
    if (value instanceof LocalDateTime ldt) {
      return ldt.toInstant(ZoneOffset.UTC).toString();
    }
    if (value instanceof LocalDate || value instanceof Instant) {
      return value.toString();
    }
    if (value instanceof Array array) {
      Object[] items = (Object[]) array.getArray();
      List<Object> out = new ArrayList<>(items.length);
      for (Object item : items) {
        out.add(json(item));
      }
      return out;
    }
    if (value instanceof byte[] bytes) {
      return "\\x" + java.util.HexFormat.of().formatHex(bytes);
    }
    String text = value.toString();
    String kind = value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    if (kind.equals("pgobject") && JsonValues.looksLikeJson(text)) {
      return JsonValues.parseOr(text, text);
    }
    return text;
  }
}
