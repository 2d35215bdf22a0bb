"""`factcheck import`: read other tools' fact-checks and store them as claims, fast and without duplicates.

Readers turn a file into a list of items, each `(position, record)` or `(position, reason)`:
- ClaimReview JSON-LD: one object, a list, an `@graph`, or JSON Lines;
- a saved Google Fact Check Tools `claims:search` response, bare or wrapped as `{fetched_at, count, claims}`;
- a CSV or TSV spreadsheet with a header row and a `--map field=column,...` mapping.

`import_records` writes the valid new ones under `claims/imported/<publisher>/<0-f>/<id>.yaml`. It reads the
repository once to learn what is already there, never merges: an item that repeats a stored claim (same
review URL with the same claim, or the same claim text once normalised) is reported as a duplicate of that
claim's id. Files are written by a fast YAML emitter and made durable by one `os.sync()` per batch instead of
one fsync per file; each file still appears atomically, by a hard link from a complete temporary file.
"""

from factcheck.lazy import lazy_exports

_EXPORTS = {"read_items": "read", "import_records": "run", "FORMATS": "items", "ImportReport": "run"}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
