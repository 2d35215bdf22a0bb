"""The one similarity of the tool: how alike a text (a query, a post, a new claim) and a stored claim are.

Search, the near-duplicate warning of `factcheck add` and the duplicate report of `factcheck import` all
ask `compare`. It reads the two texts both ways, each word weighed by how rare it is (IDF), matched with
search's own matchers (stems, aliases, pieces, typos, numbers, and the soft forms the meaning stage adds):

- `query_share`: the share of the text's weight the claim meets. A typed query is all in its claim, and
  this is what the lexical search always ranked by.
- `claim_share`: the share of the claim's weight the text meets. A post or a new article repeats the
  claim among much else, so the claim is in the text, not the text in the claim. A claim's word that the
  text's words were widened to by meaning is met too, for what it was worth to the text (soft_fields).
- `score`: the two at once, as a weighted Dice coefficient (what both share, over all that both say), so
  that two texts saying the same thing score near 1 whichever is longer, and one word in common does not.

The claim side is the claim's own wording: its text, its translation, or the headline of the review it
was imported from, whichever the text meets best.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple
from weakref import WeakKeyDictionary

from factcheck.search.candidates import choose_candidates
from factcheck.search.match import Field, Scored, fields_of, score_claim
from factcheck.search.query import SOFT, Unit, parse_query, query_grams, weigh_units
from factcheck.search.text.korean import fold, words
from factcheck.search.text.numbers import number_tokens

if TYPE_CHECKING:
    from factcheck.search.index import Index, Row
    from factcheck.store.repo import Repo

CLAIM_SIDES = ("claim", "claim_en", "review")  # the fields that word the claim itself
DUPLICATE_SIMILARITY = 0.8  # at this score two claims say the same thing: `add` warns, `import` reports


class Text(NamedTuple):
    """One side of a comparison, analysed: its units, weighed, and itself as fields the other side's
    units can be met in: its own words, and the near-synonyms the meaning stage gave them, each worth
    what it is worth to the text (see soft_fields). A text `widened` by the meaning stage has Kiwi loaded,
    and the claim's words are read with it too (semantic.with_noun_stems)."""

    text: str
    units: list[Unit]
    field: Field
    soft: tuple[Field, ...] = ()
    widened: bool = False

    @property
    def weight(self) -> float:
        return sum(unit.weight for unit in self.units)


def as_field(text: str) -> Field:
    folded = fold(text)
    ws = words(folded)
    return Field("text", 1.0, ws, "".join(ws), number_tokens(folded))


def soft_fields(units: list[Unit]) -> tuple[Field, ...]:
    """The soft forms of `units` (near-synonyms and abbreviations, labelled ≈), one field per worth: a
    claim's 장신구, which the text's 액세서리 was taken for, is then met on the claim's side too, for as much
    as on the text's, so the claim's share does not count it missing."""
    by_factor: dict[float, list[str]] = {}
    for unit in units:
        for form in unit.forms:
            if form.label.startswith(SOFT):
                by_factor.setdefault(form.factor, []).append(fold(form.text))
    # Spaces between them, so that no word is met across two of them (고가 장신구 holds no 가장).
    return tuple(Field("soft", factor, texts, " ".join(texts), set()) for factor, texts in by_factor.items())


def analyse_text(text: str, index: Index | None, units: list[Unit] | None = None, widened: bool = False) -> Text:
    """`text` as units weighed by the index's document frequencies (or the given units, already weighed,
    and `widened` if the meaning stage gave them); with no index, every word weighs the same."""
    if units is None:
        units = parse_query(text, index.aliases() if index is not None else None)
        if index is not None:
            weigh_units(units, max(index.count(), 1), index.doc_freqs)
    return Text(text, units, as_field(text), soft_fields(units), widened)


class Similarity:
    """(A plain class: a dataclass costs start-up time every search pays.)"""

    __slots__ = ("score", "query_share", "claim_share", "lexical", "side", "reasons")

    def __init__(self, score: float, query_share: float, claim_share: float, lexical: Scored,
                 side: str = "claim", reasons: list[str] | None = None):
        self.score = score  # the weighted Dice coefficient of the two sides, 0..1
        self.query_share = query_share
        self.claim_share = claim_share
        self.lexical = lexical  # the text's side as the lexical search scores it (with reasons when explaining)
        self.side = side  # which wording of the claim the text met best
        self.reasons = reasons if reasons is not None else []

    @property
    def strong(self) -> bool:
        """Some word of the text met surely in the claim (search's rule: no claim is a result without one)."""
        return self.lexical.score > 0


def _claim_sides(fields: list[Field], index: Index | None) -> list[Text]:
    out = []
    for fld in fields:
        if fld.name in CLAIM_SIDES and fld.words:
            out.append(_claim_side(" ".join(fld.words), index))
    return out


