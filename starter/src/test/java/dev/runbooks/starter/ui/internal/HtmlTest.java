package dev.runbooks.starter.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesTextAndAttributeValues() {
    String html =
        new Html()
            .el("td", "<script>alert('x') & \"y\"</script>", "title", "\"><img src=x>")
            .toString();

    assertThat(html)
        .isEqualTo(
            "<td title=\"&quot;&gt;&lt;img src=x&gt;\">&lt;script&gt;alert(&#39;x&#39;) &amp;"
                + " &quot;y&quot;&lt;/script&gt;</td>");
  }

  @Test
  void leavesOutNullAttributesAndRefusesOddPairs() {
    assertThat(new Html().empty("input", "name", "a", "value", null).toString())
        .isEqualTo("<input name=\"a\">");
    assertThatThrownBy(() -> new Html().open("a", "href"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void runPathsKeepSlashesAndEncodeTheRest() {
    assertThat(Html.runPath("runbook/disk/host:9100 a?b#c"))
        .isEqualTo("/ui/runs/runbook/disk/host%3A9100%20a%3Fb%23c");
    assertThat(Html.idPath("/api/runs/", "a/b")).isEqualTo("/api/runs/a/b");
  }
}
