// Inkpost's preview patcher. Runs only in Qt's ApplicationWorld (an isolated world):
// the page's own scripts are off (JavaScript disabled for the main world, and the page's
// Content-Security-Policy allows no script), so this is the only script on the page.
// It keeps the post's top-level blocks as node lists and splices them in place.
(function () {
  "use strict";
  if (window.__inkpost) { return; }
  const REMOTE = /^\s*(https?:)?\/\//i;
  const state = { blocks: [], allowRemote: false };

  function content() { return document.getElementById("ip-content"); }

  function placeholder(el, url) {
    const span = document.createElement("span");
    span.className = "ip-remote-image";
    const alt = el.getAttribute("alt") || el.getAttribute("title") || "";
    span.textContent = "Remote image not loaded" + (alt ? ": " + alt : "") + " (" + url + ")";
    span.title = url;
    return span;
  }

  function tame(fragment) {
    if (state.allowRemote) { return; }
    fragment.querySelectorAll("img, video, audio, source, picture, iframe, embed, object").forEach(function (el) {
      const url = el.getAttribute("src") || el.getAttribute("data") || el.getAttribute("poster") || "";
      const srcset = el.getAttribute("srcset") || "";
      if (REMOTE.test(url) || REMOTE.test(srcset) || el.tagName === "IFRAME") {
        if (el.tagName === "SOURCE") { el.remove(); return; }
        el.replaceWith(placeholder(el, url || srcset));
      }
    });
  }

  function parse(html) {
    const t = document.createElement("template");
    t.innerHTML = html;
    tame(t.content);
    return t.content;
  }

  function insertBlock(html, before) {
    const fragment = parse(html);
    const nodes = Array.prototype.slice.call(fragment.childNodes);
    content().insertBefore(fragment, before);
    return nodes;
  }

  function firstNode(index) {
    for (let i = index; i < state.blocks.length; i++) {
      if (state.blocks[i].length) { return state.blocks[i][0]; }
    }
    return null;
  }

  function shift(nodes, delta) {
    nodes.forEach(function (node) {
      if (node.nodeType !== 1) { return; }
      const all = [node].concat(Array.prototype.slice.call(node.querySelectorAll("[data-line]")));
      all.forEach(function (el) {
        const v = el.getAttribute("data-line");
        if (v !== null) { el.setAttribute("data-line", String(parseInt(v, 10) + delta)); }
      });
    });
  }

  function setHeader(html) {
    if (html !== null && html !== undefined) {
      document.getElementById("ip-header").innerHTML = html;
    }
  }

  function reset(header, blocks, allowRemote) {
    state.allowRemote = !!allowRemote;
    setHeader(header);
    content().textContent = "";
    state.blocks = blocks.map(function (html) { return insertBlock(html, null); });
    return state.blocks.length;
  }

  function patch(plan, header) {
    setHeader(header);
    const removed = state.blocks.slice(plan.start, plan.start + plan.remove);
    const before = firstNode(plan.start + plan.remove);
    removed.forEach(function (nodes) { nodes.forEach(function (n) { n.remove(); }); });
    const added = plan.insert.map(function (html) { return insertBlock(html, before); });
    const args = [plan.start, plan.remove].concat(added);
    Array.prototype.splice.apply(state.blocks, args);
    plan.shifts.forEach(function (s) {
      for (let i = s[0]; i < s[1]; i++) { shift(state.blocks[i], s[2]); }
    });
    return state.blocks.length;
  }

  function pageY(el) { return el.getBoundingClientRect().top + window.scrollY; }

  function blockElement(first) {
    return content().querySelector('[data-line="' + first + '"]');
  }

  // Anchors inside a block: [line, y] of the block and each nested element with a data-line.
  function anchors(el, last) {
    const out = [[parseInt(el.getAttribute("data-line"), 10), pageY(el)]];
    el.querySelectorAll("[data-line]").forEach(function (child) {
      const line = parseInt(child.getAttribute("data-line"), 10);
      const y = pageY(child);
      if (line > out[out.length - 1][0] && y >= out[out.length - 1][1]) { out.push([line, y]); }
    });
    const rect = el.getBoundingClientRect();
    out.push([last + 1, rect.bottom + window.scrollY]);
    return out;
  }

  function yForLine(line, first, last) {
    const el = blockElement(first);
    if (!el) { return null; }
    const points = anchors(el, last);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      if (line < b[0] || i + 2 === points.length) {
        const f = Math.max(0, Math.min(1, (line - a[0]) / Math.max(1, b[0] - a[0])));
        return a[1] + f * (b[1] - a[1]);
      }
    }
    return points[0][1];
  }

  function scrollToLine(line, first, last) {
    const y = yForLine(line, first, last);
    if (y === null) { return null; }
    const target = Math.max(0, Math.round(y));
    window.scrollTo(0, target);
    return window.scrollY;
  }

  // The top-level block at the top of the viewport: [first line, fraction into it, y].
  function topBlock() {
    const items = content().querySelectorAll(":scope > [data-line]");
    const y = window.scrollY;
    if (!items.length) { return null; }
    let lo = 0, hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pageY(items[mid]) <= y) { lo = mid; } else { hi = mid - 1; }
    }
    const el = items[lo];
    const top = pageY(el);
    const height = Math.max(1, el.getBoundingClientRect().height);
    return [parseInt(el.getAttribute("data-line"), 10), Math.max(0, Math.min(1, (y - top) / height)), y];
  }

  function lineAtTop(lineMapLast) {
    const t = topBlock();
    if (!t) { return null; }
    const first = t[0];
    const last = lineMapLast === undefined || lineMapLast === null ? first : lineMapLast;
    return first + t[1] * (last + 1 - first);
  }

  function setDark(dark) {
    document.documentElement.className = dark ? "dark" : "light";
    document.documentElement.setAttribute("data-theme", dark ? "dark" : "light");
  }

  function setBase(url) {
    let base = document.querySelector("base");
    if (!base) { base = document.head.appendChild(document.createElement("base")); }
    base.href = url;
  }

  function setCodeCss(css) { document.getElementById("ip-code-css").textContent = css; }

  // Report user scrolling to the pane, once per frame, through QWebChannel.
  let bridge = null;
  let scrollQueued = false;
  if (typeof QWebChannel !== "undefined" && window.qt && qt.webChannelTransport) {
    new QWebChannel(qt.webChannelTransport, function (channel) { bridge = channel.objects.inkpost; });
  }
  window.addEventListener("scroll", function () {
    if (scrollQueued) { return; }
    scrollQueued = true;
    requestAnimationFrame(function () {
      scrollQueued = false;
      const t = topBlock();
      if (t && bridge) { bridge.topBlock(t[0], t[1], t[2]); }
    });
  }, { passive: true });

  window.__inkpost = {
    reset: reset, patch: patch, setHeader: setHeader, scrollToLine: scrollToLine,
    yForLine: yForLine, topBlock: topBlock, lineAtTop: lineAtTop, setDark: setDark,
    setCodeCss: setCodeCss, setBase: setBase, blockCount: function () { return state.blocks.length; }
  };
})();
