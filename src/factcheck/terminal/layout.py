"""Layout without a terminal library: search results as lines of styled spans.

Kept apart from render.py so that `factcheck search` into a pipe never imports rich: start-up time is
most of what a search costs. Every piece of data passes through `clean()` here, once.
"""

from __future__ import annotations

from factcheck.model import VERDICT_BY_CODE, best_source, claimant_text
from factcheck.textclean import clean

Span = tuple[str, str]  # (text, rich style); style "badge:<code>" stands for a verdict badge


def _one_line(value: object) -> str:
    return clean("" if value is None else value, single_line=True)


RELATED_HEADING = "관련 있을 수 있는 주장 · Possibly related"


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
        lines.append([(f"{rank}. ", "bold"), (label, f"badge:{record.get('status', '')}"), (" ", ""),
                      (_one_line(record.get("claim")), "bold")])
        meta: list[Span] = [("   ", ""), (_one_line(claimant_text(record)), "cyan")]
        if record.get("claim_date"):
            meta.append((f" · {_one_line(record['claim_date'])}", ""))
        if related:
            meta.append((f" · similarity {result.similarity:.2f}", "dim"))
        else:
            meta.append((f" · score {result.score}", "dim"))
        meta += [(" · ", ""), (_one_line(record.get("id")), "dim")]
        lines.append(meta)
        if related and result.reason:
            lines.append([("   why: ", "dim"), (_one_line(result.reason), "dim")])
        if record.get("claim_en"):
            lines.append([("   ", ""), (_one_line(record["claim_en"]), "italic")])
        source = best_source(record)
        if source:
            lines.append([("   source: ", "dim"), (_one_line(source.get("publisher")), ""),
                          (" — “", ""), (_one_line(source.get("quote")), ""), ("” ", ""),
                          (_one_line(source.get("url")), "blue underline")])
        if explain:
            lines += [[("   why: ", "dim"), (_one_line(reason), "dim")] for reason in result.explain]
        lines.append([])
    return lines


def plain_text(lines: list[list[Span]]) -> str:
    return "".join("".join(text for text, _style in spans) + "\n" for spans in lines)
