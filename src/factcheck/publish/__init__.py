"""Publishing: the formats a claim or a list of claims is written in, Markdown, HTML pages and the static site."""

from factcheck.lazy import lazy_exports

_EXPORTS = {
    "claim_text": "formats", "export_text": "formats", "FORMATS": "formats",
    "claim_markdown": "markdown", "render_claim_page": "html", "build_site": "site",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
