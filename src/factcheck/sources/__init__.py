"""Checking sources over HTTP: is the stored quote still at the stored address?

`check_sources(targets)` fetches every source page (asynchronously, politely, safely), extracts its
visible text (`webtext`) and classifies each source:

    ok             the quote is on the page
    quote-missing  the page is there, the quote is not (quote_score says how close the page comes)
    changed        the quote is there, but the page text differs from the fingerprint stored last time
    moved          the quote is there, but the address redirects somewhere new
    dead           404 or 410
    error          timeout, DNS, TLS, too large, unsupported content type...: `error` says which
    blocked        the address is not one this tool will fetch (a private network, a non-http scheme)

`changed` and `moved` compare with what `sources check --update` stored last time (`fingerprint`,
`final_url`), so a move or an edit is reported once and then, once recorded, no longer.

Safety: a claim file's URL is untrusted input. Every connection (the first and each redirect hop) goes
through `_GuardedBackend`, which resolves the host itself, refuses it when any address is not public,
and connects to exactly the address it checked, so DNS cannot answer differently in between.
Redirects are followed by hand (at most 10); bodies are streamed and cut at `max_bytes`, counted both
before and after decompression; no cookie is ever kept.

`archive_sources` asks the Internet Archive for a snapshot of each source (and with save=True asks
Save Page Now to make one first). Its `wayback` and `save_to` arguments point it at other servers
(the CLI passes $FACTCHECK_WAYBACK_URL and $FACTCHECK_SAVE_URL; tests, a local server).

Modules: `results` (what is checked and what comes back), `guard` (the address guard), `http` (capped,
polite fetching), `judge` (is the quote there), `check` (the whole run), `archive`, `webtext` (a page's
visible text). Library code: no click, no rich; httpx is imported only where it is used.
"""

from factcheck.lazy import lazy_exports

_EXPORTS = {
    "SourceTarget": "results", "SourceResult": "results", "targets_for": "results",
    "check_sources": "check", "apply_results": "check", "FetchLimits": "http",
    "archive_sources": "archive", "archive_lookup": "archive", "archive_save": "archive",
    "archive_targets": "archive", "apply_archive": "archive", "ArchiveResult": "archive",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
