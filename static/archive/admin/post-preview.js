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
      fetch(preview.dataset.previewUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": token.value },
        credentials: "same-origin"
      }).then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      }).then(function (html) {
        if (request === latest) {
          preview.innerHTML = html;
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
