package dev.runbooks.activities.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.runbooks.activities.Datasources;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The worker's named datasources as HikariCP pools, each opened when a step first uses it. A
 * password that is a secret reference ({@code env:NAME}, {@code file:/path}) is resolved then,
 * inside the activity; one that cannot be read fails that step with {@code SecretUnavailable}.
 */
public final class PooledDatasources implements Datasources.Pooled {
  private final Map<String, Datasources.Definition> definitions;
  private final Map<String, HikariDataSource> open = new ConcurrentHashMap<>();
  private final SecretRefs secrets = new SecretRefs();

  /** Pools for the given definitions, by name. */
  public PooledDatasources(Map<String, Datasources.Definition> definitions) {
    this.definitions = Map.copyOf(definitions);
  }

  @Override
  public Optional<DataSource> find(String name) {
    Datasources.Definition definition = definitions.get(name);
    if (definition == null) {
      return Optional.empty();
    }
    return Optional.of(open.computeIfAbsent(name, n -> pool(n, definition)));
  }

  @Override
  public Set<String> names() {
    return new TreeMap<>(definitions).keySet();
  }

  private HikariDataSource pool(String name, Datasources.Definition definition) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("datasource-" + name);
    config.setJdbcUrl(definition.url());
    config.setUsername(definition.username());
    String password = definition.password();
    if (password != null && (password.startsWith("env:") || password.startsWith("file:"))) {
      password = secrets.resolve("datasource", name + ".password", password);
    }
    config.setPassword(password);
    config.setMaximumPoolSize(Math.max(1, definition.poolSize()));
    config.setMinimumIdle(0);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  @Override
  public void close() {
    open.values().forEach(HikariDataSource::close);
    open.clear();
  }
}
