/* The site's search: `factcheck search`'s query side (search/ranking.py, search/text/*.py), ported.
   The build analysed every claim with the CLI's own code (publish/search_data.py) and gave the tables
   that code reads (fold table, endings, aliases, places, number patterns, constants); this file holds
   only the algorithms, function for function, under the same names. */
var factcheckSearch = (function () {
  "use strict";

  return function (data) {
    var T = data.tables, R = T.rank, N = T.numbers;
    var WORD_RE = new RegExp(T.word, "gu");
    var STOP_KO = new Set(T.stopwordsKo), STOP_EN = new Set(T.stopwordsEn), ENDINGS = new Set(T.endings);
    var ALIASES = new Map(T.aliases), NAME_STARTS = new Set(T.nameStarts);
    var PLACES = new Set(T.places), ORDINARY = new Set(T.ordinaryPlaceWords);
    var HANGUL_RUN = /[가-힣]{2,}/g;

    // ------------------------------------------------------------------ korean.py

    function fold(text) {
      var out = "";
      for (var ch of text.normalize("NFKC").toLowerCase()) { out += T.fold[ch] !== undefined ? T.fold[ch] : ch; }
      return out;
    }
    function words(folded) { return folded.match(WORD_RE) || []; }
    function compact(text) { return words(fold(text)).join(""); }
    function syllable(ch) { var i = ch.charCodeAt(0) - 0xAC00; return i >= 0 && i < 11172 ? i : -1; }
    function jamo(text) {
      var out = "";
      for (var ch of text) {
        var i = syllable(ch);
        out += i < 0 ? (T.compoundJamo[ch] || ch)
          : T.choseong[Math.floor(i / 588)] + T.jungseong[Math.floor((i % 588) / 28)] + T.jongseong[i % 28];
      }
      return out;
    }
    function choseongOf(ch) { var i = syllable(ch); return i < 0 ? ch : T.choseong[Math.floor(i / 588)]; }
    function choseong(text) { return Array.from(text, choseongOf).join("").replace(/[^ㄱ-ㅎ]+/g, ""); }
    function choseongOfWords(ws) { return ws.map(function (w) { return Array.from(w, choseongOf).join(""); }); }
    function syllableRest(ch) { return jamo(ch).slice(1); }
    function isHangulWord(w) { return w[0] >= "가" && w[0] <= "힣"; }
    function isChoseongWord(w) { return Array.from(w).every(function (c) { return c >= "ㄱ" && c <= "ㅎ"; }); }
    function isChatJamo(w) {
      if (!w || !Array.from(w).every(function (c) { return c >= "ㄱ" && c <= "ㅣ"; })) { return false; }
      if ((new Set(w).size === 1 && w.length >= 2) || Array.from(w).every(function (c) { return c >= "ㅏ"; })) {
        return true;
      }
      for (var i = 0; i + T.mashRun <= w.length; i++) {
        var run = w.slice(i, i + T.mashRun), back = Array.from(run).reverse().join("");
        if (T.keyboardRows.some(function (row) { return row.indexOf(run) >= 0 || row.indexOf(back) >= 0; })) { return true; }
      }
      return false;
    }
    function stems(word) {
      var found = [], layer = [word];
      for (var depth = 0; depth < 2; depth++) {
        var next = [];
        layer.forEach(function (form) {
          T.endings.forEach(function (ending) {
            if (form.endsWith(ending) && form.length - ending.length >= 2) {
              var stem = form.slice(0, -ending.length);
              if (found.indexOf(stem) < 0) { found.push(stem); next.push(stem); }
            }
          });
        });
        layer = next;
      }
      return found;
    }
    function isPredicate(word) {
      if (word.length < 3 || !isHangulWord(word)) { return false; }
      if (T.predicateEndings.some(function (e) { return word.endsWith(e); })) { return true; }
      var final = (word.charCodeAt(word.length - 2) - 0xAC00) % 28;
      return word[word.length - 1] === "다" && (final === 4 || final === 20);
    }
    function isStopword(w) {
      return STOP_KO.has(w) || STOP_EN.has(w) || stems(w).some(function (s) { return STOP_KO.has(s); });
    }
    function onlyGrammar(w) { return ENDINGS.has(w) || STOP_KO.has(w); }
    function latinStem(word) {
      for (var s of T.latinSuffixes) {
        if (word.endsWith(s) && word.length - s.length >= 3) { return word.slice(0, -s.length); }
      }
      return word;
    }
    function placeOf(word) {
      if (PLACES.has(word) && !ORDINARY.has(word)) { return word; }
      for (var s of T.placeSuffixes) {
        if (word.endsWith(s) && PLACES.has(word.slice(0, -s.length))) { return word.slice(0, -s.length); }
      }
      return null;
    }

    // ------------------------------------------------------------------ numbers.py

    var MATCHER = new RegExp(N.matcher, "gu"), MAYBE = new RegExp(N.maybe, "u");
    var NATIVE = new RegExp(N.native, "gu"), SPOKEN = new RegExp(N.spoken, "gu");
    var DOTTED = new RegExp("^(?:" + N.dotted + ")$", "u"), SHORT_YEAR_AFTER = new RegExp("^(?:" + N.shortYearAfter + ")", "u");
    var LEAD = new RegExp("^" + N.num, "u"), SECTION = new RegExp("^(" + N.num + ")([천백십]?)$", "u");
    function toNumber(text) { return parseFloat(text.replace(/,/g, "")); }
    function format(value) { return value === Math.trunc(value) ? String(value) : String(value).replace(".", "p"); }
    function pad(n, width) { return String(n).padStart(width, "0"); }
    function dateTokens(year, month, day) {
      var m = parseInt(month, 10), d = day ? parseInt(day, 10) : null;
      if (d === null) { return ["d" + pad(parseInt(year, 10), 4) + pad(m, 2), "n" + parseInt(year, 10)]; }
      var tokens = ["d" + pad(m, 2) + pad(d, 2)];
      if (year) { tokens.push("d" + pad(parseInt(year, 10), 4) + pad(m, 2) + pad(d, 2), "n" + parseInt(year, 10)); }
      return tokens;
    }
    function sinoValue(text) {
      var total = 0, section = 0, digit = null;
      for (var ch of text) {
        if (ch in N.sinoDigits) {
          if (digit !== null) { return null; }
          digit = N.sinoDigits[ch];
        } else if (ch in N.smallUnits) {
          section += (digit === null ? 1 : digit) * N.smallUnits[ch]; digit = null;
        } else if (ch in N.bigUnits) {
          section += digit || 0; total += (section || 1) * N.bigUnits[ch]; section = 0; digit = null;
        } else { return null; }
      }
      return total + section + (digit || 0);
    }
    function sectionValue(text) {
      if (!text) { return 1; }
      if (/[0-9]/.test(text[0])) {
        var m = SECTION.exec(text);
        return m ? toNumber(m[1]) * (N.smallUnits[m[2]] || 1) : null;
      }
      return sinoValue(text);
    }
    function amountValue(text) {
      text = text.replace(/ /g, "");
      if (text.endsWith("원")) { text = text.slice(0, -1); }
      var total = 0;
      for (var m of text.matchAll(/([^조억만]*)([조억만]?)/g)) {
        if (!m[1] && !m[2]) { continue; }
        var value = sectionValue(m[1]);
        if (value === null) { return null; }
        total += value * (N.bigUnits[m[2]] || 1);
      }
      return Math.round(total);
    }
    function englishValue(text) {
      var value = 0, scale = 1;
      for (var part of text.split(/[\s-]+/)) {
        if (part in N.enScales) { scale = N.enScales[part]; }
        else if (part === "hundred") { value = (value || 1) * 100; }
        else if (/^\d+(\.\d+)?$/.test(part)) { value += parseFloat(part); }
        else if (N.enWords[part] !== undefined && N.enWords[part] !== null) { value += N.enWords[part]; }
        else { return null; }
      }
      return Math.round(value * scale);
    }
    function tokensOf(kind, m) {
      var text = m.groups[kind];
      var groups = m.slice(1).filter(function (g) { return g !== undefined; }).slice(1);
      if (kind === "full_date") { return dateTokens(groups[0], groups[1], groups[2]); }
      if (kind === "month_day" || kind === "slash_date") { return dateTokens(null, groups[0], groups[1]); }
      if (kind === "en_date") { return dateTokens(null, String(N.enMonths[groups[0].slice(0, 3)]), groups[1]); }
      if (kind === "year_month") { return dateTokens(groups[0], groups[1], null); }
      if (kind === "amount" || kind === "sino_amount") {
        var value = amountValue(text);
        if (value === null) { return []; }
        var lead = LEAD.exec(text);
        return ["n" + value].concat(lead ? ["n" + format(toNumber(lead[0]))] : []);
      }
      if (kind === "sino_count") { var v = sinoValue(text); return v ? ["n" + v] : []; }
      if (kind === "plain") { return ["n" + format(toNumber(text.replace(/여$/, "").trim()))]; }
      var english = englishValue(text);
      return english === null ? [] : ["n" + english];
    }
    function queryReadings(text, after) {
      var dotted = DOTTED.exec(text);
      if (dotted && !after.startsWith("%")) { return dateTokens(null, dotted[1], dotted[2]); }
      if (text.length === 2 && /^\d\d$/.test(text) && SHORT_YEAR_AFTER.test(after)) {
        var n = parseInt(text, 10);
        return ["n" + (n + (n < 50 ? 2000 : 1900))];
      }
      return [];
    }
    function nativeValue(text) {
      var tens = Object.keys(N.nativeTens).find(function (k) { return text.startsWith(k); });
      var rest = tens ? text.slice(tens.length) : text;
      return (tens ? N.nativeTens[tens] : 0) + (N.nativeUnits[rest] || 0);
    }
    function overlaps(start, end, found) {
      return found.some(function (n) { return start < n.end && n.start < end; });
    }
    function findNumbers(folded, query) {
      var found = [], m;
      for (m of folded.matchAll(NATIVE)) {
        found.push({ text: m[0], tokens: ["n" + nativeValue(m[0])], start: m.index, end: m.index + m[0].length });
      }
      if (query) {
        for (m of folded.matchAll(SPOKEN)) {
          var value = sinoValue(m.groups.count || m.groups.term), end = m.index + m[0].length;
          if (value && !overlaps(m.index, end, found)) {
            found.push({ text: m[0], tokens: ["n" + value], start: m.index, end: end });
          }
        }
      }
      if (!MAYBE.test(folded)) { return found.sort(function (a, b) { return a.start - b.start; }); }
      MATCHER.lastIndex = 0;
      while ((m = MATCHER.exec(folded)) !== null) {
        if (m[0] === "") { MATCHER.lastIndex++; continue; }
        if (overlaps(m.index, m.index + m[0].length, found)) { continue; }
        var kind = N.kinds.find(function (k) { return m.groups[k] !== undefined; });
        var tokens = new Set(tokensOf(kind, m));
        if (query && kind === "plain") { queryReadings(m[0], folded.slice(m.index + m[0].length)).forEach(function (t) { tokens.add(t); }); }
        if (tokens.size) { found.push({ text: m[0], tokens: Array.from(tokens).sort(), start: m.index, end: m.index + m[0].length }); }
      }
      return found.sort(function (a, b) { return a.start - b.start; });
    }

    // ------------------------------------------------------------------ ranking.py: queries

    function dedupe(forms) {
      var seen = new Set();
      return forms.filter(function (f) { if (!f[0] || seen.has(f[0])) { return false; } seen.add(f[0]); return true; });
    }
    function aliasesOf(key) { return ALIASES.get(key) || []; }
    function parseQuery(query) {
      var folded = " " + fold(query).split(/\s+/).filter(Boolean).join(" ") + " ";
      var units = [];
      T.phrases.forEach(function (pair) {
        var phrase = pair[0];
        if (folded.indexOf(" " + phrase + " ") >= 0) {
          folded = folded.split(" " + phrase + " ").join(" ; ");
          var forms = [[compact(phrase), 1, "phrase"]].concat(pair[1].map(function (o) { return [compact(o), R.ALIAS_FACTOR, "alias"]; }));
          units.push({ text: phrase, kind: "phrase", forms: dedupe(forms), weight: 1, place: null, fuzzy: true });
        }
      });
      var rest = [], last = 0;
      findNumbers(folded, true).forEach(function (expr) {
        rest.push(folded.slice(last, expr.start)); last = expr.end;
        units.push({ text: expr.text.trim(), kind: "number", forms: expr.tokens.map(function (t) { return [t, 1, "number"]; }),
                     weight: 1, place: null, fuzzy: true });
      });
      rest.push(folded.slice(last));
      var textWords = words(rest.join(" ")).filter(function (w) { return !isChatJamo(w); });
      var meaningful = textWords.filter(function (w) { return !isStopword(w) && !onlyGrammar(w); });
      if (!meaningful.length && !units.length) {
        meaningful = textWords.filter(function (w) { return !onlyGrammar(w); });
        if (!meaningful.length) { meaningful = textWords; }
      }
      splitCompounds(meaningful).forEach(function (w) { units.push(makeUnit(w)); });
      return units;
    }
    function splitCompounds(ws) {
      var out = [];
      ws.forEach(function (word) {
        if (!isHangulWord(word) || ALIASES.has(word) || word.length < 4) { out.push(word); return; }
        var best = null;
        ALIASES.forEach(function (_others, a) {
          if (a.length >= 2 && word.indexOf(a) >= 0 && a !== word && !(NAME_STARTS.has(a) && word.indexOf(a) === 0)
              && (best === null || a.length > best.length)) { best = a; }
        });
        if (best === null) { out.push(word); return; }
        var at = word.indexOf(best);
        [word.slice(0, at), best, word.slice(at + best.length)].forEach(function (p) {
          if (p.length >= 2 || (p && !ENDINGS.has(p))) { out.push(p); }
        });
      });
      return out.filter(function (w) { return w && !onlyGrammar(w); });
    }
    function makeUnit(word) {
      if (isChoseongWord(word)) { return { text: word, kind: "choseong", forms: [[word, 1, "초성"]], weight: 1, place: null, fuzzy: true }; }
      if ((word[0] >= "a" && word[0] <= "z") || /^\d+$/.test(word)) {
        var latin = [[latinStem(word), 1, "word"]].concat(aliasesOf(word).map(function (alt) { return [compact(alt), R.ALIAS_FACTOR, "alias"]; }));
        return { text: word, kind: "latin", forms: latin, weight: 1, place: null, fuzzy: true };
      }
      var wordStems = stems(word);
      var forms = [[word, 1, "exact"]].concat(wordStems.map(function (s) { return [s, R.STEM_FACTOR, "stem"]; }));
      forms.slice().forEach(function (f) {
        aliasesOf(f[0]).forEach(function (alt) { forms.push([compact(alt), f[1] * R.ALIAS_FACTOR, "alias"]); });
      });
      var named = [word].concat(wordStems.slice(0, 1));
      named.slice().forEach(function (t) { aliasesOf(t).forEach(function (alt) { named.push(compact(alt)); }); });
      var place = null;
      for (var t of named) { place = placeOf(t); if (place) { break; } }
      if (place && !forms.some(function (g) { return g[0] === place; })) { forms.push([place, 1, "place"]); }
      return { text: word, kind: "hangul", forms: dedupe(forms), weight: 1, place: place, fuzzy: true };
    }

    // ------------------------------------------------------------------ the claims, as fields

    function Field(number, text, numberTokens) {
      this.name = T.fields[number];
      this.weight = T.weights[number];
      this.typo = T.typoFields[number];
      this.words = text.split(" ").filter(Boolean);
      this.compact = this.words.join("");
      this.numbers = new Set((numberTokens || "").split(" ").filter(Boolean));
    }
    Field.prototype.starts = function () {
      if (!this._starts) {
        var starts = new Set(), offset = 0;
        this.words.forEach(function (w) { starts.add(offset); offset += w.length; });
        starts.add(offset);
        this._starts = starts;
      }
      return this._starts;
    };
    Field.prototype.holds = function (text) {
      var at = this.compact.indexOf(text);
      if (at < 0 || text.length < 2) { return at >= 0 ? 1 : 0; }
      var starts = this.starts(), best = 0;
      while (at >= 0) {
        if (starts.has(at) || !starts.has(at + 1)) {
          if (starts.has(at) || starts.has(at + text.length)) { return 1; }
          best = R.INSIDE_FACTOR;
        }
        at = this.compact.indexOf(text, at + 1);
      }
      return best;
    };
    Field.prototype.jamo = function () { return this._jamo || (this._jamo = jamo(this.compact)); };
    Field.prototype.latin = function () {
      return this._latin || (this._latin = new Set(this.words.filter(function (w) { return w[0] >= "a" && w[0] <= "z"; }).map(latinStem)));
    };
    Field.prototype.choWords = function () {
      return this._cho || (this._cho = choseongOfWords(this.words.filter(isHangulWord)));
    };
    Field.prototype.choJoined = function () { return this._choJoined || (this._choJoined = this.choWords().join("")); };
    Field.prototype.choStarts = function () {
      if (!this._choStarts) {
        var starts = new Set();
        this.choWords().forEach(function (w) { for (var n = 2; n <= w.length; n++) { starts.add(w.slice(0, n)); } });
        this._choStarts = starts;
      }
      return this._choStarts;
    };
    Field.prototype.choCompact = function () { return this._choCompact || (this._choCompact = choseong(this.compact)); };
    Field.prototype.typoGrams = function () {
      if (!this._typoGrams) { this._typoGrams = new Set(typoGramsOf(this.compact)); }
      return this._typoGrams;
    };

    var claims = data.keys.map(function (keys) {
      return keys.map(function (k) { return new Field(k[0], k[1], k[2]); });
    });

    // ------------------------------------------------------------------ ranking.py: weights

    function hasGrams(unit, text) {
      if (unit.kind !== "hangul" && unit.kind !== "latin" && unit.kind !== "phrase") { return true; }
      return words(text).some(function (run) { return isHangulWord(run) ? run.length >= 2 : run[0] >= "a" && run[0] <= "z"; });
    }
    function occurs(unit, text, fields) {
      return fields.some(function (fld) {
        if (unit.kind === "number") { return fld.numbers.has(text); }
        if (unit.kind === "choseong") { return fld.choCompact().indexOf(text) >= 0; }
        if (unit.kind === "latin" && /^[a-z]+$/.test(text)) { return fld.latin().has(text); }
        return fld.compact.indexOf(text) >= 0;
      });
    }
    // How many claims hold a form: here counted on the claims themselves, where the CLI counts index
    // tokens (syllable pairs) that stand for them.
    function weighUnits(units) {
      var total = Math.max(claims.length, 1), unseen = [];
      units.forEach(function (unit) {
        var frequencies = unit.forms.filter(function (f) { return hasGrams(unit, f[0]); }).map(function (f) {
          return claims.reduce(function (n, fields) { return n + (occurs(unit, f[0], fields) ? 1 : 0); }, 0);
        });
        var df = frequencies.length ? Math.max.apply(null, frequencies) : total;
        if (unit.kind === "hangul" && unit.text.length < 2) { df = Math.max(df, Math.floor(total / 2)); }
        unit.weight = Math.max(0.1, Math.log(1 + (total - df + 0.5) / (df + 0.5)));
        if (df === 0) { unseen.push(unit); } else { unit.fuzzy = false; }
      });
      var seen = units.filter(function (u) { return unseen.indexOf(u) < 0; }).map(function (u) { return u.weight; }).sort(function (a, b) { return a - b; });
      if (seen.length && unseen.length) {
        var typical = seen[Math.floor(seen.length / 2)];
        unseen.forEach(function (u) { u.weight = typical; });
      }
      units.forEach(function (u) { if (u.kind === "hangul" && isPredicate(u.text)) { u.weight *= R.PREDICATE_WEIGHT; } });
    }

    // ------------------------------------------------------------------ ranking.py: matching

    function bigrams(text) { var out = []; for (var i = 0; i + 1 < text.length; i++) { out.push(text.slice(i, i + 2)); } return out; }
    function typoGramsOf(text) {
      var grams = [];
      (text.replace(/ /g, "").match(HANGUL_RUN) || []).forEach(function (run) {
        var rest = Array.from(run, syllableRest);
        grams = grams.concat(bigrams(choseong(run)));
        for (var i = 0; i + 1 < rest.length; i++) { grams.push(rest[i] + rest[i + 1]); }
      });
      return grams;
    }
    function typoCutoff(length) {
      var allowed = length <= 8 ? 1 : length <= 15 ? 2 : 3;
      return 100 * (1 - allowed / length) - 1e-6;
    }
    function lcs(a, b) {
      var row = new Array(b.length + 1).fill(0);
      for (var i = 0; i < a.length; i++) {
        var diagonal = 0;
        for (var j = 0; j < b.length; j++) {
          var above = row[j + 1];
          row[j + 1] = a[i] === b[j] ? diagonal + 1 : Math.max(above, row[j]);
          diagonal = above;
        }
      }
      return row[b.length];
    }
    function ratio(a, b) { return a.length + b.length ? 200 * lcs(a, b) / (a.length + b.length) : 100; }
    // rapidfuzz's partial_ratio: the best ratio of the shorter text against any part of the longer
    // of its length (or cut short at either end), trying only parts that end or start on a shared character.
    function partialRatio(a, b, cutoff) {
      if (a.length > b.length) { var swap = a; a = b; b = swap; }
      var m = a.length, n = b.length, chars = new Set(a), best = 0;
      function tryPart(part) { var r = ratio(a, part); if (r > best) { best = r; } }
      for (var i = 1; i < m; i++) { if (chars.has(b[i - 1])) { tryPart(b.slice(0, i)); } }
      for (var s = 0; s + m <= n; s++) { if (chars.has(b[s + m - 1])) { tryPart(b.slice(s, s + m)); } }
      for (var e = n - m + 1; e < n; e++) { if (e > 0 && chars.has(b[e])) { tryPart(b.slice(e)); } }
      return best >= cutoff ? best : 0;
    }
    function bigramCover(form, text) {
      var covered = new Array(form.length).fill(false);
      for (var i = 0; i + 1 < form.length; i++) {
        if (text.indexOf(form.slice(i, i + 2)) >= 0) { covered[i] = covered[i + 1] = true; }
      }
      return covered.filter(Boolean).length / form.length;
    }
    function pieces(form, fld) {
      var i = 0, covered = 0, n = form.length;
      while (i < n - 1) {
        var j = n;
        while (j - i >= 2 && !fld.holds(form.slice(i, j))) { j--; }
        if (j - i >= 2) { covered += j - i; i = j; } else { i++; }
      }
      return n ? covered / n : 0;
    }
    function latinMatch(stem, docWords) {
      if (docWords.has(stem)) { return 1; }
      var prefix = false;
      docWords.forEach(function (w) { if (w.startsWith(stem) || (w.length >= 4 && stem.startsWith(w))) { prefix = true; } });
      if (stem.length >= 4 && prefix) { return R.LATIN_PREFIX; }
      if (stem.length >= 5) {
        var hit = false;
        docWords.forEach(function (w) { if (ratio(stem, w) >= 84) { hit = true; } });
        if (hit) { return R.LATIN_FUZZY; }
      }
      return 0;
    }
    function choseongPieces(query, starts) {
      var i = 0;
      while (i < query.length) {
        var j = query.length;
        while (j - i >= 2 && !starts.has(query.slice(i, j))) { j--; }
        if (j - i < 2) { return 0; }
        i = j;
      }
      return R.PIECES_FACTOR;
    }
    function choseongMatch(query, fld) {
      var choWords = fld.choWords();
      if (fld.choJoined().indexOf(query) >= 0) {
        if (choWords.indexOf(query) >= 0) { return 1; }
        for (var i = 0; i < choWords.length; i++) {
          if (choWords[i].startsWith(query) && query.length >= 2) { return R.CHOSEONG_PREFIX; }
          var rest = query, j = i;
          while (rest && j < choWords.length && rest.startsWith(choWords[j])) { rest = rest.slice(choWords[j].length); j++; }
          if (j > i && (!rest || (rest.length >= 2 && j < choWords.length && choWords[j].startsWith(rest)))) { return R.CHOSEONG_PREFIX; }
        }
      }
      return query.length >= 4 ? choseongPieces(query, fld.choStarts()) : 0;
    }
    function matchUnit(unit, fld) {
      if (unit.kind === "number") {
        var hit = unit.forms.find(function (f) { return fld.numbers.has(f[0]); });
        return hit ? hit[1] : 0;
      }
      if (unit.kind === "choseong") {
        return Math.max.apply(null, unit.forms.map(function (f) { return choseongMatch(f[0], fld); }));
      }
      var best = 0, inside = false;  // inside: the best is a form met only deep inside a longer word
      unit.forms.forEach(function (f) {
        if (unit.kind === "latin" && f[2] === "word") {
          var latin = latinMatch(f[0], fld.latin());
          if (latin > best) { best = latin; inside = false; }
        } else if (f[1] > best) {
          var held = fld.holds(f[0]);
          if (f[1] * held > best) { best = f[1] * held; inside = held === R.INSIDE_FACTOR; }
        }
      });
      function met() { return inside && typedApart(unit, fld) ? best / R.INSIDE_FACTOR : best; }
      if (best >= R.STEM_FACTOR) { return met(); }
      unit.forms.forEach(function (f) {
        var text = f[0], factor = f[1];
        if (!isHangulWord(text) || factor * R.TYPO_BASE <= best) { return; }
        if (text.length >= 3 && bigramCover(text, fld.compact) >= R.PIECES_MIN) {
          var cover = pieces(text, fld);
          if (cover >= R.PIECES_MIN && factor * R.PIECES_FACTOR * cover > best) {
            best = factor * R.PIECES_FACTOR * cover; inside = false;
          }
        }
        if (!unit.fuzzy || !fld.typo) { return; }
        var keys = jamo(text);
        // Only where the field shares a typo-proof pair with the word: the CLI's index chooses its
        // candidates by the same pairs, and a field with none of them is never within one key's reach.
        if (keys.length < 4 || !typoGramsOf(text).some(function (g) { return fld.typoGrams().has(g); })) { return; }
        var cutoff = typoCutoff(keys.length), r = partialRatio(keys, fld.jamo(), cutoff);
        if (r) {
          var score = factor * (R.TYPO_BASE + R.TYPO_SPAN * (r - cutoff) / (100 - cutoff));
          if (keys.length <= R.SHORT_TYPO_KEYS) { score *= R.SHORT_TYPO_FACTOR; }
          if (score > best) { best = score; inside = false; }
        }
      });
      return met();
    }
    /* Whether the longer word a unit is met inside is it and a neighbouring word of the query, run together:
       업무 in 주요업무계획 for 주요 업무 계획 (match.typed_apart). */
    function typedApart(unit, fld) {
      return unit.kind === "hangul" && (unit.joined || []).some(function (text) { return fld.holds(text) === 1; });
    }
    function joinNeighbours(units) {
      units.forEach(function (unit, i) {
        var before = units[i - 1], after = units[i + 1];
        unit.joined = [];
        if (before && before.kind === "hangul") { unit.joined.push(before.text + unit.text); }
        if (after && after.kind === "hangul") { unit.joined.push(unit.text + after.text); }
      });
    }
    function density(units, fields) {
      var own = units.some(function (u) { return u.kind === "hangul" || u.kind === "choseong"; }) ? "claim" : "claim_en";
      var best = 0;
      fields.forEach(function (fld) {
        if (fld.name !== own || !fld.compact) { return; }
        var taken = 0;
        units.forEach(function (u) {
          if (u.kind === "number" || u.kind === "choseong") { return; }
          u.forms.forEach(function (f) {
            if (f[1] >= R.STEM_FACTOR && f[0].length >= 2) { taken += f[0].length * (fld.compact.split(f[0]).length - 1); }
          });
        });
        best = Math.max(best, Math.min(1, taken / fld.compact.length));
      });
      return best;
    }
    function scoreClaim(units, fields, floor) {
      var total = units.reduce(function (t, u) { return t + u.weight; }, 0) || 1;
      var gained = 0, strong = false, penalty = 1, left = total;
      var ordered = units.slice().sort(function (a, b) { return b.weight - a.weight; });
      for (var unit of ordered) {
        if (gained + left < floor * total) { return 0; }
        left -= unit.weight;
        var best = 0, raw = 0;
        fields.forEach(function (fld) {
          if (fld.weight <= best) { return; }
          if (unit.kind === "latin" && fld.name === "claim" && !fld.latin().size) { return; }
          var m = matchUnit(unit, fld);
          if (m * fld.weight > best) { best = m * fld.weight; raw = m; }
        });
        gained += unit.weight * best;
        strong = strong || (best > 0 && raw >= R.STRONG_MATCH);
        if (unit.place && best === 0) { penalty = R.PLACE_MISS; }
      }
      return strong ? penalty * gained / total : 0;
    }

    // ------------------------------------------------------------------ the search

    /* The claims that answer `query`, best first: [{index, score}], score 0..100 as the CLI shows it. */
    function search(query) {
      var units = parseQuery(query);
      if (!units.length) { return []; }
      weighUnits(units);
      joinNeighbours(units);
      var ranked = [];
      claims.forEach(function (fields, index) {
        var score = scoreClaim(units, fields, R.MIN_SCORE);
        if (score >= R.MIN_SCORE) {
          var claim = fields.find(function (f) { return f.name === "claim"; });
          ranked.push({ index: index, score: score, density: density(units, fields), length: claim ? claim.compact.length : 0 });
        }
      });
      ranked.sort(function (a, b) {
        return Math.round(b.score * 100) - Math.round(a.score * 100) || b.density - a.density || a.length - b.length || a.index - b.index;
      });
      return ranked.map(function (r) { return { index: r.index, score: Math.min(100, Math.round(100 * r.score)) }; });
    }

    return { search: search, parseQuery: parseQuery };
  };
})();
