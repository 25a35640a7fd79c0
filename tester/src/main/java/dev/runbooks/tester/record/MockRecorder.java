package dev.runbooks.tester.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a run's action activities into mocks: per step id, what each attempt answered, in order.
 * One answer becomes {@code result:} or {@code error:}; several (retries, polls, foreach items)
 * become a {@code sequence:}, whose last entry repeats. Escalations get no mock: the tester
 * captures them itself.
 */
final class MockRecorder {
  /** The error type of an earlier attempt whose failure the history did not keep. */
  static final String UNRECORDED_ATTEMPT = "RecordedAttemptFailed";

  private MockRecorder() {}

  /** The {@code mocks:} of a case, by step id in the order the steps first asked. */
  static Map<String, Object> mocks(List<ActivityCall> calls) {
    Map<String, List<Map<String, Object>>> byStep = new LinkedHashMap<>();
    for (ActivityCall call : calls) {
      if (call.escalation()) {
        continue;
      }
      List<Map<String, Object>> answers =
          byStep.computeIfAbsent(call.stepId(), k -> new ArrayList<>());
      for (int attempt = 1; attempt < call.attempts(); attempt++) {
        answers.add(earlier(call, attempt));
      }
      answers.add(last(call));
    }
    Map<String, Object> mocks = new LinkedHashMap<>();
    byStep.forEach(
        (step, answers) -> {
          if (answers.stream().distinct().count() == 1) {
            mocks.put(step, answers.get(answers.size() - 1));
          } else {
            Map<String, Object> sequence = new LinkedHashMap<>();
            sequence.put("sequence", answers);
            mocks.put(step, sequence);
          }
        });
    return mocks;
  }

  private static Map<String, Object> earlier(ActivityCall call, int attempt) {
    Map<String, Object> answer = new LinkedHashMap<>();
    if (call.earlierError() != null) {
      answer.put("error", call.earlierError());
    } else if (call.error() != null) {
      answer.put("error", call.error());
    } else {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("type", UNRECORDED_ATTEMPT);
      error.put("message", "attempt " + attempt + " failed; the history does not keep why");
      answer.put("error", error);
    }
    return answer;
  }

  private static Map<String, Object> last(ActivityCall call) {
    Map<String, Object> answer = new LinkedHashMap<>();
    if (call.error() != null) {
      answer.put("error", call.error());
    } else {
      answer.put("result", call.result() == null ? Map.of() : call.result());
    }
    if (call.lastAttemptMs() >= 1000) {
      answer.put("duration", CompactDurations.floor(call.lastAttemptMs()));
    }
    return answer;
  }
}
