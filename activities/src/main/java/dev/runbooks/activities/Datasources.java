package dev.runbooks.activities;

import dev.runbooks.activities.internal.PooledDatasources;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The databases that {@code sql} and {@code dlq} steps may use, by name. Runbooks name a datasource
 * ({@code datasource: juggernaut}); the worker configures what the name means, so a runbook never
 * holds a connection URL or a password. Implementations resolve credentials lazily, inside the
 * activity, and may throw an {@link io.temporal.failure.ApplicationFailure} of type {@code
 * SecretUnavailable} when a password reference cannot be read.
 */
public interface Datasources {
  /** The data source of a name, or empty when the worker has none by that name. */
  Optional<DataSource> find(String name);

  /** The configured names, for messages. */
  Set<String> names();

  /**
   * A registry without datasources: every step that names one fails with {@code UnknownDatasource}.
   */
  static Datasources none() {
    return new Datasources() {
      @Override
      public Optional<DataSource> find(String name) {
        return Optional.empty();
      }

      @Override
      public Set<String> names() {
        return Set.of();
      }
    };
  }

  /**
   * A registry of pooled connections (HikariCP), opened on first use inside an activity, so that a
   * password reference is resolved there and a database that is down delays only its steps. Close
   * it (it is {@link AutoCloseable}) when the worker stops.
   */
  static Pooled pooled(Map<String, Definition> definitions) {
    return new PooledDatasources(definitions);
  }

  /** A registry that holds connection pools and closes them. */
  interface Pooled extends Datasources, AutoCloseable {
    @Override
    void close();
  }

  /**
   * How to reach one database.
   *
   * @param url a {@code jdbc:postgresql:} URL
   * @param username the user, or null
   * @param password the password, a secret reference ({@code env:NAME} or {@code file:/path},
   *     resolved when the pool opens), or null
   * @param poolSize the most connections the worker opens to it
   */
  record Definition(String url, String username, String password, int poolSize) {
    @Override
    public String toString() {
      return "Definition[" + url + ", user=" + username + ", poolSize=" + poolSize + "]";
    }
  }
}
