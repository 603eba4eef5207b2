// Search over window.YANXIU_SEARCH (loaded by <script>, so it works from file://).
// Each row: [url, title, date, kind, person, text, path]. Every term must occur as a substring
// of the title, kind, person, text or source path:
// 搜“反思”找到含“反思”的记录, with no word segmenter.
(function () {
  "use strict";
  var rows = window.YANXIU_SEARCH || [];
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var MAX = 200;

  // A Chinese input method types （T05） and ２０２４: full-width letters, digits and signs are
  // matched as their half-width forms, and the ideographic space as a space. One character
  // for one, so a position in the folded text is the same in the original.
  function norm(s) {
    return s.replace(/[\uFF01-\uFF5E\u3000]/g, function (c) {
      return c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    }).toLowerCase();
  }
  var lowered = null;
  function prepare() {
    if (lowered) return;
    lowered = rows.map(function (r) { return norm(r[1] + " " + r[3] + " " + r[4] + " " + r[5] + " " + (r[6] || "")); });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // The text around the first of the terms it contains, that term marked. Only the text: a term
  // found in the title is marked nowhere else, and one found only in the path is not marked.
  function snippet(text, terms) {
    var low = norm(text);
    var term = "";
    var at = -1;
    for (var t = 0; t < terms.length && at < 0; t++) {
      term = terms[t];
      at = low.indexOf(term);
    }
    if (at < 0) return el("span", null, text.slice(0, 80) + (text.length > 80 ? "…" : ""));
    var start = Math.max(0, at - 30);
    var span = el("span");
    span.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    span.appendChild(el("mark", null, text.slice(at, at + term.length)));
    span.appendChild(document.createTextNode(text.slice(at + term.length, at + term.length + 60) + "…"));
    return span;
  }

  function run(query) {
    var terms = norm(query).split(/\s+/).filter(Boolean);
    // Said back as typed (T05, not t05); matched without regard to case. Several terms are
    // each found anywhere in the record, not as one phrase: said as 同时包含“a”“b”.
    var words = query.split(/[\s\u3000]+/).filter(Boolean);
    var typed = words.map(function (w) { return "“" + w + "”"; }).join("");
    var said = (words.length > 1 ? "同时包含" : "包含") + typed;
    list.textContent = "";
    if (!terms.length) {
      status.textContent = "共 " + rows.length + " 篇记录可供搜索。输入关键词后按回车。";
      return;
    }
    prepare();
    var hits = [];
    for (var i = 0; i < rows.length; i++) {
      var hay = lowered[i];
      var all = true;
      for (var t = 0; t < terms.length; t++) {
        if (hay.indexOf(terms[t]) < 0) { all = false; break; }
      }
      if (all) hits.push(i);
    }
    // Title matches first, then newest first.
    hits.sort(function (a, b) {
      var ta = norm(rows[a][1]).indexOf(terms[0]) >= 0 ? 0 : 1;
      var tb = norm(rows[b][1]).indexOf(terms[0]) >= 0 ? 0 : 1;
      if (ta !== tb) return ta - tb;
      return rows[a][2] < rows[b][2] ? 1 : rows[a][2] > rows[b][2] ? -1 : 0;
    });
    status.textContent = hits.length
      ? "找到 " + hits.length + " 篇" + said + "的记录" + (hits.length > MAX ? "，显示前 " + MAX + " 篇" : "") + "。"
      : "没有找到" + said + "的记录。";
    hits.slice(0, MAX).forEach(function (i) {
      var r = rows[i];
      var li = el("li");
      var a = el("a", null, r[1]);
      a.href = r[0];
      li.appendChild(el("span", "date", r[2]));
      li.appendChild(el("span", "tag", r[3]));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      if (r[4]) li.appendChild(el("span", "muted", " · " + r[4]));
      var p = el("p", "snippet");
      p.appendChild(snippet(r[5], terms));
      // Found only through its kind or where it is filed: say so, or the hit looks unrelated.
      var shown = norm(r[1] + " " + r[4] + " " + r[5]);
      if (terms.some(function (t) { return shown.indexOf(t) < 0; })) {
        p.appendChild(el("span", "muted", "（按记录类型或文件位置匹配）"));
      }
      li.appendChild(p);
      // Where the record is in the archive, as plain text: never highlighted.
      if (r[6]) li.appendChild(el("p", "path", r[6]));
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  var q = params.get("q") || "";
  input.value = q;
  run(q);
  input.form.addEventListener("submit", function (e) {
    e.preventDefault();
    var v = input.value;
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(v)); } catch (err) { /* file:// may refuse */ }
    run(v);
  });
})();
