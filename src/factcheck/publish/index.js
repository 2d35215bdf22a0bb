(function () {
  "use strict";
  var form = document.getElementById("filters");
  var fields = { q: "q", verdict: "f-verdict", tag: "f-tag", year: "f-year" };
  var input = {};
  Object.keys(fields).forEach(function (k) { input[k] = document.getElementById(fields[k]); });
  var tbody = document.querySelector("#claims tbody");
  var count = document.getElementById("count");
  var noResults = document.getElementById("no-results");
  var sortButton = document.getElementById("sort-date");
  // Row i of the table is claim i of the index: the build writes both in the same order.
  var engine = factcheckSearch(JSON.parse(document.getElementById("search-index").textContent));
  var rows = Array.prototype.map.call(tbody.rows, function (tr, index) {
    return {
      tr: tr,
      index: index,
      verdict: tr.getAttribute("data-verdict"),
      tags: JSON.parse(tr.getAttribute("data-tags") || "[]"),
      date: tr.getAttribute("data-date") || ""
    };
  });
  var descending = true, lastQuery = null, ranks = null;
  function byDate(a, b) { return (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) * (descending ? -1 : 1) || a.index - b.index; }
  function apply() {
    var query = input.q.value.trim();
    if (query !== lastQuery) {
      lastQuery = query;
      ranks = null;
      if (query) {
        ranks = new Map();
        engine.search(query).forEach(function (hit, rank) { ranks.set(hit.index, rank); });
      }
    }
    var v = input.verdict.value, t = input.tag.value, y = input.year.value, shown = 0;
    rows.forEach(function (r) {
      var ok = (!v || r.verdict === v) && (!t || r.tags.indexOf(t) >= 0) &&
        (!y || r.date.slice(0, 4) === y) && (!ranks || ranks.has(r.index));
      r.tr.hidden = !ok;
      if (ok) { shown++; }
    });
    // Search results come best first, as `factcheck search` lists them; otherwise by date.
    rows.slice().sort(ranks ? function (a, b) {
      return (ranks.has(a.index) ? ranks.get(a.index) : Infinity) - (ranks.has(b.index) ? ranks.get(b.index) : Infinity) || byDate(a, b);
    } : byDate).forEach(function (r) { tbody.appendChild(r.tr); });
    count.textContent = shown + " / " + rows.length;
    noResults.hidden = shown > 0;
    var params = new URLSearchParams();
    Object.keys(input).forEach(function (k) { if (input[k].value) { params.set(k, input[k].value); } });
    var hash = params.toString();
    try {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    } catch (err) { /* some hosts forbid it; filtering still works */ }
  }
  function readHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    Object.keys(input).forEach(function (k) {
      var value = params.get(k) || "";
      var el = input[k];
      if (el.tagName === "SELECT" && !Array.prototype.some.call(el.options, function (o) { return o.value === value; })) {
        value = "";
      }
      el.value = value;
    });
    apply();
  }
  sortButton.addEventListener("click", function () {
    descending = !descending;
    sortButton.parentNode.setAttribute("aria-sort", descending ? "descending" : "ascending");
    apply();
  });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
  window.addEventListener("hashchange", readHash);
  form.hidden = false;
  readHash();
  document.documentElement.setAttribute("data-js", "ready");
})();
