"""The command line in the user's language: factcheck's messages, click's own, and the help of every command.

click looks its messages up with `gettext.gettext` from the standard library, whose language comes from the
process's locale variables. The command line chooses the language itself (--lang, FACTCHECK_LANG, then the
locale), so click's modules are handed functions that look the message up in the `click` catalog of the
active language instead. The help of the commands is written in English in the code (docstrings, help=) and
replaced, command by command, with its translation when help is first formatted; the English stays kept, so
switching back works.

click measures help text by its number of characters; a Hangul syllable takes two columns of a terminal, so
click's formatting modules are also handed a measure in columns, and Korean help wraps at the terminal's
width instead of twice it.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import sys
from weakref import WeakKeyDictionary

import click

from factcheck import i18n
from factcheck.i18n import HELP_KEYWORDS, help_message


def _click_gettext(message: str) -> str:
    if i18n.current() == i18n.SOURCE_LANGUAGE:
        return message
    return i18n.translations(i18n.current(), "click").gettext(message)


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    if i18n.current() == i18n.SOURCE_LANGUAGE:
        return singular if n == 1 else plural
    return i18n.translations(i18n.current(), "click").ngettext(singular, plural, n)


def columns(text: str) -> int:
    """How many terminal columns `text` takes (styles aside): two for a wide character such as 한, none for
    a combining mark."""
    from factcheck.textclean import columns as text_columns

    return text_columns(click.unstyle(text))


# module attribute -> (what click's module holds, what it is handed)
_HANDED = {
    "_": (stdlib_gettext.gettext, _click_gettext),
    "ngettext": (stdlib_gettext.ngettext, _click_ngettext),
}
_MEASURED = ("click.formatting", "click._textwrap")  # the modules that lay help out with `term_len`


def teach_click() -> None:
    """Hand click's modules the active language's `click` catalog."""
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        for attribute, (standard, ours) in _HANDED.items():
            if getattr(module, attribute, None) is standard:
                setattr(module, attribute, ours)


def _measure_help_in_columns() -> None:
    """Hand click's help layout a measure in columns (its text wrapper is imported for help only)."""
    import importlib

    for name in _MEASURED:
        importlib.import_module(name).term_len = columns


_english_help: WeakKeyDictionary = WeakKeyDictionary()  # command or parameter -> {attribute: English text}


# Help built from a template at import time (a list of fields, say): the English text -> (template, values),
# so that the template is what is translated. The templates are marked by `formatted_help` for extraction.
_formatted: dict[str, tuple[str, dict]] = {}


def formatted_help(template: str, **values: str) -> str:
    """`template.format(**values)`, as help whose translation is the template's, filled the same way."""
    text = template.format(**values)
    _formatted[help_message(text)] = (template, values)
    return text


def _translate(text: str) -> str:
    message = help_message(text)
    if message in _formatted:
        template, values = _formatted[message]
        return i18n.gettext(help_message(template)).format(**values)
    translated = i18n.gettext(message)
    if translated == message:  # click's own help, such as --version's, was fixed in English at import
        translated = _click_gettext(message)
    return translated


def _translate_help_of(item) -> None:
    english = _english_help.setdefault(item, {key: getattr(item, key, None) for key in HELP_KEYWORDS})
    for key, text in english.items():
        if text:
            setattr(item, key, _translate(text))


def translate_help(command: click.Command) -> None:
    """The help of `command`, its options and every command below it, in the active language."""
    _translate_help_of(command)
    if getattr(command, "_help_option", None) is not None:
        command._help_option = None  # click keeps its --help option, worded as it was first made: remade
    for param in command.params:
        _translate_help_of(param)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


class _HelpFormatter(click.HelpFormatter):
    """click's formatter, made only when help or a usage line is about to be written: the moment to put the
    help of the commands into the active language, and not before (a search pays nothing for it)."""

    def __init__(self, *args, **kwargs):
        _measure_help_in_columns()
        _help_in_active_language()
        super().__init__(*args, **kwargs)


_help_of: dict = {"command": None, "language": i18n.SOURCE_LANGUAGE}  # the command tree, and its help's language


def _help_in_active_language() -> None:
    command = _help_of["command"]
    if command is not None and _help_of["language"] != i18n.current():
        translate_help(command)
        _help_of["language"] = i18n.current()


def speak(language: str, command: click.Command) -> None:
    """Make `language` the language of every message from now on, `command`'s help included (translated
    when it is first shown)."""
    i18n.use(language)
    teach_click()
    if _help_of["command"] is not command:
        _help_of.update(command=command, language=i18n.SOURCE_LANGUAGE if command not in _english_help else None)
    click.Context.formatter_class = _HelpFormatter


PAGES_LANGUAGE = "factcheck.pages_language"  # in the root context's meta: --lang or FACTCHECK_LANG, else None


def pages_in_chosen_language(ctx: click.Context) -> None:
    """For the rest of the run (the root context), HTML pages are written in the language chosen outright
    (--lang, FACTCHECK_LANG); without one each page speaks the publisher's language, never the locale's."""
    language = ctx.meta.get(PAGES_LANGUAGE)
    if language:  # only then: a search never loads the page modules
        from factcheck.publish.bilingual import chosen

        ctx.with_resource(chosen(language))


def did_you_mean(possibilities: list[str]) -> str:
    """click's own "Did you mean …?" in the active language, for what click does not suggest itself."""
    listed = ", ".join(repr(p) for p in sorted(possibilities))
    return _click_ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)",
                           len(possibilities)).format(possibility=listed, possibilities=listed)


LANG_OPTION = "--lang"


def chosen_language(args: list[str], taking_values: set[str]) -> str | None:
    """The value of the global --lang among a command line's arguments, read before click parses them: help
    asked for in the same breath (`factcheck --help --lang ko`) must already speak that language. Only the
    group's own options count, those before the command (`rationale --lang en` sets a rationale's language);
    `taking_values` are the group's options that take a value."""
    rest = iter(args)
    for arg in rest:
        if arg == LANG_OPTION:
            return next(rest, None)
        if arg.startswith(LANG_OPTION + "="):
            return arg.split("=", 1)[1]
        if arg in taking_values:
            next(rest, None)
        elif arg == "--" or not arg.startswith("-"):
            break  # the command
    return None
