"""The claims repository on disk: where it is, reading claim files safely, writing them atomically.

Bulk reads use ruamel.yaml's safe loader on its C parser (libyaml via ruamel.yaml.clib): it builds only
plain data, so a `!!python/...` tag is refused, never run. Edits use ruamel.yaml's round-trip mode, which
keeps a human-written file's comments and key order; it is ~20x slower, so it only ever touches the one
file being edited.
"""

from factcheck.lazy import lazy_exports

_EXPORTS = {
    "Repo": "repo", "find_claims_dir": "repo", "check_id": "repo", "bundled_claims_dir": "repo",
    "load_claim_file": "yaml", "parse_yaml": "yaml", "atomic_write": "files",
    "FileProblem": "names", "FileError": "names",
    "PublishSettings": "settings", "load_settings": "settings",
    "validate_files": "editing", "claim_stats": "stats",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
