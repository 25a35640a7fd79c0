package dev.runbooks.workflows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh in-memory Temporal environment with the real worker, and a real local HTTP server, for
 * each test; plus the header of a test runbook that takes the server's base URL as input {@code
 * base} and an optional input {@code cause} (default {@code memory}).
 */
abstract class WorkflowTestBase {
  RunbookTestEnv env;
  TestHttp http;

  @BeforeEach
  void startEnvironment() throws Exception {
    env = new RunbookTestEnv();
    http = new TestHttp();
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
    http.close();
  }

  static String header(String name) {
    return """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: %s
        inputs:
          base:
            type: string
            required: true
          cause:
            type: string
            default: memory
        """
        .formatted(name);
  }
}
