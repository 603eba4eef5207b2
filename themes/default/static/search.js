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
  // The body ends at U+001F; the record's facts (形式, 领域, names, tags) follow it. A match in
  // the body is shown with the body around it only; one in the facts, with the facts.
  function snippet(text, terms) {
    var cut = text.indexOf("\u001f");
    var body = cut < 0 ? text : text.slice(0, cut);
    var facts = cut < 0 ? "" : text.slice(cut + 1);
    var found = locate(body, terms);
    if (found) return marked(body, found, "");
    found = locate(facts, terms);
    if (found) return marked(facts, found, "记录信息：");
    var start = body || facts;
    return el("span", null, start.slice(0, 80) + (start.length > 80 ? "…" : ""));
  }
  function locate(text, terms) {
    var low = norm(text);
    for (var t = 0; t < terms.length; t++) {
      var at = low.indexOf(terms[t]);
      if (at >= 0) return { at: at, len: terms[t].length };
    }
    return null;
  }
  function marked(text, found, label) {
    var at = found.at, end = found.at + found.len;
    var start = Math.max(0, at - 30);
    var span = el("span");
    span.appendChild(document.createTextNode(label + (start > 0 ? "…" : "") + text.slice(start, at)));
    span.appendChild(el("mark", null, text.slice(at, end)));
    span.appendChild(document.createTextNode(text.slice(end, end + 60) + (end + 60 < text.length ? "…" : "")));
    return span;
  }

  var yearSel = document.getElementById("search-year");
  var kindSel = document.getElementById("search-kind");
  var filters = document.getElementById("search-filters");
  var more = document.getElementById("search-more");
  // The current query's matches, best first; what it said; how many of the filtered are shown.
  var hits = [], said = "", terms = [], filtered = [], shown = 0;

  // The school year a record counts in ("" when it has none), as the index gives it: a record
  // filed outside a year's folder still has its date's year.
  function yearOf(r) {
    return r[7] || "";
  }

  // A <select> of the values among the matches, each with its count, "all" first; the choice
  // made before is kept when the new matches still have it.
  function fill(sel, all, valueOf, label) {
    if (!sel) return;
    // Before the first search the list is empty and its value "", which is also the value of
    // 未注明学年: that is no choice made.
    var before = sel.options.length ? sel.value : "*";
    var counts = {};
    hits.forEach(function (i) { var v = valueOf(rows[i]); counts[v] = (counts[v] || 0) + 1; });
    var values = Object.keys(counts).sort().reverse();
    sel.textContent = "";
    var o = el("option", null, all + "（" + hits.length + "）");
    o.value = "*";
    sel.appendChild(o);
    values.forEach(function (v) {
      var opt = el("option", null, label(v) + "（" + counts[v] + "）");
      opt.value = v;
      sel.appendChild(opt);
    });
    sel.value = counts[before] ? before : "*";
  }

  function run(query) {
    terms = norm(query).split(/\s+/).filter(Boolean);
    // Said back as typed (T05, not t05); matched without regard to case. Several terms are
    // each found anywhere in the record, not as one phrase: said as 同时包含“a”“b”.
    var words = query.split(/[\s\u3000]+/).filter(Boolean);
    var typed = words.map(function (w) { return "“" + w + "”"; }).join("");
    said = (words.length > 1 ? "同时包含" : "包含") + typed;
    list.textContent = "";
    hits = [];
    if (!terms.length) {
      status.textContent = "共 " + rows.length + " 篇记录可供搜索。输入关键词后按回车。";
      if (filters) filters.hidden = true;
      if (more) more.hidden = true;
      return;
    }
    prepare();
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
    fill(yearSel, "全部学年", yearOf, function (v) { return v ? v + "学年" : "未注明学年"; });
    fill(kindSel, "全部类型", function (r) { return r[3]; }, function (v) { return v; });
    if (filters) filters.hidden = hits.length < 2;
    show();
  }

  // The matches the filters keep, from the first.
  function show() {
    var year = yearSel ? yearSel.value : "*";
    var kind = kindSel ? kindSel.value : "*";
    filtered = hits.filter(function (i) {
      return (year === "*" || yearOf(rows[i]) === year) && (kind === "*" || rows[i][3] === kind);
    });
    var narrowed = filtered.length !== hits.length;
    status.textContent = hits.length
      ? "找到 " + hits.length + " 篇" + said + "的记录" +
        (narrowed ? "，其中" + (year !== "*" ? (year ? year + "学年" : "未注明学年") : "") + (kind !== "*" ? kind : "") + " " + filtered.length + " 篇" : "") + "。"
      : "没有找到" + said + "的记录。";
    list.textContent = "";
    shown = 0;
    showMore();
  }

  // The next results, up to MAX of them: a common word finds thousands of records.
  function showMore() {
    filtered.slice(shown, shown + MAX).forEach(function (i) {
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
      var seen = norm(r[1] + " " + r[4] + " " + r[5]);
      if (terms.some(function (t) { return seen.indexOf(t) < 0; })) {
        p.appendChild(el("span", "muted", "（按记录类型或文件位置匹配）"));
      }
      li.appendChild(p);
      // Where the record is in the archive, as plain text: never highlighted.
      if (r[6]) li.appendChild(el("p", "path", r[6]));
      list.appendChild(li);
    });
    shown = Math.min(filtered.length, shown + MAX);
    if (more) {
      var left = filtered.length - shown;
      more.hidden = left <= 0;
      more.textContent = "再显示 " + Math.min(left, MAX) + " 篇（已显示 " + shown + " 篇，还有 " + left + " 篇）";
    }
  }

  if (yearSel) yearSel.addEventListener("change", show);
  if (kindSel) kindSel.addEventListener("change", show);
  if (more) more.addEventListener("click", showMore);

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
