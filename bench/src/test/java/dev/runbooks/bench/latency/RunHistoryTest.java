package dev.runbooks.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.temporal.api.history.v1.History;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A run's start and completion, read from its history (the interpreter's replay fixtures, recorded
 * on the test server), with and without read-only probes run as local activities.
 */
class RunHistoryTest {
  private static final Path REPLAY = Path.of("../workflows/src/test/resources/replay");

  private static RunHistory read(String file) throws Exception {
    History.Builder history = History.newBuilder();
    JsonFormat.parser()
        .ignoringUnknownFields()
        .merge(Files.readString(REPLAY.resolve(file)), history);
    return RunHistory.of(history.getEventsList());
  }

  @Test
  void aRunWithLocalProbesHasItsStartAndCompletion() throws Exception {
    RunHistory run = read("local-probes.json");

    assertThat(run.started()).isNotNull();
    assertThat(run.completed()).isNotNull().isAfter(run.started());
  }

  @Test
  void aRunWithActivitiesHasItsStartAndCompletion() throws Exception {
    RunHistory run = read("control-flow.json");

    assertThat(run.started()).isNotNull();
    assertThat(run.completed()).isNotNull().isAfter(run.started());
  }
}
