
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var fields = { q: "q", verdict: "f-verdict", tag: "f-tag", year: "f-year" };
  var input = {};
  Object.keys(fields).forEach(function (k) { input[k] = document.getElementById(fields[k]); });
  var tbody = document.querySelector("#claims tbody");
  var count = document.getElementById("count");
  var sortButton = document.getElementById("sort-date");
  function norm(s) { return (s || "").normalize("NFC").toLowerCase(); }
  var rows = Array.prototype.map.call(tbody.rows, function (tr) {
    return {
      tr: tr,
      text: norm(tr.textContent + " " + (tr.getAttribute("data-search") || "")),
      verdict: tr.getAttribute("data-verdict"),
      tags: JSON.parse(tr.getAttribute("data-tags") || "[]"),
      date: tr.getAttribute("data-date") || ""
    };
  });
  function apply() {
    var words = norm(input.q.value).split(/\s+/).filter(Boolean);
    var v = input.verdict.value, t = input.tag.value, y = input.year.value, shown = 0;
    rows.forEach(function (r) {
      var ok = (!v || r.verdict === v) && (!t || r.tags.indexOf(t) >= 0) &&
        (!y || r.date.slice(0, 4) === y) &&
        words.every(function (w) { return r.text.indexOf(w) >= 0; });
      r.tr.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = shown + " / " + rows.length;
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
  var descending = true;
  sortButton.addEventListener("click", function () {
    descending = !descending;
    rows.sort(function (a, b) { return (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) * (descending ? -1 : 1); });
    rows.forEach(function (r) { tbody.appendChild(r.tr); });
    sortButton.parentNode.setAttribute("aria-sort", descending ? "descending" : "ascending");
  });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
  window.addEventListener("hashchange", readHash);
  form.hidden = false;
  readHash();
  document.documentElement.setAttribute("data-js", "ready");
})();
