// The runbook page's few lines of script: draw the Mermaid graphs, remember the name people
// decide with, and reload the page of a running run (never while someone types in a form).
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

  var key = "runbook.ui.name";
  var remembered = null;
  try {
    remembered = window.localStorage.getItem(key);
  } catch (e) {
    remembered = null;
  }
  document.querySelectorAll("input.who").forEach(function (input) {
    if (remembered && !input.value) {
      input.value = remembered;
    }
    input.form.addEventListener("submit", function () {
      try {
        window.localStorage.setItem(key, input.value);
      } catch (e) {
        // private mode: nothing to remember
      }
    });
  });

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
