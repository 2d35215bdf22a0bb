"""What a typed search of the seed claims loads: it must stay cheap to start (≤ 8× `python -c pass`, timed by
benchmarks/bench_language.py, never by a test), so these hold it to the modules it needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import REPO_CLAIMS

# A search into a pipe or with --json draws nothing (rich), reads no YAML through ruamel (the index holds the
# claims), fetches nothing (httpx), needs no model for words that match (kiwipiepy), asks the C library for no
# locale (`locale`: the language comes from the variables), and parses no claim file (index_parse: the index
# is up to date).
NOT_NEEDED = ("rich", "ruamel", "httpx", "kiwipiepy", "locale", "factcheck.search.index_parse")

SEARCH = """import json, sys
from factcheck.cli import main
sys.argv = ['factcheck', '--claims-dir', *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_loaded_by(*args: str, lang: str) -> set[str]:
    env = {**os.environ, "LANG": lang}
    ran = subprocess.run([sys.executable, "-c", SEARCH, str(REPO_CLAIMS), *args], capture_output=True, text=True,
                         env=env)
    assert ran.returncode == 0, ran.stderr
    return set(json.loads(ran.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("lang", ["C.UTF-8", "ko_KR.UTF-8"])
@pytest.mark.parametrize("output", [["--json"], []], ids=["json", "text into a pipe"])
def test_a_typed_search_with_an_up_to_date_index_loads_only_what_it_needs(lang, output):
    modules_loaded_by("search", "예타 면제", *output, lang=lang)  # the first search builds the index
    loaded = modules_loaded_by("search", "예타 면제", *output, lang=lang)
    assert "factcheck.search.ranking" in loaded  # it did search
    assert sorted(m for m in loaded if m.split(".")[0] in NOT_NEEDED or m in NOT_NEEDED) == []
