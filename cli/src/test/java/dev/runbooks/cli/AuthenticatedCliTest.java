package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runbooks.cli.ValidateCommandTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a stand-in API: the headers every request carries, where the token comes from,
 * and the exit codes and messages of 401 and 403.
 */
class AuthenticatedCliTest {
  private static final String TOKEN = "rbk_" + "A".repeat(43);
  private static final String FILE_TOKEN = "rbk_" + "F".repeat(43);
  private static final String RUN = "/api/runs/runbook/gated/1";

  private FakeApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi().answer("GET " + RUN, 200, "{\"workflowId\":\"runbook/gated/1\"}");
  }

  @AfterEach
  void stop() {
    api.close();
    System.clearProperty(ApiOptions.HOME_PROPERTY);
  }

  /** These tests need a shell that gives the CLI no token of its own. */
  private static void assumeNoAmbientToken() {
    for (String name : new String[] {"RUNBOOK_TOKEN", "RUNBOOK_DATA_DIR", "RUNBOOK_HOME"}) {
      assumeTrue(System.getenv(name) == null, name + " is set in this shell");
    }
  }

  @Test
  void sendsTheTokenAsABearerAndTheCliChannel() {
    Result status = api.cli("status", "runbook/gated/1", "--json", "--token", TOKEN);
    assertThat(status.code()).as(status.err()).isZero();
    FakeApi.Request request = api.only();
    assertThat(request.path()).isEqualTo(RUN);
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.header("X-Runbook-Channel")).isEqualTo("cli");
    assertThat(status.out() + status.err()).doesNotContain(TOKEN);
  }

  @Test
  void takesTheOptionsGivenBeforeTheCommandToo() {
    Result status =
        ValidateCommandTest.run("--api", api.url(), "--token", TOKEN, "status", "runbook/gated/1");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(api.only().header("Authorization")).isEqualTo("Bearer " + TOKEN);

    api.requests.clear();
    String other = "rbk_" + "O".repeat(43);
    Result own = api.cli("--token", TOKEN, "status", "runbook/gated/1", "--token", other);
    assertThat(own.code()).as(own.err()).isZero();
    assertThat(api.only().header("Authorization"))
        .as("the command's own --token wins")
        .isEqualTo("Bearer " + other);
  }

  @Test
  void readsTheTokenOfALocalStackFromItsCredentialsFile(@TempDir Path home) throws Exception {
    assumeNoAmbientToken();
    Files.createDirectories(home.resolve(".data"));
    Files.writeString(
        home.resolve(".data/credentials.env"),
        "RUNBOOK_ADMIN_PASSWORD=secret\nRUNBOOK_TOKEN=" + FILE_TOKEN + "\n");
    System.setProperty(ApiOptions.HOME_PROPERTY, home.toString());

    Result status = api.cli("status", "runbook/gated/1", "--json");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(api.only().header("Authorization")).isEqualTo("Bearer " + FILE_TOKEN);

    api.requests.clear();
    Result given = api.cli("status", "runbook/gated/1", "--json", "--token", TOKEN);
    assertThat(given.code()).as(given.err()).isZero();
    assertThat(api.only().header("Authorization")).as("--token wins").isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void sendsNoAuthorizationWithoutAToken() {
    assumeNoAmbientToken();
    Result status = api.cli("status", "runbook/gated/1", "--json");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(api.only().header("Authorization")).isNull();
    assertThat(api.only().header("X-Runbook-Channel")).isEqualTo("cli");
  }

  @Test
  void saysHowToAuthenticateOnA401AndExitsFour() {
    assumeNoAmbientToken();
    api.answer("GET " + RUN, 401, "");
    Result anonymous = api.cli("status", "runbook/gated/1");
    assertThat(anonymous.code()).isEqualTo(77);
    assertThat(anonymous.err())
        .isEqualTo("error: not authenticated: pass --token or set RUNBOOK_TOKEN\n");

    Result refused = api.cli("status", "runbook/gated/1", "--token", TOKEN);
    assertThat(refused.code()).isEqualTo(77);
    assertThat(refused.err())
        .contains("not authenticated: the API refused the token from --token")
        .contains("pass --token or set RUNBOOK_TOKEN")
        .doesNotContain(TOKEN);
  }

  @Test
  void printsTheServersReasonOnA403AndExitsFour() {
    api.answer(
        "POST /api/runbooks/disk-cleanup/runs",
        403,
        "{\"error\":\"forbidden\",\"reason\":\"only group:sre may start disk-cleanup\"}");
    Result start = api.cli("start", "disk-cleanup", "--token", TOKEN);
    assertThat(start.code()).isEqualTo(77);
    assertThat(start.err())
        .contains("error: not allowed: only group:sre may start disk-cleanup (403)")
        .doesNotContain(TOKEN);
    FakeApi.Request request = api.only();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void keepsExitCodeOneForOtherErrors() {
    api.answer("GET " + RUN, 404, "{\"error\":\"no such run\"}");
    Result missing = api.cli("status", "runbook/gated/1", "--token", TOKEN);
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("error: no such run (404)");
  }
}
