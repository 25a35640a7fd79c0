package dev.runbooks.tester.record;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code bin/runbook test --record} does once it has a run's history: records the case and
 * writes it beside the runbook ({@code <file-stem>.test.yaml} next to the runbook file found in the
 * given directories), or into the file given.
 */
public final class Recording {
  /**
   * What was written.
   *
   * @param file the test file
   * @param caseName the case's name as written
   * @param recorded the case
   */
  public record Written(Path file, String caseName, RecordedCase recorded) {}

  private Recording() {}

  /**
   * Records the run whose history is given as Temporal's JSON (payloads plain, as the API's history
   * endpoint answers them) and writes the case.
   *
   * @param historyJson the history
   * @param name the case's name, or null for {@code recorded <workflow id>}
   * @param out the test file, or null to write beside the runbook
   * @param searched where to look for the runbook's file when {@code out} is null
   * @throws RecordException when the run cannot be recorded or the file not written
   */
  public static Written record(String historyJson, String name, Path out, List<Path> searched) {
    return record(historyJson, name, out, searched, id -> null);
  }

  /**
   * Like {@link #record(String, String, Path, List)}, reading the histories of the runbooks the run
   * called through {@code called} (a child's workflow id to its history's JSON, or null).
   */
  public static Written record(
      String historyJson,
      String name,
      Path out,
      List<Path> searched,
      Function<String, String> called) {
    WorkflowExecutionHistory history = parse(historyJson);
    RecordedCase recorded =
        HistoryRecorder.record(
            history,
            name,
            DefaultDataConverter.STANDARD_INSTANCE,
            id -> {
              String json = called.apply(id);
              return json == null ? null : parse(json);
            });
    Path file = out != null ? out : beside(recorded.runbook(), searched);
    return new Written(file, TestFileWriter.write(recorded, file), recorded);
  }

  private static WorkflowExecutionHistory parse(String json) {
    try {
      return WorkflowExecutionHistory.fromJson(json);
    } catch (RuntimeException e) {
      throw new RecordException("not a Temporal history in JSON: " + e.getMessage(), e);
    }
  }

  /** The test file beside the runbook's file, found in the searched directories. */
  static Path beside(String runbook, List<Path> searched) {
    for (Path dir : searched) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      Optional<CatalogEntry> entry = RunbookCatalog.load(dir).find(runbook);
      if (entry.isPresent() && entry.get().file() != null) {
        Path file = entry.get().file();
        String stem = file.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
        return file.resolveSibling(stem + ".test.yaml");
      }
    }
    throw new RecordException(
        "runbook '"
            + runbook
            + "' was not found in "
            + searched
            + "; give the test file with --out");
  }
}
