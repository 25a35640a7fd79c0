package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.cli.internal.TokenSource;
import dev.runbooks.cli.internal.TokenSource.Found;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which the CLI looks for its token, and the hosts that read the local file. */
class TokenSourceTest {
  private static final URI LOCAL = URI.create("http://localhost:8080");
  @TempDir Path home;

  @BeforeEach
  void credentials() throws Exception {
    Files.createDirectories(home.resolve(".data"));
    Files.writeString(
        home.resolve(".data/credentials.env"),
        "# written by make run\nRUNBOOK_ADMIN_PASSWORD=pw\nRUNBOOK_TOKEN=rbk_file\n");
  }

  @Test
  void optionThenEnvironmentThenTheLocalFile() {
    assertThat(TokenSource.resolve("rbk_opt", Map.of("RUNBOOK_TOKEN", "rbk_env"), home, LOCAL))
        .contains(new Found("rbk_opt", "--token"));
    assertThat(TokenSource.resolve(null, Map.of("RUNBOOK_TOKEN", "rbk_env"), home, LOCAL))
        .contains(new Found("rbk_env", "RUNBOOK_TOKEN"));
    assertThat(TokenSource.resolve("  ", Map.of("RUNBOOK_TOKEN", " "), home, LOCAL))
        .contains(new Found("rbk_file", home.resolve(".data/credentials.env").toString()));
  }

  @Test
  void readsTheFileOnlyForAnApiOnThisMachine() {
    for (String url :
        new String[] {
          "http://localhost:1", "http://127.0.0.1:1", "http://[::1]:1", "http://LOCALHOST"
        }) {
      assertThat(TokenSource.resolve(null, Map.of(), home, URI.create(url)))
          .as(url)
          .map(Found::token)
          .contains("rbk_file");
    }
    assertThat(
            TokenSource.resolve(null, Map.of(), home, URI.create("https://runbooks.example.com")))
        .isEmpty();
    assertThat(TokenSource.resolve(null, Map.of(), home, URI.create("http://10.0.0.5:8080")))
        .isEmpty();
  }

  @Test
  void aDataDirectoryOfItsOwnAndNoFileAtAll(@TempDir Path other) throws Exception {
    Files.writeString(other.resolve("credentials.env"), "export RUNBOOK_TOKEN=\"rbk_other\"\n");
    assertThat(TokenSource.resolve(null, Map.of("RUNBOOK_DATA_DIR", other.toString()), home, LOCAL))
        .map(Found::token)
        .contains("rbk_other");
    assertThat(TokenSource.resolve(null, Map.of(), null, LOCAL)).isEmpty();
    assertThat(TokenSource.resolve(null, Map.of(), home.resolve("nowhere"), LOCAL)).isEmpty();
  }

  @Test
  void neverShowsTheTokenInItsText() {
    Optional<Found> found = TokenSource.resolve("rbk_secret", Map.of(), null, LOCAL);
    assertThat(found.orElseThrow().toString()).isEqualTo("token from --token");
  }
}
