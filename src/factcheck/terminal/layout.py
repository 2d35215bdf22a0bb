"""Layout without a terminal library: search results as lines of styled spans.

Kept apart from render.py so that `factcheck search` into a pipe never imports rich: start-up time is
most of what a search costs. Every piece of data passes through `clean()` here, once.
"""

from __future__ import annotations

from factcheck import i18n
from factcheck.i18n import _, translated
from factcheck.model import STATE_LABELS, VERDICT_BY_CODE, best_source, claimant_text, state_of
from factcheck.textclean import clean

Span = tuple[str, str]  # (text, rich style); style "badge:<code>" stands for a verdict badge


def verdict_name(code: str) -> str:
    """A verdict as the interface names it, in a message or a question: 절반의 사실 in Korean, the code
    (half-true) in English, as the documentation and the flags spell it."""
    verdict = VERDICT_BY_CODE.get(code)
    if verdict is None:
        return code
    return verdict.ko if i18n.current() == "ko" else verdict.code


def _one_line(value: object) -> str:
    return clean("" if value is None else value, single_line=True)


RELATED_HEADING = "관련 있을 수 있는 주장 · Possibly related"  # both languages whatever the interface's


def search_lines(results: list, explain: bool = False, related: list | None = None) -> list[list[Span]]:
    """Matches, ranked; then, apart and labelled, the related results with their similarity and reason."""
    lines = _result_lines(results, explain, start=1)
    if related:
        lines.append([(RELATED_HEADING, "bold yellow")])
        lines.append([])
        lines += _result_lines(related, explain, start=len(results) + 1, related=True)
    return lines


def _result_lines(results: list, explain: bool, start: int, related: bool = False) -> list[list[Span]]:
    lines: list[list[Span]] = []
    for rank, result in enumerate(results, start):
        record = result.record
        verdict = VERDICT_BY_CODE.get(record.get("status", ""))
        label = f"[{verdict.ko}]" if verdict else _one_line(record.get("status"))
        state = state_of(record)
        mark = [] if state == "published" else [("[{} · {}]".format(*STATE_LABELS[state]), "bold magenta"), (" ", "")]
        lines.append([(f"{rank}. ", "bold"), (label, f"badge:{record.get('status', '')}"), (" ", ""), *mark,
                      (_one_line(record.get("claim")), "bold")])
        facts: list[Span] = [(_one_line(claimant_text(record)), "cyan"), (_one_line(record.get("claim_date")), "")]
        if related:
            facts.append((_("similarity {similarity}").format(similarity=f"{result.similarity:.2f}"), "dim"))
        else:
            facts.append((_("score {score}").format(score=result.score), "dim"))
        facts.append((_one_line(record.get("id")), "dim"))
        lines.append([("   ", ""), *_joined([fact for fact in facts if fact[0]])])
        if related and result.reason:
            lines.append([(_("   why: "), "dim"), (_one_line(translated(result.reason)), "dim")])
        if record.get("claim_en"):
            lines.append([("   ", ""), (_one_line(record["claim_en"]), "italic")])
        source = best_source(record)
        if source:
            lines.append([(_("   source: "), "dim"), (_one_line(source.get("publisher")), ""),
                          (" — “", ""), (_one_line(source.get("quote")), ""), ("” ", ""),
                          (_one_line(source.get("url")), "blue underline")])
        if explain:
            lines += [[(_("   why: "), "dim"), (_one_line(reason), "dim")] for reason in result.explain]
        lines.append([])
    return lines


def _joined(spans: list[Span], separator: str = " · ") -> list[Span]:
    """Spans with a separator between them, and none before the first: a claim with no claimant or
    date starts its line with what it has."""
    out: list[Span] = []
    for span in spans:
        if out:
            out.append((separator, ""))
        out.append(span)
    return out


# Into a pipe `list` prints a header and then one claim a line, its columns apart by tabs. The header
# names are the JSON keys, in English whatever the interface speaks: a script cuts by them.
TSV_COLUMNS = ("id", "verdict", "state", "date", "claimant", "claim")


def tsv_row(record: dict) -> str:
    values = (record.get("id"), record.get("status"), record.get("state"), record.get("claim_date"),
              claimant_text(record), record.get("claim"))
    return "\t".join(_one_line(value) for value in values)  # single_line folds tabs and newlines into spaces


def tsv_header() -> str:
    return "\t".join(TSV_COLUMNS)


def plain_text(lines: list[list[Span]]) -> str:
    return "".join("".join(text for text, _style in spans) + "\n" for spans in lines)
