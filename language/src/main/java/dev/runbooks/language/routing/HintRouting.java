package dev.runbooks.language.routing;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.model.Trigger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routing hint of an alert's {@code runbook_url} annotation ({@link RunbookHint}): the route it
 * adds when no trigger matched, and why it was used or not.
 */
final class HintRouting {
  private HintRouting() {}

  record Hinted(RunbookHint hint, Optional<Route> route) {}

  static Hinted hinted(
      Alert alert, List<CompiledRunbook> sorted, Map<String, Object> view, boolean matched) {
    String url = alert.annotations().get(RunbookUrl.ANNOTATION);
    if (url == null) {
      return new Hinted(null, Optional.empty());
    }
    RunbookUrl.Parsed parsed = RunbookUrl.parse(url);
    if (!parsed.named()) {
      return new Hinted(new RunbookHint(url, null, false, parsed.problem()), Optional.empty());
    }
    String name = parsed.name();
    if (matched) {
      return ignored(url, name, "a runbook's trigger matches the alert: triggers come first");
    }
    Optional<CompiledRunbook> named =
        sorted.stream().filter(r -> r.name().equals(name)).findFirst();
    if (named.isEmpty()) {
      return ignored(url, name, "no runbook '" + name + "' in the catalog");
    }
    List<Trigger> triggers = named.get().definition().triggers();
    for (int i = 0; i < triggers.size(); i++) {
      Trigger trigger = triggers.get(i);
      Trigger anyName =
          new Trigger(
              trigger.source(),
              List.of(),
              trigger.labels(),
              trigger.when(),
              trigger.inputs(),
              trigger.dedupKey(),
              trigger.cooldown(),
              trigger.onResolved(),
              trigger.maxAge(),
              trigger.location(),
              trigger.path());
      boolean holds;
      try {
        holds = TriggerMatcher.matches(anyName, alert, view);
      } catch (RuntimeException e) {
        holds = false;
      }
      if (holds) {
        return new Hinted(
            new RunbookHint(
                url,
                name,
                true,
                "no trigger matches the alert; runbook_url names '"
                    + name
                    + "', whose trigger "
                    + trigger.path()
                    + " holds apart from the alert name"),
            Optional.of(AlertRouter.route(named.get(), i, trigger, alert, view)));
      }
    }
    return ignored(
        url,
        name,
        triggers.isEmpty()
            ? "runbook '" + name + "' has no trigger: it is started by people or a schedule"
            : "no trigger of runbook '"
                + name
                + "' holds apart from the alert name (source, labels, when)");
  }

  private static Hinted ignored(String url, String name, String reason) {
    return new Hinted(new RunbookHint(url, name, false, reason), Optional.empty());
  }
}
