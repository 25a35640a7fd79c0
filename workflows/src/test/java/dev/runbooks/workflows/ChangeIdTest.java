package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every change id in the registry has a recorded history that holds its {@code getVersion} marker
 * (so {@code ReplayTest} replays the change), and its history from before the change, when it names
 * one, holds none (so the old path is replayed too).
 */
class ChangeIdTest {

  @Test
  void everyChangeIdHasAReplayFixtureWithItsMarker() throws Exception {
    for (ChangeId change : ChangeId.values()) {
      assertThat(versions(change.fixture()))
          .as("%s in %s", change.id(), change.fixture())
          .containsEntry(change.id(), 1);
      if (change.fixtureBefore().isPresent()) {
        assertThat(versions(change.fixtureBefore().get()))
            .as("%s in %s", change.id(), change.fixtureBefore().get())
            .doesNotContainKey(change.id());
      }
    }
  }

  @Test
  void idsAreDistinctAndSpelledForHistory() {
    assertThat(Arrays.stream(ChangeId.values()).map(ChangeId::id))
        .doesNotHaveDuplicates()
        .allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"));
  }

  /** The {@code getVersion} markers of a recorded history: change id to version. */
  static Map<String, Integer> versions(String fixture) throws Exception {
    Path file = ReplayTest.DIR.resolve(fixture);
    assertThat(file).exists();
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    return markers(history.getEvents());
  }

  /** The {@code getVersion} markers of a history's events: change id to version. */
  static Map<String, Integer> markers(java.util.List<HistoryEvent> events) {
    Map<String, Integer> versions = new LinkedHashMap<>();
    for (HistoryEvent event : events) {
      if (event.getEventType() != EventType.EVENT_TYPE_MARKER_RECORDED
          || !event.getMarkerRecordedEventAttributes().getMarkerName().equals("Version")) {
        continue;
      }
      Map<String, Payloads> details = event.getMarkerRecordedEventAttributes().getDetailsMap();
      versions.put(
          decode(details.get("changeId"), String.class),
          decode(details.get("version"), Integer.class));
    }
    return versions;
  }

  private static <T> T decode(Payloads payloads, Class<T> type) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payloads.getPayloads(0), type, type);
  }
}
