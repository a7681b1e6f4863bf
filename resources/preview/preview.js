// Glue for the preview page: the app swaps new HTML in without reloading, so scrolling survives.
(function () {
  "use strict";
  window.hpeUpdate = function (header, body, base) {
    var y = window.scrollY;
    document.getElementById("base").setAttribute("href", base || "");
    document.getElementById("header").innerHTML = header;
    document.getElementById("content").innerHTML = body;
    window.scrollTo(0, y);
    return document.getElementById("content").textContent.length;
  };
  window.hpeColors = function (vars) {
    var root = document.documentElement.style;
    Object.keys(vars).forEach(function (k) { root.setProperty("--" + k, vars[k]); });
    document.documentElement.style.colorScheme = vars.scheme || "light";
  };
  // In-page anchors (footnotes, headings) scroll here; the <base> points at the post's folder.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link) { return; }
    event.preventDefault();
    var id = decodeURIComponent(link.getAttribute("href").slice(1));
    var target = document.getElementById(id) || document.getElementsByName(id)[0];
    if (target) { target.scrollIntoView(); }
  });
  window.hpeReady = true;
})();
