"""factcheck: a civic fact-checker over a git repository of YAML claims, usable without its command line.

    import factcheck
    repo = factcheck.Repo.find("claims")
    outcome = factcheck.search_claims(repo, "예타 면제")
    results = factcheck.check_sources(factcheck.targets_for(outcome.results[0].record))

The library never imports click or rich; only `factcheck.cli` and `factcheck.terminal` do. Names load on
first use, so importing the package costs nothing until it is used.
"""

from factcheck.lazy import lazy_exports

_EXPORTS = {
    # the repository
    "Repo": "store", "find_claims_dir": "store", "load_claim_file": "store", "validate_files": "store",
    # search
    "search_claims": "search", "open_index": "search",
    # sources
    "check_sources": "sources", "targets_for": "sources", "archive_sources": "sources",
    # exchange
    "to_claimreview": "exchange", "read_items": "exchange",
    "import_records": "exchange",
    # publishing
    "export_text": "publish", "build_site": "publish", "claim_markdown": "publish", "render_claim_page": "publish",
    # the model and errors
    "VERDICTS": "model", "verdict": "model", "validate_claim": "model",
    "FactcheckError": "errors", "DataError": "errors", "NotFound": "errors",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
