"""What `scan` has already read, remembered in the cache directory (never in git, never in claims/).

One small JSON file per claims repository, next to its search index: an article address and the day it
was first read. An address is remembered only once its article was read, so one that failed is tried
again on the next run.
"""

from __future__ import annotations

import datetime as _dt
import json
import zlib
from pathlib import Path

FORMAT = 1
# A daily scan meets a few hundred addresses a day; a year of them stays a small file.
KEEP_DAYS = 400


def seen_path(repo) -> Path:
    """The memory of `repo` (a Repo), in its cache directory."""
    from factcheck.search.index import cache_dir

    key = str(repo.root).encode("utf-8")
    return (repo.cache_dir or cache_dir()) / f"seen-{zlib.crc32(key):08x}{zlib.adler32(key):08x}.json"


class Seen:
    def __init__(self, path: Path):
        self.path = path
        self.items: dict[str, str] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("items"), dict):
                self.items = {str(k): str(v) for k, v in data["items"].items()}
        except (OSError, ValueError):
            self.items = {}  # none yet, or unreadable: a cache, so start again rather than fail

    def __contains__(self, url: str) -> bool:
        return url in self.items

    def add(self, url: str, day: str | None = None) -> None:
        self.items.setdefault(url, day or _dt.date.today().isoformat())

    def save(self) -> None:
        from factcheck.store.files import atomic_write

        cutoff = (_dt.date.today() - _dt.timedelta(days=KEEP_DAYS)).isoformat()
        kept = {url: day for url, day in sorted(self.items.items()) if day >= cutoff}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"format": FORMAT, "items": kept}, ensure_ascii=False, indent=1) + "\n"
        atomic_write(self.path, body.encode("utf-8"), overwrite=True)
