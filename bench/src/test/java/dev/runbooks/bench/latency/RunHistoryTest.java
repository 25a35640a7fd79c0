package dev.runbooks.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.temporal.api.history.v1.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A run's first step is its first activity task or its first read-only probe that ran as a local
 * activity (the interpreter's replay fixtures, recorded on the test server).
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
  void aProbeThatRanAsALocalActivityStartsTheFirstStep() throws Exception {
    RunHistory run = read("local-probes.json");

    // the first GET was scheduled in the first workflow task, 739 ms into the recorded second
    assertThat(run.firstStep()).isEqualTo(Instant.ofEpochMilli(1796629500739L));
    assertThat(run.firstStep()).isAfterOrEqualTo(run.started()).isBefore(run.completed());
  }

  @Test
  void anActivityStartsTheFirstStepOfARunWithoutLocalProbes() throws Exception {
    RunHistory run = read("control-flow.json");

    assertThat(run.firstStep()).isNotNull().isAfter(run.started()).isBefore(run.completed());
  }
}
