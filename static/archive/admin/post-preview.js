// Live preview of a post's Markdown in the admin, rendered and sanitised by the server
// exactly as readers will see it.
(function () {
  "use strict";
  function start() {
    var preview = document.querySelector(".post-preview[data-preview-url]");
    var body = document.getElementById("id_body");
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (!preview || !body || !token) {
      return;
    }
    preview.setAttribute("aria-live", "polite");
    var timer = null;
    var latest = 0;
    function refresh() {
      var request = ++latest;
      var data = new FormData();
      data.append("body", body.value);
      var format = document.getElementById("id_body_format");
      data.append("format", format ? format.value : (preview.dataset.format || "markdown"));
      fetch(preview.dataset.previewUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": token.value },
        credentials: "same-origin"
      }).then(function (response) {
        return response.text().then(function (text) {
          return { ok: response.ok, refused: response.status === 400, text: text };
        });
      }).then(function (result) {
        if (request !== latest) {
          return;
        }
        if (result.ok) {
          preview.innerHTML = result.text;
          delete preview.dataset.stale;
        } else if (result.refused) {
          // What cannot be shown, and why, in the editor's words (plain text).
          preview.textContent = result.text;
          preview.dataset.stale = "true";
        } else {
          preview.dataset.stale = "true";
        }
      }).catch(function () {
        preview.dataset.stale = "true";
      });
    }
    body.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
