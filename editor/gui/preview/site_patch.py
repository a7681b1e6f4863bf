"""The site preview's page updated in place after a rebuild (no full reload), where that is safe."""

from __future__ import annotations

from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript

NAME = "hpe-site-patch"
DONE = "hpe:site-page-patched"   # logged to the console by the page once a patch is applied

# Hugo's livereload script reloads the whole page after every rebuild: the page is fetched again,
# its styles applied and laid out anew, and the scroll position restored late. Instead, its
# `reloadPage` is replaced by nothing (stylesheets and images it still refreshes itself), and after
# each rebuild the editor asks the page to fetch its new HTML and change only the nodes that differ.
# A page with scripts of its own (besides livereload) is reloaded as before: its scripts may have
# changed the DOM, and nodes patched in would not run them. So is a page whose head resources
# (stylesheets, scripts, base) changed; any failure falls back to a reload too.
SCRIPT = r"""
(function () {
  "use strict";
  if (window.__hpeSitePatch) { return; }
  var lr = window.LiveReload;
  if (lr && lr.reloader && typeof lr.reloader.reloadPage === "function") {
    lr.reloader.reloadPage = function () {};
  }
  function isLivereload(n) {
    return n.tagName === "SCRIPT" && /\/livereload\.js\b/.test(n.getAttribute("src") || "");
  }
  function ownScripts(doc) {
    return Array.prototype.some.call(doc.querySelectorAll("script"), function (n) {
      return !isLivereload(n);
    });
  }
  function resources(head) {
    if (!head) { return ""; }
    return Array.prototype.map.call(
      head.querySelectorAll("link[rel~=stylesheet], link[rel~=preload], style, base"),
      function (n) { return n.outerHTML; }).join("\n");
  }
  function morph(live, next) {
    if (live.isEqualNode(next)) { return; }
    if (live.nodeType !== next.nodeType || live.nodeName !== next.nodeName) {
      live.replaceWith(document.importNode(next, true));
      return;
    }
    if (live.nodeType !== 1) {
      live.nodeValue = next.nodeValue;
      return;
    }
    var i;
    for (i = live.attributes.length - 1; i >= 0; i--) {
      if (!next.hasAttribute(live.attributes[i].name)) { live.removeAttribute(live.attributes[i].name); }
    }
    for (i = 0; i < next.attributes.length; i++) {
      if (live.getAttribute(next.attributes[i].name) !== next.attributes[i].value) {
        live.setAttribute(next.attributes[i].name, next.attributes[i].value);
      }
    }
    var a = live.childNodes, b = next.childNodes;
    if (a.length !== b.length) {
      live.replaceChildren.apply(live, Array.prototype.map.call(b, function (n) {
        return document.importNode(n, true);
      }));
      return;
    }
    for (i = 0; i < b.length; i++) { morph(a[i], b[i]); }
  }
  window.__hpeSitePatch = function () {
    fetch(location.href.split("#")[0], {cache: "no-store"}).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      if (!doc.body || !document.body || ownScripts(doc) || ownScripts(document)
          || resources(doc.head) !== resources(document.head)) {
        location.reload();
        return;
      }
      if (doc.title !== document.title) { document.title = doc.title; }
      morph(document.body, doc.body);
      console.info("hpe:site-page-patched");
    }).catch(function () { location.reload(); });
  };
})();
"""


def install(page: QWebEnginePage) -> bool:
    """Add the patching script to every page the site preview shows; False when it was there already."""
    scripts = page.scripts()
    if scripts.find(NAME):
        return False
    script = QWebEngineScript()
    script.setName(NAME)
    script.setSourceCode(SCRIPT)
    # After the deferred livereload script has run (it defines window.LiveReload), in the page's
    # own world, where that object lives.
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setRunsOnSubFrames(False)
    scripts.insert(script)
    return True


def patch(page: QWebEnginePage) -> None:
    """Ask the shown page to update itself from the server. A page without the script yet (still
    loading) is left to livereload, untouched there, which reloads it."""
    page.runJavaScript("if (typeof window.__hpeSitePatch === 'function') { window.__hpeSitePatch(); }",
                       QWebEngineScript.ScriptWorldId.MainWorld)
