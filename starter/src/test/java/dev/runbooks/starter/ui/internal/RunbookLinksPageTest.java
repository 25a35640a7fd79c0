package dev.runbooks.starter.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.routing.RunbookHint;
import dev.runbooks.starter.effectiveness.internal.EffectivenessStore;
import dev.runbooks.starter.inbox.internal.AlertExplanation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The alert page's {@code runbook_url} (a link only for http(s) URLs, escaped, with the router's
 * reason and the catalog page) and the catalog's effectiveness column.
 */
class RunbookLinksPageTest {
  private static String page(RunbookHint hint) {
    AlertExplanation x =
        new AlertExplanation(
            new AlertExplanation.AlertFacts(
                7,
                "DiskFull",
                "firing",
                "fp",
                "alertmanager",
                "2026-12-01T10:00:00Z",
                "",
                Map.of()),
            new AlertExplanation.Recorded("unmatched", null, null, List.of()),
            "no runbook's trigger matches this alert",
            List.of(),
            List.of(),
            List.of(),
            hint);
    Html html = new Html();
    AlertPage.write(html, x);
    return html.toString();
  }

  @Test
  void aWebRunbookUrlIsAnEscapedLinkWithTheRoutersReasonAndTheCatalogPage() {
    String html =
        page(
            new RunbookHint(
                "https://runbooks.example.com/ui/runbooks/disk-full?a=1&b=2",
                "disk-full",
                true,
                "no trigger matches the alert; runbook_url names 'disk-full'"));
    assertThat(html)
        .contains("<a href=\"https://runbooks.example.com/ui/runbooks/disk-full?a=1&amp;b=2\"")
        .contains("rel=\"noopener noreferrer nofollow\"")
        .contains(
            "(routed the alert: no trigger matches the alert; runbook_url names &#39;disk-full&#39;)")
        .contains("<a href=\"/ui/runbooks/disk-full\" class=\"small\">catalog page</a>");
    String hostile =
        page(new RunbookHint("https://h/ui/runbooks/x?b=\"><script>", "x", false, "r"));
    assertThat(hostile)
        .contains(
            "<span class=\"mono small\">https://h/ui/runbooks/x?b=&quot;&gt;&lt;script&gt;</span>")
        .doesNotContain("<script>");
  }

  @Test
  void anythingButAnHttpUrlIsShownAsText() {
    String html =
        page(
            new RunbookHint(
                "javascript:alert(1)", null, false, "runbook_url is not an http(s) URL"));
    assertThat(html)
        .contains("<span class=\"mono small\">javascript:alert(1)</span>")
        .doesNotContain("href=\"javascript")
        .doesNotContain("catalog page");
    assertThat(AlertPage.webLink("https://user:pw@h/ui/runbooks/x")).isNull();
    assertThat(AlertPage.webLink("//h/ui/runbooks/x")).isNull();
    assertThat(page(null)).doesNotContain("runbook_url");
  }

  @Test
  void theCatalogShowsTheShareOfEffectiveRuns() {
    assertThat(CatalogPages.effective(new EffectivenessStore.Ratio(2, 3))).isEqualTo("67% (2/3)");
    assertThat(CatalogPages.effective(new EffectivenessStore.Ratio(0, 0))).isEqualTo("–");
    assertThat(CatalogPages.effective(null)).isEqualTo("–");
  }
}
