package dev.runbooks.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The runbook engine as one process: it watches the runbook catalog directory, runs the Temporal
 * worker that interprets every runbook on task queue {@code runbooks}, and serves the HTTP API on
 * port 8080. It needs a PostgreSQL database for the alert inbox ({@code DATABASE_URL}). Only on the
 * dev jar with the dev switch ({@code RUNBOOK_DEV_ENABLED=true}) may it start an embedded
 * PostgreSQL instead and, with {@code runbook.temporal.embedded=true}, an in-memory Temporal test
 * server, for trying things out only: runs are lost when the process stops.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RunbookApplication {

  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(RunbookApplication.class, args);
  }
}
