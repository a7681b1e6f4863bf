// Glue for the preview page: the app swaps new HTML in without reloading, so scrolling survives.
(function () {
  "use strict";
  // Post HTML is parsed inert (a <template>) and cleaned before it joins the page: <link> (resource
  // hints: preconnect and dns-prefetch open connections that no CSP governs; stylesheets are
  // blocked anyway), <meta> (refresh, CSP) and <base> do nothing for a preview but can reach out.
  var INERT = "link, meta, base";
  function parse(html) {
    var tpl = document.createElement("template");
    tpl.innerHTML = html || "";
    var found = tpl.content.querySelectorAll(INERT);
    for (var i = 0; i < found.length; i++) { found[i].remove(); }
    window.hpeStripped = (window.hpeStripped || 0) + found.length;
    return tpl.content;
  }
  function fill(el, html) {
    el.textContent = "";
    el.appendChild(parse(html));
  }
  window.hpeUpdate = function (header, body, base) {
    var y = window.scrollY;
    document.getElementById("base").setAttribute("href", base || "");
    fill(document.getElementById("header"), header);
    fill(document.getElementById("content"), body);
    window.scrollTo(0, y);
    return document.getElementById("content").textContent.length;
  };
  // Chunked update: `order` lists every chunk key in document order, `add` holds the HTML of keys
  // the page does not have yet. Unchanged chunks stay in place, so layout and scroll are kept.
  var chunks = {};
  var lastHeader = null;
  // Each block of a chunk carries its source line (data-line), when the chunk's elements are its blocks
  // one for one (raw HTML or a shortcode can make more or fewer: then the chunk's own line is used).
  function markBlocks(el, line) {
    var rel = el.hpeBlocks;
    var kids = el.children;
    if (!rel || rel.length !== kids.length) { return; }
    for (var i = 0; i < kids.length; i++) {
      var want = String(line + rel[i] - 1);
      if (kids[i].getAttribute("data-line") !== want) { kids[i].setAttribute("data-line", want); }
    }
  }
  window.hpePatch = function (header, base, order, lines, add, end, blocks) {
    var content = document.getElementById("content");
    var headerEl = document.getElementById("header");
    document.getElementById("base").setAttribute("href", base || "");
    if (lastHeader !== header) { fill(headerEl, header); lastHeader = header; }
    var next = {};
    var wanted = order.map(function (key, i) {
      var el = chunks[key];
      if (!el) {
        el = document.createElement("div");
        el.className = "hpe-chunk";
        el.appendChild(parse(add[key]));   // parsed inert: scripts in it never run
        el.hpeBlocks = blocks && blocks[key];
      }
      if (el.getAttribute("data-line") !== String(lines[i])) {
        el.setAttribute("data-line", lines[i]);
        markBlocks(el, lines[i]);
      } else if (!el.hpeMarked) {
        markBlocks(el, lines[i]);
      }
      el.hpeMarked = true;
      next[key] = el;
      return el;
    });
    Array.prototype.slice.call(content.childNodes).forEach(function (node) {
      if (!node.hpeKey || next[node.hpeKey] !== node) { content.removeChild(node); }
    });
    var cur = content.firstChild;
    wanted.forEach(function (el, i) {
      el.hpeKey = order[i];
      if (cur === el) { cur = el.nextSibling; } else { content.insertBefore(el, cur); }
    });
    chunks = next;
    window.hpeEnd = end;
    return order.length;
  };
  // Scroll sync: the page offset of body line `line`, interpolated inside the chunk that holds it.
  window.hpeLineTop = function (line) {
    var els = document.getElementById("content").children;
    var lo = -1;
    for (var i = 0; i < els.length; i++) {
      if (Number(els[i].getAttribute("data-line")) <= line) { lo = i; } else { break; }
    }
    if (lo < 0) { return 0; }
    var el = els[lo];
    var start = Number(el.getAttribute("data-line"));
    if (lo === 0 && line <= start) { return 0; }   // the top of the body: show the title too
    var stop = lo + 1 < els.length ? Number(els[lo + 1].getAttribute("data-line")) : (window.hpeEnd || start + 1);
    var frac = stop > start ? Math.min(1, (line - start) / (stop - start)) : 0;
    var top = el.getBoundingClientRect().top + window.scrollY;
    return Math.max(0, Math.round(top + frac * el.offsetHeight - 8));
  };
  // The element showing body line `line`: the last block (or chunk) that starts at or before it.
  window.hpeBlockAt = function (line) {
    var els = document.querySelectorAll("#content > .hpe-chunk, #content > .hpe-chunk > [data-line]");
    var best = null;
    for (var i = 0; i < els.length; i++) {
      var n = Number(els[i].getAttribute("data-line"));
      if (n <= line && (best === null || n >= Number(best.getAttribute("data-line")))) { best = els[i]; }
    }
    return best;
  };
  var followLine = null;   // see hpeScrollToLine
  // Keep the block being edited in view: scroll only when it is (partly) outside the window.
  window.hpeKeepVisible = function (line) {
    followLine = null;
    var el = window.hpeBlockAt(line);
    if (!el) { return window.scrollY; }
    var margin = 16;
    var view = window.innerHeight;
    var box = el.getBoundingClientRect();
    var top = box.top, bottom = box.bottom;
    if (el.classList.contains("hpe-chunk") || box.height > view - 2 * margin) {
      // No block of its own, or taller than the window: the line's interpolated place, a line or two high.
      top = window.hpeLineTop(line) + 8 - window.scrollY;
      bottom = top + 2.5 * parseFloat(getComputedStyle(document.body).lineHeight || "26");
    }
    if (bottom > view - margin) {
      window.scrollBy(0, bottom - view + margin);
    } else if (top < margin) {
      window.scrollBy(0, top - margin);
    }
    return window.scrollY;
  };
  // The body line the page was last scrolled to for the editor; a resize of the view (the window laid
  // out, a splitter dragged, a dock shown) moves every line, so the page scrolls to it again. The
  // author scrolling the page, or typing (hpeKeepVisible), ends that.
  window.hpeScrollToLine = function (line) {
    followLine = line;
    window.scrollTo(0, window.hpeLineTop(line));
    return window.scrollY;
  };
  window.addEventListener("resize", function () {
    if (followLine !== null) { window.scrollTo(0, window.hpeLineTop(followLine)); }
  });
  ["wheel", "keydown", "mousedown", "touchstart"].forEach(function (name) {
    document.addEventListener(name, function () { followLine = null; }, {capture: true, passive: true});
  });
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
  // What the Content-Security-Policy blocked (remote images and frames, post scripts): tests read it.
  window.hpeBlocked = [];
  document.addEventListener("securitypolicyviolation", function (event) {
    window.hpeBlocked.push({uri: event.blockedURI, directive: event.effectiveDirective});
    if (window.hpeBlocked.length > 200) { window.hpeBlocked.splice(0, window.hpeBlocked.length - 200); }   // a long session
  });
  // Each patch leaves the nodes it replaced to the garbage collector, which on its own schedule let
  // the renderer grow by ~25 MB over 3,000 typed characters: collect once the author pauses
  // (gc exists when Chromium runs with --js-flags=--expose-gc, as the window starts it).
  var idleCollect = null;
  function collectWhenIdle() {
    if (typeof window.gc !== "function") { return; }
    clearTimeout(idleCollect);
    idleCollect = setTimeout(function () { window.gc(); }, 2000);
  }
  // Updates arrive over Qt's web channel as JSON messages (a script per update would stay in memory).
  if (window.qt && window.qt.webChannelTransport && window.QWebChannel) {
    new window.QWebChannel(window.qt.webChannelTransport, function (channel) {
      var hpe = channel.objects.hpe;
      hpe.patch.connect(function (message) {
        var m = JSON.parse(message);
        window.hpePatch.apply(null, m.args);
        if (m.scroll !== null) { window.hpeScrollToLine(m.scroll); }
        if (m.follow) { window.hpeKeepVisible(m.follow); }
        hpe.done(m.serial);
        collectWhenIdle();
      });
      hpe.ready();
    });
  }
  window.hpeReady = true;
})();
