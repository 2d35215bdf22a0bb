"""The command line in the user's language: factcheck's messages, click's own, and the help of every command.

click looks its messages up with `gettext.gettext` from the standard library, whose language comes from the
process's locale variables. The command line chooses the language itself (--lang, FACTCHECK_LANG, then the
locale), so click's modules are handed functions that look the message up in the `click` catalog of the
active language instead. The help of the commands is written in English in the code (docstrings, help=) and
replaced, command by command, with its translation; the English stays kept, so switching back works.

click measures help text by its number of characters; a Hangul syllable takes two columns of a terminal, so
click's formatting modules are also handed a measure in columns, and Korean help wraps at the terminal's
width instead of twice it.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import sys
import unicodedata
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
    text = click.unstyle(text)
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text
    )


# module attribute -> (what click's module holds, what it is handed)
_HANDED = {
    "_": (stdlib_gettext.gettext, _click_gettext),
    "ngettext": (stdlib_gettext.ngettext, _click_ngettext),
}
_MEASURED = ("click.formatting", "click._textwrap")  # the modules that lay help out with `term_len`


def teach_click() -> None:
    """Hand click's modules the active language's `click` catalog, and its help layout a measure in columns."""
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        for attribute, (standard, ours) in _HANDED.items():
            if getattr(module, attribute, None) is standard:
                setattr(module, attribute, ours)
    for name in _MEASURED:
        __import__(name)
        sys.modules[name].term_len = columns


_english_help: WeakKeyDictionary = WeakKeyDictionary()  # command or parameter -> {attribute: English text}


def _translate(text: str) -> str:
    message = help_message(text)
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
    for param in command.params:
        _translate_help_of(param)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


def speak(language: str, command: click.Command) -> None:
    """Make `language` the language of every message from now on, `command`'s help included."""
    i18n.use(language)
    teach_click()
    translate_help(command)
