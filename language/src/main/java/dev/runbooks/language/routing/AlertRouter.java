package dev.runbooks.language.routing;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.inputs.InputBinder;
import dev.runbooks.language.inputs.InputException;
import dev.runbooks.language.model.Trigger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Routes an alert to the runbooks whose triggers match it. For every runbook, the first trigger
 * that matches wins. When no trigger of any runbook matches, the alert's {@code runbook_url}
 * annotation may name the runbook ({@link #hint}). For the chosen trigger, its inputs are rendered
 * as templates over {@code alert} and bound to the runbook's declared inputs, and its dedup key is
 * rendered (the alert's fingerprint by default). Problems come back as values in the {@link Route},
 * never as exceptions.
 *
 * <p>Pure (no clock, no I/O) and thread-safe: one router may serve every request. Cooldowns and
 * deduplication are the intake's job; the router only says which key and cooldown apply.
 */
public final class AlertRouter {
  /** The longest dedup key kept in a workflow id. */
  public static final int MAX_KEY_LENGTH = 200;

  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._:/=-]");
  private static final Comparator<CompiledRunbook> BY_NAME =
      Comparator.comparing(CompiledRunbook::name).thenComparing(CompiledRunbook::version);

  /** Creates a router. */
  public AlertRouter() {}

  /**
   * The routes of an alert, one per runbook with a matching trigger, ordered by runbook name.
   *
   * @param alert the alert, firing or resolved
   * @param runbooks the runbooks in service
   */
  public List<Route> route(Alert alert, Collection<CompiledRunbook> runbooks) {
    Map<String, Object> view = alert.toExpressionView();
    List<CompiledRunbook> sorted = new ArrayList<>(runbooks);
    sorted.sort(BY_NAME);
    List<Route> routes = new ArrayList<>();
    for (CompiledRunbook runbook : sorted) {
      List<Trigger> triggers = runbook.definition().triggers();
      for (int i = 0; i < triggers.size(); i++) {
        Trigger trigger = triggers.get(i);
        boolean matched;
        try {
          matched = TriggerMatcher.matches(trigger, alert, view);
        } catch (RuntimeException e) {
          routes.add(
              failed(runbook, i, trigger, alert, "trigger " + trigger.path() + ": " + message(e)));
          break;
        }
        if (matched) {
          routes.add(route(runbook, i, trigger, alert, view));
          break;
        }
      }
    }
    if (routes.isEmpty()) {
      HintRouting.hinted(alert, sorted, view, false).route().ifPresent(routes::add);
    }
    return routes;
  }

  /**
   * What the alert's {@code runbook_url} annotation does, when it has one ({@link RunbookHint}):
   * triggers first, the hint only when no trigger of any runbook matches. Agrees with {@link
   * #route}: the hint is {@code used} exactly when it added the route.
   *
   * @param alert the alert, firing or resolved
   * @param runbooks the runbooks in service
   */
  public Optional<RunbookHint> hint(Alert alert, Collection<CompiledRunbook> runbooks) {
    if (!alert.annotations().containsKey(RunbookUrl.ANNOTATION)) {
      return Optional.empty();
    }
    Map<String, Object> view = alert.toExpressionView();
    List<CompiledRunbook> sorted = new ArrayList<>(runbooks);
    sorted.sort(BY_NAME);
    boolean matched = false;
    for (CompiledRunbook runbook : sorted) {
      for (Trigger trigger : runbook.definition().triggers()) {
        try {
          matched |= TriggerMatcher.matches(trigger, alert, view);
        } catch (RuntimeException e) {
          matched = true; // a failing trigger routes (with its problem), as in route()
        }
      }
    }
    return Optional.of(HintRouting.hinted(alert, sorted, view, matched).hint());
  }

  /**
   * Why the alert routes (or not) to each runbook: one verdict per trigger of every runbook,
   * ordered by runbook name and trigger index. A runbook without triggers has none. The verdicts
   * agree with {@link #route}: a runbook has a route exactly when one of its verdicts is {@code
   * chosen}, and that verdict's index is the route's trigger index. Pure: {@code now} is only used
   * to say how old the alert is against a trigger's {@code maxAge}.
   *
   * @param alert the alert, firing or resolved
   * @param runbooks the runbooks in service
   * @param now the time to measure the alert's age at
   */
  public List<TriggerVerdict> explain(
      Alert alert, Collection<CompiledRunbook> runbooks, java.time.Instant now) {
    Map<String, Object> view = alert.toExpressionView();
    List<CompiledRunbook> sorted = new ArrayList<>(runbooks);
    sorted.sort(BY_NAME);
    List<TriggerVerdict> verdicts = new ArrayList<>();
    for (CompiledRunbook runbook : sorted) {
      List<Trigger> triggers = runbook.definition().triggers();
      boolean decided = false;
      for (int i = 0; i < triggers.size(); i++) {
        Trigger trigger = triggers.get(i);
        TriggerExplainer.Finding f = TriggerExplainer.explain(trigger, alert, view, now);
        boolean chosen = !decided && (f.matched() || f.failed());
        decided |= chosen;
        verdicts.add(
            new TriggerVerdict(
                runbook.name(),
                runbook.version(),
                i,
                trigger.path(),
                f.matched(),
                f.reasons(),
                chosen,
                f.failed(),
                f.stale()));
      }
    }
    return verdicts;
  }

  static Route route(
      CompiledRunbook runbook, int index, Trigger trigger, Alert alert, Map<String, Object> view) {
    Map<String, Object> vars = Map.of("alert", view);
    List<String> problems = new ArrayList<>();
    Map<String, Object> given = new LinkedHashMap<>();
    List<String> failed = new ArrayList<>();
    trigger
        .inputs()
        .forEach(
            (name, value) -> {
              try {
                given.put(name, Templates.renderTree(value, vars));
              } catch (RuntimeException e) {
                failed.add("input '" + name + "'");
                problems.add("input '" + name + "': " + message(e));
              }
            });
    Map<String, Object> inputs = Map.of();
    try {
      inputs = InputBinder.bind(runbook.definition(), given);
    } catch (InputException e) {
      e.messages().stream()
          .filter(m -> failed.stream().noneMatch(f -> m.startsWith(f + " ")))
          .forEach(problems::add);
    }
    String key = defaultDedupKey(alert);
    if (trigger.dedupKey() != null) {
      try {
        String rendered = Templates.asText(Templates.render(trigger.dedupKey(), vars));
        if (!rendered.isBlank()) {
          key = rendered;
        }
      } catch (RuntimeException e) {
        problems.add("dedupKey: " + message(e));
      }
    }
    return new Route(
        runbook.name(),
        runbook.version(),
        index,
        problems.isEmpty() ? inputs : Map.of(),
        key,
        trigger.cooldown(),
        trigger.onResolved(),
        problems);
  }

  private static Route failed(
      CompiledRunbook runbook, int index, Trigger trigger, Alert alert, String problem) {
    return new Route(
        runbook.name(),
        runbook.version(),
        index,
        Map.of(),
        defaultDedupKey(alert),
        trigger.cooldown(),
        trigger.onResolved(),
        List.of(problem));
  }

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /**
   * The dedup key of an alert when its trigger names none: its fingerprint, or when it has none,
   * {@code h} and 16 hex digits of a hash of its name and sorted labels.
   */
  public static String defaultDedupKey(Alert alert) {
    if (!alert.fingerprint().isBlank()) {
      return alert.fingerprint();
    }
    StringBuilder identity = new StringBuilder(alert.name());
    new TreeMap<>(alert.labels())
        .forEach((k, v) -> identity.append('\n').append(k).append('=').append(v));
    return "h" + hash(identity.toString()).substring(0, 16);
  }

  /**
   * The workflow id of a runbook's run for a dedup key: {@code runbook/<name>/<key>}. Characters
   * outside {@code [A-Za-z0-9._:/=-]} become {@code _} and the key is cut to {@value
   * #MAX_KEY_LENGTH} characters; when either changed it, {@code -} and 8 hex digits of the original
   * key's hash are appended, so different keys keep different ids.
   */
  public static String workflowId(String runbook, String dedupKey) {
    String key = dedupKey == null ? "" : dedupKey;
    String safe = UNSAFE.matcher(key).replaceAll("_");
    if (safe.equals(key) && !key.isEmpty() && key.length() <= MAX_KEY_LENGTH) {
      return "runbook/" + runbook + "/" + key;
    }
    String suffix = hash(key).substring(0, 8);
    if (safe.length() > MAX_KEY_LENGTH - 9) {
      safe = safe.substring(0, MAX_KEY_LENGTH - 9);
    }
    return "runbook/" + runbook + "/" + (safe.isEmpty() ? "" : safe + "-") + suffix;
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
