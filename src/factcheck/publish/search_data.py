"""The site's search index, made at build time by the CLI's own normalisation.

The page cannot run Python, so the work is split where the CLI splits it: the document side (folding,
words, number and date tokens: search/analysis.py `analyse_fields`) is done here, once per claim, and the
query side (search/query.py, match.py, ranking.py) is ported to search.js. Everything that side needs as data (the fold
table, particles and endings, stop words, aliases, places, number patterns, the ranking constants) is
read from the Python modules that hold it, so the page and `factcheck search` cannot drift apart in
what they know, only in code that a browser test runs against the CLI's answers.

Per claim the index holds the analysed keys of the fields a reader sees in the table (claim, its
translation, tags, entities, claimant): about the size of the text itself. A token → claims map would
be several times larger (every syllable pair of every claim, with its claims), and rationales and
source quotes, a paragraph or more each, would make a newsroom's index page megabytes long.
"""

from __future__ import annotations

from typing import Any, Iterable

from factcheck.search import analysis, match, query, ranking
from factcheck.search.text import korean, numbers, places
from factcheck.search.text.aliases import ALIAS_GROUPS, Aliases

SEARCHED_FIELDS = ("claim", "claim_en", "tags", "entities", "claimant")

# Python's \b knows Unicode letters, JavaScript's only ASCII ones: 피지컬ai has no word boundary inside.
_JS_WORD = r"[\p{L}\p{N}\p{M}_]"
_JS_BOUNDARY = rf"(?:(?<={_JS_WORD})(?!{_JS_WORD})|(?<!{_JS_WORD})(?={_JS_WORD}))"


def js_pattern(pattern: str) -> str:
    """A Python regular expression as the same JavaScript one (run with the u flag)."""
    return pattern.replace("(?P<", "(?<").replace(r"\b", _JS_BOUNDARY)


def claim_keys(record: dict) -> list[list]:
    """The claim's search keys: [field number, folded words] or [field number, words, number tokens]."""
    out = []
    for name, words, number_tokens in analysis.analyse_fields(record):
        if name in SEARCHED_FIELDS:
            key = [SEARCHED_FIELDS.index(name), words]
            out.append(key + [number_tokens] if number_tokens else key)
    return out


def _number_tables() -> dict[str, Any]:
    names = [name for name, _pattern in numbers._PATTERNS]
    return {
        "matcher": js_pattern(numbers._matcher().pattern),
        "kinds": names,
        "maybe": js_pattern(numbers._MAYBE.pattern),
        "native": js_pattern(numbers._native_matcher().pattern),
        "nativeTens": numbers.NATIVE_TENS,
        "nativeUnits": numbers.NATIVE_UNITS,
        "spoken": js_pattern(numbers._spoken_matcher().pattern),
        "num": numbers._NUM,
        "dotted": js_pattern(numbers._DOTTED_DATE),
        "shortYearAfter": js_pattern(numbers._SHORT_YEAR_AFTER),
        "sinoDigits": numbers.SINO_DIGITS,
        "smallUnits": numbers.SMALL_UNITS,
        "bigUnits": numbers.BIG_UNITS,
        "enWords": numbers.EN_WORDS,
        "enScales": numbers.EN_SCALES,
        "enMonths": numbers.EN_MONTHS,
    }


def _ranking_constants() -> dict[str, Any]:
    names = ("MIN_SCORE", "PLACE_MISS", "ALIAS_FACTOR", "PIECES_FACTOR", "PIECES_MIN", "PREDICATE_WEIGHT",
             "TYPO_BASE", "TYPO_SPAN", "SHORT_TYPO_KEYS", "SHORT_TYPO_FACTOR", "STRONG_MATCH", "LATIN_PREFIX",
             "LATIN_FUZZY", "CHOSEONG_PREFIX")
    stages = (ranking, match, query)  # each constant lives in the stage that uses it
    constants = {name: next(getattr(m, name) for m in stages if hasattr(m, name)) for name in names}
    constants.update(STEM_FACTOR=korean.STEM_FACTOR, INSIDE_FACTOR=match.INSIDE_FACTOR)
    return constants


def search_tables(aliases: Aliases | None = None) -> dict[str, Any]:
    """Everything the page's query side needs to read a query as `factcheck search` does."""
    aliases = aliases if aliases is not None else Aliases(ALIAS_GROUPS)
    return {
        "fields": list(SEARCHED_FIELDS),
        "weights": [match.FIELD_WEIGHTS[name] for name in SEARCHED_FIELDS],
        "typoFields": [name in analysis.TYPO_FIELDS for name in SEARCHED_FIELDS],
        "fold": korean.fold_table(),
        "word": js_pattern(korean.WORD_RE.pattern),
        "choseong": korean.CHOSEONG,
        "jungseong": korean.JUNGSEONG,
        "jongseong": korean.JONGSEONG,
        "compoundJamo": korean._COMPOUND_JAMO,
        "keyboardRows": list(korean.KEYBOARD_ROWS),
        "mashRun": korean.MASH_RUN,
        # Longest first, as stems() tries them; in a fixed order within one length (ENDINGS is built from
        # a set), so that an unchanged site builds to the same bytes and is not rewritten.
        "endings": sorted(korean.ENDINGS, key=lambda ending: (-len(ending), ending)),
        "stopwordsKo": sorted(korean.STOPWORDS_KO),
        "stopwordsEn": sorted(korean.STOPWORDS_EN),
        "predicateEndings": list(korean.PREDICATE_ENDINGS),
        "latinSuffixes": list(korean._LATIN_SUFFIXES),
        # Pairs, not an object: JavaScript would reorder keys that look like numbers, and the first
        # longest alias wins a tie when a compound is split, as in Python.
        "aliases": [[key, others] for key, others in aliases.by_compact.items()],
        "phrases": [[phrase, others] for phrase, others in aliases.phrases],
        "nameStarts": sorted(query.NAME_STARTS),
        "places": sorted(places.PLACES),
        "ordinaryPlaceWords": sorted(places.ORDINARY_WORDS),
        "placeSuffixes": list(places.SUFFIXES),
        "numbers": _number_tables(),
        "rank": _ranking_constants(),
    }


def search_index(records: Iterable[dict], aliases: Aliases | None = None) -> dict[str, Any]:
    """The index the site's page embeds: the tables, and each claim's keys in the order given."""
    return {"tables": search_tables(aliases), "keys": [claim_keys(r) for r in records]}

