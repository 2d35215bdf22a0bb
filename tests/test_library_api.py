"""The library works without the command line: `import factcheck` is its front door."""

from __future__ import annotations

import json
import subprocess
import sys

import factcheck
from factcheck.store import bundled_claims_dir


def test_every_exported_name_resolves():
    for name in factcheck.__all__:
        assert getattr(factcheck, name) is not None, name


def test_a_search_through_the_library_finds_the_seed_claim_and_exports_it_as_claimreview():
    repo = factcheck.Repo.find(str(bundled_claims_dir()))
    outcome = factcheck.search_claims(repo, "예타 면제")
    record = outcome.results[0].record
    assert record["id"] == "gimje-physical-ai-yeta-exemption"
    review = factcheck.to_claimreview(record)
    assert review["@type"] == "ClaimReview" and review["identifier"] == record["id"]
    assert "예비타당성조사" in factcheck.claim_markdown(record)


def test_importing_the_library_loads_no_terminal_or_network_module():
    code = "import sys, factcheck, factcheck.store, factcheck.sources, factcheck.exchange, factcheck.publish; " \
           "print(__import__('json').dumps(sorted(m for m in sys.modules if m.split('.')[0] in " \
           "{'click', 'rich', 'httpx', 'asyncio', 'ruamel'})))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert loaded == []
