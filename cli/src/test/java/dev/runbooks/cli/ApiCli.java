package dev.runbooks.cli;

import dev.runbooks.cli.ValidateCommandTest.Result;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The base of the tests that run the CLI against a real API the Spring test context serves on a
 * random port: each subclass names its application in its own {@code @SpringBootTest}.
 */
abstract class ApiCli {
  @LocalServerPort int port;

  /** Runs the CLI with the given arguments and {@code --api} pointed at the test server. */
  Result cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--api";
    all[args.length + 1] = "http://localhost:" + port;
    return ValidateCommandTest.run(all);
  }

  /** The workflow id that {@code runbook start} printed. */
  static String workflowId(Result started) {
    return started.out().replaceAll("(?s).*workflow id: (\\S+).*", "$1");
  }
}
