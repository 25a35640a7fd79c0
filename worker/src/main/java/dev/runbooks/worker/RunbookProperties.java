package dev.runbooks.worker;

import dev.runbooks.language.model.RouteType;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's top-level settings ({@code runbook.*}) that belong to no narrower group: the data
 * directory, the named datasources of {@code sql} and {@code dlq} steps and the named escalation
 * routes. A bad value stops start-up with the key's name (an unknown route type fails its binding;
 * the routes' other rules are checked by {@code EscalationRoutes}).
 *
 * @param dataDir the directory the dev configuration keeps its embedded PostgreSQL in (dev switch
 *     only)
 * @param datasources the datasources of {@code sql} and {@code dlq} steps by name ({@code
 *     datasource: orders} in a runbook)
 * @param routes the escalation routes by name ({@code route: oncall} in a runbook)
 */
@Validated
@ConfigurationProperties("runbook")
public record RunbookProperties(
    @DefaultValue("./.data") Path dataDir,
    Map<String, Datasource> datasources,
    Map<String, Route> routes) {

  /**
   * Normalizes absent maps to empty ones and checks each datasource here, where its name is known,
   * so that the failure names the key as it is written ({@code runbook.datasources.<name>.url}).
   */
  public RunbookProperties {
    dataDir = dataDir == null ? Path.of("./.data") : dataDir;
    datasources = datasources == null ? Map.of() : datasources;
    routes = routes == null ? Map.of() : routes;
    datasources.forEach(
        (name, d) -> {
          String at = "runbook.datasources." + name;
          if (d.poolSize() < 1) {
            throw new IllegalArgumentException(
                at + ".pool-size must be at least 1; it is " + d.poolSize());
          }
          if (d.url() == null || d.url().isBlank()) {
            throw new IllegalArgumentException(
                at + ".url is required: set it to the JDBC URL of the database");
          }
        });
  }

  /**
   * One datasource ({@code runbook.datasources.<name>.*}).
   *
   * @param url the JDBC URL, such as {@code jdbc:postgresql://db:5432/orders}
   * @param username the user name
   * @param password the password: a value or a secret reference ({@code env:NAME}, {@code
   *     file:/path})
   * @param poolSize the most connections the pool keeps open
   */
  public record Datasource(
      String url, String username, String password, @DefaultValue("4") int poolSize) {}

  /**
   * One escalation route ({@code runbook.routes.<name>.*}).
   *
   * @param type where the route sends: {@code pagerduty}, {@code slack}, {@code teams} or {@code
   *     webhook}
   * @param url the endpoint: a plain http(s) URL or a secret reference ({@code env:NAME}, {@code
   *     file:/path}); optional for PagerDuty
   * @param routingKey the PagerDuty routing key (integration key) as a secret reference; PagerDuty
   *     only, required there
   */
  public record Route(RouteType type, String url, String routingKey) {}
}
