"""Publishing: a claim as Markdown or an HTML page, and the static site of every claim."""

from factcheck.lazy import lazy_exports

_EXPORTS = {"claim_markdown": "markdown", "render_claim_page": "html", "build_site": "site"}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
