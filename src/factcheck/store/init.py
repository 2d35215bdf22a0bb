"""`factcheck init`: a new claims repository, ready for git, validation and publishing.

It writes only files that do not exist yet, so running it again, or in a repository that already has
some of them, never overwrites a newsroom's own work.
"""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.errors import FactcheckError, os_reason
from factcheck.model import CLAIM_SCHEMA
from factcheck.store.files import atomic_write
from factcheck.store.names import SCHEMA_FILE, SETTINGS_FILE

SETTINGS_TEMPLATE = """\
# Settings for publishing this claims repository: `report --format html|claimreview`, `export`, `site`.
# site: where `factcheck site -o DIR` output is published; each ClaimReview `url` is <site>/claims/<id>.html.
# site: https://factcheck.example.kr
publisher:
  name: {publisher}
language: ko
"""

# Where a repository keeps its own texts for the site, relative to the claims directory.
TEXT_FILES = {"methodology": "pages/methodology.md", "corrections-policy": "pages/corrections-policy.md"}
STARTER_DIR = Path(__file__).parent / "starter"

PRE_COMMIT_CONFIG = """\
# Checks every claim file before it is committed (https://pre-commit.com): `pre-commit install`.
repos:
  - repo: local
    hooks:
      - id: factcheck-validate
        name: factcheck validate
        entry: factcheck validate
        language: system
        files: ^claims/.*\\.yaml$
        exclude: ^claims/(aliases|factcheck)\\.yaml$
"""


def starter_text(name: str) -> str:
    """The shipped placeholder for one of TEXT_FILES: it says on its face that it is one."""
    return (STARTER_DIR / f"{name}.md").read_text(encoding="utf-8")


def starter_files(publisher: str) -> dict[str, str]:
    """The files of a new repository, by path relative to its root."""
    files = {
        f"claims/{SCHEMA_FILE}": json.dumps(CLAIM_SCHEMA, ensure_ascii=False, indent=2) + "\n",
        f"claims/{SETTINGS_FILE}": SETTINGS_TEMPLATE.format(publisher=json.dumps(publisher, ensure_ascii=False)),
        ".pre-commit-config.yaml": PRE_COMMIT_CONFIG,
    }
    files |= {f"claims/{rel}": starter_text(name) for name, rel in TEXT_FILES.items()}
    return files


def init_repository(root: Path, publisher: str = "우리 팩트체크") -> tuple[list[Path], list[Path]]:
    """Create `root/claims/` with its schema, settings and starter pages, and a pre-commit config.

    Returns (written, kept): the files made now, and those that already existed and were left alone.
    """
    root = root.expanduser().resolve()
    if root.exists() and not root.is_dir():
        raise FactcheckError("{root}: not a folder", root=root)
    written, kept = [], []
    for rel, text in starter_files(publisher).items():
        path = root / rel
        if path.exists():
            kept.append(path)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FactcheckError(
                "cannot create {parent}: {strerror}", parent=path.parent, strerror=os_reason(exc)) from None
        atomic_write(path, text.encode("utf-8"), overwrite=False)
        written.append(path)
    return written, kept
