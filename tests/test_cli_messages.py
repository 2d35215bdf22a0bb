"""Small things a newcomer reads: what a written file holds, and where the options of `import FILE` are."""

import pytest

from conftest import write_claim


@pytest.mark.parametrize("fmt, named", [(None, "Markdown"), ("md", "Markdown"), ("html", "HTML"),
                                        ("json", "JSON")])
def test_show_into_a_file_says_what_the_file_holds(run, empty_claims, tmp_path, fmt, named):
    write_claim(empty_claims, "subway-fare")
    target = tmp_path / "report.txt"
    result = run(empty_claims, "show", "subway-fare", "-o", str(target), *(("--format", fmt) if fmt else ()))
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"wrote {target} ({named})"


def test_import_help_lists_the_options_of_import_file(run):
    result = run(None, "import", "--help")
    assert result.exit_code == 0
    options = result.stdout[result.stdout.index("import PATH|-:"):]
    for option in ("--format", "--map", "--publisher", "--language", "--json"):
        assert option in options
