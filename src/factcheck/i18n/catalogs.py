"""Keeping the catalogs: extract the messages, merge them into the `.po` files, compile the `.mo` files, check.

A tool for developers, run from a checkout with the test extra installed (it needs Babel):

    python -m factcheck.i18n.catalogs update    # new messages into every .po (untranslated), gone ones out
    python -m factcheck.i18n.catalogs compile   # .po -> .mo, the files the program reads
    python -m factcheck.i18n.catalogs check     # what is untranslated, fuzzy, stale or mismatched; exit 1 if any

The `factcheck` domain is this project's messages: every `_()`, `ngettext()`, `N_()` call in the package,
and in `cli/` also the help that click shows, which is written as plain strings (command docstrings and the
`help=` of options) and translated when the help is shown. The `click` domain is the messages of the click
that is installed, read from its source.
"""

from __future__ import annotations

import ast
import io
import string
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from factcheck.i18n import HELP_KEYWORDS, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE, help_message

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

PACKAGE_DIR = Path(__file__).resolve().parent.parent
COMMAND_DECORATORS = ("command", "group")  # `@cli.command()`, `@click.group(...)`: the docstring is help
# Calls whose argument is a message, beside gettext's own: help built from a template (cli/language.py), and
# the library's messages: an `i18n.Message`, an error (errors.SaysMessage and its kind), a problem record.
# Each names the position of its message; tests/test_i18n_library.py holds the library's errors to this table.
MESSAGE_CALLS = {
    "Message": 1, "SaysMessage": 1, "FactcheckError": 1, "DataError": 1, "NotFound": 1, "UnreadableEntry": 1,
    "GoogleAPIError": 1, "InvalidItem": 1, "AddressBlocked": 1, "Problem": 2, "FileProblem": 3,
}
EXTRA_KEYWORDS = {"formatted_help": (1,), **{name: (position,) for name, position in MESSAGE_CALLS.items()}}
# Messages click passes through gettext from a variable, which no extractor can see.
CLICK_INDIRECT = ("required",)


