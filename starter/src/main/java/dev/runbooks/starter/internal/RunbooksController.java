package dev.runbooks.starter.internal;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.FileProblem;
import dev.runbooks.language.catalog.RunbookCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The catalog endpoints: which runbooks the worker serves, and each one's definition. */
@Tag(name = "runbooks")
@RestController
@RequestMapping("/api/runbooks")
public class RunbooksController {
  private final RunbookCatalog catalog;

  RunbooksController(RunbookCatalog catalog) {
    this.catalog = catalog;
  }

  /** Every runbook in the catalog, plus the files it rejected with their problems. */
  @Operation(operationId = "listRunbooks", summary = "The runbooks of the catalog.")
  @GetMapping
  Map<String, Object> list() {
    List<Map<String, Object>> runbooks = new ArrayList<>();
    catalog.all().stream()
        .sorted(Comparator.comparing(CatalogEntry::name))
        .forEach(entry -> runbooks.add(RunbookViews.summary(entry)));
    List<Map<String, Object>> files = new ArrayList<>();
    for (FileProblem rejected : catalog.problems()) {
      files.add(Map.of("file", rejected.file().toString(), "problems", rejected.messages()));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("runbooks", runbooks);
    answer.put("rejected", files);
    return answer;
  }

  /** One runbook's definition summary, inputs, source and Mermaid graph. */
  @Operation(
      operationId = "getRunbook",
      summary = "One runbook of the catalog: its definition and version.")
  @GetMapping("/{name}")
  Map<String, Object> get(@PathVariable String name) {
    return RunbookViews.detail(find(catalog, name));
  }

  static CatalogEntry find(RunbookCatalog catalog, String name) {
    return catalog
        .find(name)
        .orElseThrow(() -> ApiException.notFound("no such runbook: '" + name + "'"));
  }
}
