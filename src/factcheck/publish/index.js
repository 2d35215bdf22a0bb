(function () {
  "use strict";
  var form = document.getElementById("filters");
  var fields = { q: "q", verdict: "f-verdict", tag: "f-tag", year: "f-year" };
  var input = {};
  Object.keys(fields).forEach(function (k) { input[k] = document.getElementById(fields[k]); });
  var tbody = document.querySelector("#claims tbody");
  var count = document.getElementById("count");
  var noResults = document.getElementById("no-results");
  var more = document.getElementById("more");
  var sortButton = document.getElementById("sort-date");
  var data = JSON.parse(document.getElementById("site-data").textContent);
  var engine = factcheckSearch(data);
  // Claim i of data.rows is claim i of the search index: the build writes both in one order, newest first.
  var claims = data.rows.map(function (row, index) {
    return { index: index, id: row[0], verdict: row[1], claim: row[2], claimEn: row[3], claimant: row[4],
             date: row[5], tags: row[6], tr: null };
  });

  // ------------------------------------------------------------------ rows, made when first shown

  function element(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c !== "") { el.append(c); } });  // strings become text, never markup
    return el;
  }
  function badge(code) {
    var labels = data.verdicts[code];
    return element("span", { "class": "badge v-" + code + " small", "data-verdict": code }, [
      element("span", { lang: "ko" }, [labels[0]]), " ", element("span", { "class": "badge-en", lang: "en" }, [labels[1]])
    ]);
  }
  function row(c) {
    if (!c.tr) {
      var claim = [element("a", { href: "claims/" + c.id + ".html" }, [c.claim])];
      if (c.claimEn) { claim.push(element("span", { "class": "claim-en-row", lang: "en" }, [c.claimEn])); }
      var tags = c.tags.map(function (t) {
        return element("li", {}, [element("a", { href: "index.html#tag=" + encodeURIComponent(t) }, [t])]);
      });
      c.tr = element("tr", { "data-verdict": c.verdict, "data-date": c.date }, [
        element("td", { "class": "verdict" }, [badge(c.verdict)]),
        element("td", { "class": "claim" }, claim),
        element("td", { "class": "claimant" }, [c.claimant]),
        element("td", { "class": "date" }, c.date ? [element("time", { datetime: c.date }, [c.date])] : []),
        element("td", { "class": "tags" }, [element("ul", { "class": "chips" }, tags)])
      ]);
    }
    return c.tr;
  }

  // ------------------------------------------------------------------ what is shown

  var descending = true, lastQuery = null, ranks = null, limit = data.pageSize, chosen = [];
  function byDate(a, b) { return (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) * (descending ? -1 : 1) || a.index - b.index; }
  function choose() {
    var query = input.q.value.trim();
    if (query !== lastQuery) {
      lastQuery = query;
      ranks = null;
      if (query) {
        ranks = new Map();
        engine.search(query).forEach(function (hit, rank) { ranks.set(hit.index, rank); });
      }
    }
    var v = input.verdict.value, t = input.tag.value, y = input.year.value;
    chosen = claims.filter(function (c) {
      return (!v || c.verdict === v) && (!t || c.tags.indexOf(t) >= 0) && (!y || c.date.slice(0, 4) === y) &&
        (!ranks || ranks.has(c.index));
    });
    // Search results come best first, as `factcheck search` lists them; otherwise by date.
    chosen.sort(ranks ? function (a, b) { return ranks.get(a.index) - ranks.get(b.index) || byDate(a, b); } : byDate);
  }
  function render() {
    tbody.replaceChildren.apply(tbody, chosen.slice(0, limit).map(row));
    count.textContent = chosen.length + " / " + claims.length;
    noResults.hidden = chosen.length > 0;
    more.hidden = chosen.length <= limit;
    more.textContent = data.labels.more + " (" + (chosen.length - limit) + ")";
  }
  function apply() {
    limit = data.pageSize;
    choose();
    render();
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
  more.addEventListener("click", function () { limit += data.pageSize; render(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
  window.addEventListener("hashchange", readHash);
  form.hidden = false;
  var pager = document.getElementById("pager");
  if (pager) { pager.hidden = true; }  // "show more" pages through whatever is chosen
  readHash();
  document.documentElement.setAttribute("data-js", "ready");
})();