def extract_cli(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """A Babel extraction method for the command line: the usual gettext calls, then the help click shows."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    for lineno, text in help_texts(ast.parse(source)):
        yield lineno, None, help_message(text), []


def help_texts(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, text) of each command docstring and each string `help=`, `short_help=` or `epilog=`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(_is_command_decorator(d) for d in node.decorator_list):
            docstring = ast.get_docstring(node, clean=False)
            if docstring:
                yield node.body[0].lineno, docstring
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in HELP_KEYWORDS and isinstance(keyword.value, ast.Constant):
                    if isinstance(keyword.value.value, str) and keyword.value.value.strip():
                        yield keyword.value.lineno, keyword.value.value


def _is_command_decorator(node: ast.expr) -> bool:
    func = node.func if isinstance(node, ast.Call) else node
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in COMMAND_DECORATORS


def _click_dir() -> Path:
    spec = find_spec("click")  # found, not imported: this module stays free of click
    if spec is None or spec.origin is None:
        raise SystemExit("click is not installed")
    return Path(spec.origin).parent


SOURCES = {
    "factcheck": (
        PACKAGE_DIR,
        [("cli/**.py", "factcheck.i18n.catalogs:extract_cli"), ("i18n/**.py", "ignore"), ("**.py", "python")],
    ),
    "click": (None, [("**.py", "python")]),
}


def extract(domain: str) -> Catalog:
    """A template catalog (no translations) of every message `domain` has in the code as it is now."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    directory, method_map = SOURCES[domain]
    directory = directory or _click_dir()
    template = Catalog(project=domain, domain=domain)
    keywords = {**DEFAULT_KEYWORDS, **EXTRA_KEYWORDS}
    for filename, lineno, message, comments, context in extract_from_dir(directory, method_map, keywords=keywords):
        template.add(message, locations=[(filename, lineno)], auto_comments=comments, context=context)
    if domain == "click":
        for message in CLICK_INDIRECT:
            template.add(message)
    for message in template:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if message.id and any(_brace_fields(i) for i in ids) and "python-format" not in message.flags:
            message.flags.add("python-brace-format")
    return template


def po_path(language: str, domain: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def read(language: str, domain: str) -> Catalog:
    from babel.messages.pofile import read_po

    with open(po_path(language, domain), "rb") as po:
        return read_po(po, locale=language, domain=domain)


def write_po(catalog: Catalog, language: str, domain: str) -> None:
    from babel.messages.pofile import write_po as babel_write_po

    out = io.BytesIO()
    # No line numbers: they would change in every commit that moves code, burying the real changes.
    babel_write_po(out, catalog, width=100, include_lineno=False, omit_header=False, sort_output=True)
    po_path(language, domain).parent.mkdir(parents=True, exist_ok=True)
    po_path(language, domain).write_bytes(out.getvalue())


def compiled(catalog: Catalog) -> bytes:
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def translated_languages() -> list[str]:
    return [language for language in LANGUAGES if language != SOURCE_LANGUAGE]


def update() -> None:
    for domain in SOURCES:
        template = extract(domain)
        for language in translated_languages():
            catalog = read(language, domain) if po_path(language, domain).exists() else _new_catalog(language, domain)
            catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
            catalog.obsolete.clear()
            write_po(catalog, language, domain)


def _new_catalog(language: str, domain: str) -> Catalog:
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=language, domain=domain, project=domain, fuzzy=False,
        header_comment=f"# {language} translations of the {domain} messages factcheck shows.",
    )


def compile_all() -> None:
    for domain in SOURCES:
        for language in translated_languages():
            po_path(language, domain).with_suffix(".mo").write_bytes(compiled(read(language, domain)))


# --------------------------------------------------------------------------- checks


def _brace_fields(text: str) -> list[str]:
    """The replacement fields of a str.format() template, as written ("{name!r}" -> "name!r"), sorted."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return []
    fields = []
    for _literal, field, spec, conversion in parsed:
        if field is not None:
            fields.append(field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""))
    return sorted(fields)


def _percent_fields(text: str) -> list[str]:
    import re

    return sorted(re.findall(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]", text))


def placeholders(text: str, like: str | None = None) -> list[str]:
    """The placeholders of `text`, of the kind its original (`like`, else itself) uses: str.format fields,
    else %-format ones (so the % of "{n}% similar" is no placeholder)."""
    return _brace_fields(text) if _brace_fields(like or text) else _percent_fields(text)


def placeholder_problems(message: Message) -> list[str]:
    """How a translation's placeholders differ from the original's. A language with one plural form uses
    its one string for every count, so it must hold the plural original's placeholders."""
    if not message.string:
        return []
    if isinstance(message.id, tuple):
        singular, plural = message.id
        forms = message.string
        pairs = [(plural, forms[0])] if len(forms) == 1 else [(singular, forms[0])] + [(plural, f) for f in forms[1:]]
    else:
        pairs = [(message.id, message.string)]
    problems = []
    for original, translation in pairs:
        expected, found = placeholders(original), placeholders(translation, like=original)
        if translation and expected != found:
            problems.append(f"{original!r}: placeholders {expected} but the translation has {found}")
    return problems


def is_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(strings) and all(strings) and "fuzzy" not in message.flags


def problems(language: str, domain: str) -> list[str]:
    """Everything wrong with one catalog against the code as it is now; empty when all is well."""
    template = extract(domain)
    if not po_path(language, domain).exists():
        return [f"{po_path(language, domain)}: missing"]
    catalog = read(language, domain)
    found = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, context=message.context)
        if entry is None or not is_translated(entry):
            found.append(f"untranslated: {message.id!r}")
        else:
            found += placeholder_problems(entry)
    stale = sorted(str(m.id) for m in catalog if m.id and template.get(m.id, context=m.context) is None)
    found += [f"no longer in the code (run update): {message_id!r}" for message_id in stale]
    mo = po_path(language, domain).with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != compiled(catalog):
        found.append(f"{mo}: out of date with its .po (run compile)")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        found = [f"{language}/{domain}: {p}" for domain in SOURCES for language in translated_languages()
                 for p in problems(language, domain)]
        print("\n".join(found) or "catalogs complete")
        return 1 if found else 0
    else:
        print(f"usage: python -m factcheck.i18n.catalogs update|compile|check (not {command!r})", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
