package dev.runbooks.starter.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run page of a dry run lists what it would have done, in order; other runs show nothing. */
class DryRunViewTest {
  private static final List<Map<String, Object>> EVENTS =
      List.of(
          Map.of(
              "at",
              "t1",
              "event",
              "wouldRun",
              "step",
              "emergency_mode",
              "kind",
              "http",
              "config",
              Map.of("method", "POST", "url", "http://jarvis/api/admin/emergency-mode")),
          Map.of(
              "at",
              "t2",
              "event",
              "wouldRun",
              "step",
              "restart_api",
              "kind",
              "restart",
              "target",
              "api",
              "config",
              Map.of("service", "api")));

  @Test
  void aDryRunListsItsStepsInOrderWithTheirRenderedConfig() {
    Html html = new Html();

    DryRunView.write(html, Map.of("dryRun", true), EVENTS);

    String page = html.toString();
    assertThat(page).contains("What this dry run would have done", "emergency-mode", "restart");
    assertThat(page.indexOf("emergency_mode")).isLessThan(page.indexOf("restart_api"));
  }

  @Test
  void aRealRunHasNoSuchSection() {
    Html html = new Html();

    DryRunView.write(html, Map.of(), EVENTS);

    assertThat(html.toString()).isEmpty();
  }
}
