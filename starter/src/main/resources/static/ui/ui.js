// The runbook page's few lines of script: draw the Mermaid graphs and reload the page of a
// running run (never while someone types in a form). People decide as their logged-in selves.
(function () {
  "use strict";
  var body = document.body;

  if (window.mermaid && document.querySelector("pre.mermaid")) {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
    window.mermaid
      .run({ querySelector: "pre.mermaid" })
      .then(function () {
        body.setAttribute("data-mermaid", "done");
      })
      .catch(function (e) {
        body.setAttribute("data-mermaid", "failed");
        console.error("mermaid", e);
      });
  }

  var every = Number(body.getAttribute("data-refresh") || 0);
  if (every > 0) {
    window.setInterval(function () {
      var active = document.activeElement;
      if (active && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(active.tagName)) {
        return;
      }
      var typing = Array.prototype.some.call(
        document.querySelectorAll("input.comment"),
        function (input) {
          return input.value !== "";
        }
      );
      if (!typing) {
        window.location.reload();
      }
    }, every * 1000);
  }
})();