# A claim's sides, analysed once per open index (each open_index is a fresh one, its weights current): an
# article compares each of its sentences with every claim, and would otherwise analyse each claim again.
_SIDES: WeakKeyDictionary = WeakKeyDictionary()


def _claim_side(text: str, index: Index | None) -> Text:
    if index is None:
        return analyse_text(text, None)
    sides = _SIDES.setdefault(index, {})
    if text not in sides:
        sides[text] = analyse_text(text, index)
    return sides[text]


def compare(text: Text, fields: list[Field], index: Index | None, explain: bool = False,
            lexical: Scored | None = None) -> Similarity:
    """How alike `text` and the claim whose analysed fields are `fields` are (see the module docstring);
    `lexical` is the text's side if already scored (score_claim with no floor)."""
    lexical = lexical if lexical is not None else score_claim(text.units, fields, explain, floor=0.0)
    query_share = lexical.score
    best = Similarity(query_share * text.weight / (text.weight or 1.0), query_share, 0.0, lexical,
                      reasons=list(lexical.reasons))
    if not text.units or not lexical.score:
        return best
    best.score = 0.0
    for side in _claim_sides(fields, index):
        met = score_claim(_claim_units(side, text), [text.field, *text.soft], floor=0.0, soft=text.widened).score
        total = text.weight + side.weight
        score = (query_share * text.weight + met * side.weight) / total if total else 0.0
        if score > best.score:
            best.score, best.claim_share, best.side = score, met, side_name(side, fields)
    if explain:
        best.reasons.append(f"shares {query_share:.0%} of the text and {best.claim_share:.0%} of the claim's "
                            f"{best.side} → similarity {best.score:.2f}")
    return best


def _claim_units(side: Text, text: Text) -> list[Unit]:
    """The claim's units, with the nouns Kiwi reads under their endings when the text was widened (형사처벌을
    → 처벌, met by the text's 처벌받는다): the claim's side then reads as the text's does. Its place counts
    missing only from a text that names another one: a text that names none (a post that says 시장 for
    김제시장) asks about no other place."""
    units = side.units
    if any(unit.place for unit in units) and not any(unit.place for unit in text.units):
        units = [unit.without_place() if unit.place else unit for unit in units]
    if not text.widened:
        return units
    from factcheck.search.semantic import with_noun_stems  # loaded already, by the stage that widened the text

    return with_noun_stems(units)


def side_name(side: Text, fields: list[Field]) -> str:
    return next((f.name for f in fields if f.name in CLAIM_SIDES and " ".join(f.words) == side.text), "claim")


def text_similarity(a: str, b: str) -> float:
    """How alike two claim texts are when no repository says how rare their words are (every word weighs
    the same): import's test of two claims under one review URL."""
    from factcheck.search.analysis import analyse_fields

    return compare(analyse_text(a, None), fields_of(analyse_fields({"claim": b})), None).score


# --------------------------------------------------------------------------- duplicates


def similar_claims(index: Index, text: str, limit: int = 5, minimum: float = DUPLICATE_SIMILARITY,
                   rows: list[Row] | None = None) -> list[tuple[Similarity, Row]]:
    """Stored claims at least `minimum` alike to `text`, most alike first."""
    analysed = analyse_text(text, index)
    if not analysed.units:
        return []
    if rows is None:
        rows = index.rows() if index.count() <= 500 else choose_candidates(index, query_grams(analysed.units))
    found = []
    for row in rows:
        similarity = compare(analysed, fields_of(row.analysed_fields), index)
        if similarity.score >= minimum:
            found.append((similarity, row))
    found.sort(key=lambda pair: (-pair[0].score, pair[1].claim_id))
    return found[:limit]


def near_duplicates(repo: Repo, record: dict, limit: int = 5) -> list[tuple[int, dict]]:
    """Stored claims that say nearly the same thing as `record`, with their similarity in percent: the
    warning of `factcheck add`. A claim with the same id is always listed.

    Raises DataError when one holds the very same text (spacing, punctuation and case aside): a second
    copy would only split one claim's verdict, sources and history in two, so no --yes lets it in.
    """
    from factcheck.errors import DataError, FactcheckError
    from factcheck.search.index import open_index
    from factcheck.search.text.korean import compact

    index = open_index(repo)
    found = [(round(100 * s.score), index.record(row)) for s, row in similar_claims(index, record["claim"], limit)]
    text = compact(record["claim"])
    for _score, stored in found:
        if text and compact(stored.get("claim", "")) == text:
            stored_id = stored.get("id")
            raise DataError(
                "the claim text is already stored as {stored_id!r}; add to that claim instead (factcheck verdict "
                "{stored_id} STATUS --note … --source …)", stored_id=stored_id)
    same_id = [r for _s, r in found if r.get("id") == record.get("id")]
    if not same_id:
        try:
            found.append((0, index.get(record["id"])))
        except FactcheckError:  # no claim with that id, or not a valid id: nothing to add
            pass
    return found

