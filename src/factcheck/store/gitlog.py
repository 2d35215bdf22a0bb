"""What git knows about a claim file: its commits (`git log --follow`) and the fields each one changed.

git runs as a subprocess: it is the tool every newsroom repository already uses, and no Python library
reads a repository's history, renames included, as faithfully as git itself. Outside a git work tree,
or without git, there is simply no git story: `file_log` says why, in one line, instead of failing.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from factcheck.errors import FactcheckError

GIT_TIMEOUT = 60  # seconds; a log of one file in a large repository takes well under one
# Output that no configuration can change: no colour, no signatures, paths as they are (Hangul too).
# Reading takes no lock, so a log never stalls the user's own git.
_GIT = ("git", "--no-optional-locks", "-c", "core.quotepath=off", "-c", "log.showSignature=false",
        "-c", "color.ui=never")
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Commit:
    hash: str
    author: str
    when: str  # ISO 8601 with its time zone, as the author's clock said
    subject: str
    path: str  # the file's path at this commit, from the top of the work tree
    changed: list[str] = field(default_factory=list)  # top-level fields that differ from the commit before
    history_count: int | None = None  # how many `history` entries the file held at this commit

    @property
    def date(self) -> str:
        return self.when[:10]


@dataclass(frozen=True)
class FileLog:
    commits: list[Commit]  # newest first, as git lists them
    skipped: str = ""  # why there is no git story (not a repository, no git); empty when there is one


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*_GIT, "-C", str(folder), *args], input=stdin, capture_output=True, timeout=GIT_TIMEOUT)


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace").strip()
    return text.splitlines()[0] if text else ""


def work_tree(folder: Path) -> tuple[Path | None, str]:
    """The top of the git work tree holding `folder`, or (None, why not)."""
    try:
        done = _git(folder, "rev-parse", "--show-toplevel")
    except FileNotFoundError:
        return None, "git is not installed"
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"git did not run: {exc}"
    if done.returncode != 0:
        reason = _first_line(done.stderr).removeprefix("fatal: ")
        return None, reason or "not a git repository"
    return Path(done.stdout.decode("utf-8", errors="replace").strip()), ""


def git_user(folder: Path) -> str | None:
    """`git config user.name` as seen from `folder`, or None when git has none (or there is no git)."""
    try:
        done = _git(folder, "config", "user.name")
    except (OSError, subprocess.TimeoutExpired):
        return None
    name = done.stdout.decode("utf-8", errors="replace").strip()
    return name if done.returncode == 0 and name else None


def file_log(path: Path, packed_id: str | None = None) -> FileLog:
    """Every commit that touched `path`, following renames, each with the fields it changed. `packed_id`: `path`
    is a pack, and the story is that claim's: the pack's commits that added or changed its line."""
    path = Path(path)
    top, why = work_tree(path.parent)
    if top is None:
        return FileLog([], why)
    if _git(top, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        return FileLog([])  # a repository without a commit yet: nothing is committed, not even this file
    done = _git(
        path.parent, "log", "--follow", "-z", "--no-color",
        f"--format={_RECORD}%H{_FIELD}%an{_FIELD}%aI{_FIELD}%s", "--name-only", "--", path.name,
    )
    if done.returncode != 0:
        raise FactcheckError("git log failed for {path}: {first_line}", path=path, first_line=_first_line(done.stderr))
    commits = _parse_log(done.stdout.decode("utf-8", errors="replace"))
    if packed_id is None:
        return FileLog(_with_changes(top, commits))
    return FileLog(_with_changes(top, commits, lambda blob: _packed_fields(blob, packed_id), packed=True))


def _parse_log(text: str) -> list[Commit]:
    commits = []
    for chunk in text.split(_RECORD)[1:]:
        header, _, rest = chunk.partition("\0")
        parts = header.split(_FIELD, 3)
        if len(parts) != 4:
            continue
        path = rest.strip("\n\0").split("\0")[0]
        commits.append(Commit(*parts, path=path))
    return commits


def _with_changes(top: Path, commits: list[Commit], read=None, packed: bool = False) -> list[Commit]:
    """Each commit with the top-level fields that differ from the file one commit earlier (`read` makes a
    version of the claim of a blob). `packed`: a pack's commits that left the claim as it was, or did not hold it,
    are not its story."""
    if not commits:
        return commits
    versions = [(read or _fields)(blob) for blob in _blobs(top, [f"{c.hash}:{c.path}" for c in commits])]
    out = []
    for i, (commit, version) in enumerate(zip(commits, versions)):
        first = i + 1 == len(commits) or (packed and versions[i + 1] is None)
        changed = ["(added)"] if first else changed_fields(versions[i + 1], version)
        if packed and (version is None or not changed):
            continue
        history = version.get("history") if version else None
        out.append(replace(
            commit, changed=changed,
            history_count=len(history) if isinstance(history, list) else 0 if version else None,
        ))
    return out


def _blobs(top: Path, names: list[str]) -> list[bytes | None]:
    """The contents of `commit:path` objects, in one `git cat-file --batch` (None for one git lacks)."""
    done = _git(top, "cat-file", "--batch", stdin="".join(n + "\n" for n in names).encode("utf-8"))
    data, pos, out = done.stdout, 0, []
    for _name in names:
        end = data.find(b"\n", pos)
        if end < 0:
            out.append(None)
            continue
        header = data[pos:end].split()
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":
            out.append(None)
            continue
        size = int(header[2])
        out.append(data[pos:pos + size])
        pos += size + 1
    return out


def _fields(blob: bytes | None) -> dict | None:
    if blob is None:
        return None
    from factcheck.model import normalise
    from factcheck.store.yaml import parse_yaml

    try:
        data = parse_yaml(blob.decode("utf-8"), Path("(git)"))
    except (FactcheckError, UnicodeDecodeError):
        return None
    return normalise(data) if isinstance(data, dict) else None


def _packed_fields(blob: bytes | None, claim_id: str) -> dict | None:
    if blob is None:
        return None
    from factcheck.store.names import FileError
    from factcheck.store.packs import claim_in, inflated

    try:
        return claim_in(inflated(blob, Path("(git)")), claim_id)
    except FileError:
        return None


def changed_fields(before: dict | None, after: dict | None) -> list[str]:
    """The top-level fields that differ between two versions of a claim, in the schema's order."""
    if before is None or after is None:
        return ["(not readable as a claim)"]
    from factcheck.model import CLAIM_SCHEMA

    order = {key: i for i, key in enumerate(CLAIM_SCHEMA["properties"])}
    keys = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    return sorted(keys, key=lambda k: (order.get(k, len(order)), k))
