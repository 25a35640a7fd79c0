package dev.runbooks.cli;

import dev.runbooks.cli.ValidateCommandTest.Result;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The base of the tests that run the CLI against a real API the Spring test context serves on a
 * random port: each subclass names its application in its own {@code @SpringBootTest} and gives it
 * {@link #BOOTSTRAP} so that the CLI's {@link #TOKEN} is an admin token of the API.
 */
abstract class ApiCli {
  /** The API token the CLI sends: registered at start-up as the admin's bootstrap token. */
  static final String TOKEN = "rbk_cliTestsToken0123456789abcdefghijklmnopqrst";

  /** The property that registers {@link #TOKEN}. */
  static final String BOOTSTRAP = "runbook.security.bootstrap.token=" + TOKEN;

  @LocalServerPort int port;

  /**
   * Runs the CLI with the given arguments, {@code --api} pointed at the test server and {@code
   * --token} the admin's token.
   */
  Result cli(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--api";
    all[args.length + 1] = "http://localhost:" + port;
    all[args.length + 2] = "--token";
    all[args.length + 3] = TOKEN;
    return ValidateCommandTest.run(all);
  }

  /** The workflow id that {@code runbook start} printed. */
  static String workflowId(Result started) {
    return started.out().replaceAll("(?s).*workflow id: (\\S+).*", "$1");
  }
}
