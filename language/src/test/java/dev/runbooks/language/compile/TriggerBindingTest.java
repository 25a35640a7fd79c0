package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.model.LabelMatcher;
import dev.runbooks.language.model.OnResolved;
import dev.runbooks.language.model.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerBindingTest {
  private static final Path FILE =
      Path.of("src/test/resources/corpus/valid/triggers-every-matcher.yaml");

  private static List<Trigger> triggers() {
    return RunbookCompiler.standard().compile(FILE).orThrow().definition().triggers();
  }

  @Test
  void bindsEveryFieldAndEveryMatcher() {
    Trigger t = triggers().get(0);

    assertThat(t.source()).isEqualTo("alertmanager");
    assertThat(t.alertNames()).containsExactly("JarvisCircuitBreakerOpen");
    assertThat(t.labels())
        .containsEntry("service", LabelMatcher.equalTo("jarvis"))
        .containsEntry("severity", new LabelMatcher("in", List.of("warning", "critical")))
        .containsEntry("instance", new LabelMatcher("regex", List.of("jarvis-[0-9]+(:[0-9]+)?")))
        .containsEntry("env", new LabelMatcher("notIn", List.of("dev", "test")))
        .containsEntry("team", new LabelMatcher("notEquals", List.of("data")))
        .containsEntry("canary", new LabelMatcher("notRegex", List.of("true|yes")))
        .containsEntry("circuit", new LabelMatcher("exists", List.of("true")))
        .containsEntry("silenced", new LabelMatcher("exists", List.of("false")))
        .containsEntry("port", LabelMatcher.equalTo("8742"));
    assertThat(t.when()).startsWith("alert.annotations.summary.contains(");
    assertThat(t.inputs())
        .containsEntry("circuit", "${{ alert.labels.circuit }}")
        .containsEntry("min_free_mb", 800L)
        .containsEntry("hosts", List.of("${{ alert.labels.instance }}"));
    assertThat(t.dedupKey()).isEqualTo("${{ alert.labels.service }}/${{ alert.labels.circuit }}");
    assertThat(t.cooldown()).isEqualTo(Duration.ofMinutes(10));
    assertThat(t.onResolved()).isEqualTo(OnResolved.SIGNAL);
    assertThat(t.path()).isEqualTo("triggers[0]");
    assertThat(t.location().line()).isEqualTo(17);
  }

  @Test
  void appliesDefaults() {
    Trigger grafana = triggers().get(1);
    Trigger generic = triggers().get(2);

    assertThat(grafana.alertNames())
        .containsExactly("JarvisCircuitOpen", "JarvisFallbackResponses");
    assertThat(grafana.labels()).isEmpty();
    assertThat(grafana.dedupKey()).isNull();
    assertThat(grafana.cooldown()).isZero();
    assertThat(grafana.onResolved()).isEqualTo(OnResolved.CANCEL);
    assertThat(generic.source()).isEqualTo("generic/uptime-kuma");
    assertThat(generic.alertNames()).isEmpty();
    assertThat(generic.cooldown()).isEqualTo(Duration.ofHours(1));
    assertThat(new Trigger(null, null, null, null, null, null, null, null, null, null))
        .extracting(Trigger::source, Trigger::onResolved, Trigger::cooldown, Trigger::inputs)
        .containsExactly("any", OnResolved.SIGNAL, Duration.ZERO, Map.of());
  }

  @Test
  void findsRunOnlyVariablesButNotFieldsLiteralsOrMacroVariables() {
    assertThat(TriggerCheck.outOfScope("steps.a.status == 'x' && inputs . b > 1"))
        .containsExactly("steps", "inputs");
    assertThat(TriggerCheck.outOfScope("alert.labels.run == 'steps' && alert.labels['inputs']"))
        .isEmpty();
    assertThat(TriggerCheck.outOfScope("alert.labels.exists(item, item == 'a')")).isEmpty();
    assertThat(TriggerCheck.outOfScope("size(alert.labels) > index")).containsExactly("index");
  }
}
