package dev.runbooks.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The runbook engine as one process: it watches the runbook catalog directory, runs the Temporal
 * worker that interprets every runbook on task queue {@code runbooks}, and serves the HTTP API on
 * port 8080. With {@code runbook.temporal.embedded=true} it also starts an in-memory Temporal test
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
