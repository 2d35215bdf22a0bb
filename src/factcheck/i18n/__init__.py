"""The interface language: English or Korean, chosen from an environment the caller passes in.

Messages are written in English in the code and looked up in gettext catalogs (`locale/ko/LC_MESSAGES/`,
compiled from the `.po` files beside them). The library reads no environment variable: the command line
passes its environment to `language_from` and makes the answer the active language with `use`. Nothing is
read from disk until a message is translated into a language other than English, so a command that prints
only data, or speaks English, never opens a catalog.

    from factcheck.i18n import _, ngettext
    _("no matching claim")
    ngettext("{n} claim", "{n} claims", n).format(n=n)

Two domains: `factcheck` (this project's messages) and `click` (the messages of the click library, which
the command line hands to click).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from gettext import NullTranslations

SOURCE_LANGUAGE = "en"  # the language the messages are written in: it needs no catalog
LANGUAGES = ("en", "ko")
DOMAINS = ("factcheck", "click")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# Where the interface language comes from, most decisive first: the program's own variable, then the POSIX
# locale variables in the order the C library consults them for messages.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
LANGUAGE_VARIABLE = "FACTCHECK_LANG"

# "ko", "ko_KR.UTF-8", "ko-KR", "ko@…", but not "kok_IN" (Konkani).
_LANGUAGE_PREFIX = re.compile(r"([A-Za-z]{2,3})(?=$|[_.@-])")

# The keywords of click's commands and options whose text is help: the catalog holds it too.
HELP_KEYWORDS = ("help", "short_help", "epilog")

_active = SOURCE_LANGUAGE
_loaded: dict[tuple[str, str], NullTranslations] = {}


def parse_language(value: str | None) -> str | None:
    """The supported language a code or locale name names ("ko_KR.UTF-8" -> "ko"), or None."""
    match = _LANGUAGE_PREFIX.match((value or "").strip())
    code = match.group(1).lower() if match else None
    return code if code in LANGUAGES else None


def language_from(environ: Mapping[str, str], chosen: str | None = None) -> str:
    """The interface language for a run: `chosen` (the --lang option), else FACTCHECK_LANG, else the locale.

    A FACTCHECK_LANG naming no supported language is passed over. Of the locale variables the first that is
    set decides, as for the C library: LC_ALL=C speaks English even when LANG is Korean.
    """
    for value in (chosen, environ.get(LANGUAGE_VARIABLE)):
        language = parse_language(value)
        if language:
            return language
    for name in LOCALE_VARIABLES:
        value = environ.get(name)
        if value:
            return parse_language(value) or SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def use(language: str) -> None:
    """Make `language` the active language of every later message."""
    global _active
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; use one of: {', '.join(LANGUAGES)}")
    _active = language


def current() -> str:
    return _active


def translations(language: str, domain: str = "factcheck") -> NullTranslations:
    """The catalog of `domain` in `language`, read on first use and kept; English is the messages themselves."""
    key = (language, domain)
    found = _loaded.get(key)
    if found is None:
        import gettext

        if language == SOURCE_LANGUAGE:
            found = gettext.NullTranslations()
        else:
            path = LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.mo"
            try:
                with open(path, "rb") as catalog:
                    found = gettext.GNUTranslations(catalog)
            except OSError:  # an install that lost its catalogs still works, in English
                found = gettext.NullTranslations()
        _loaded[key] = found
    return found


def gettext(message: str) -> str:
    """`message` in the active language (itself when the catalog lacks it)."""
    if _active == SOURCE_LANGUAGE:
        return message
    return translations(_active).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for `n` things, in the active language."""
    if _active == SOURCE_LANGUAGE:
        return singular if n == 1 else plural
    return translations(_active).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it now: for tables of messages built at import
    time and translated where they are shown."""
    return message


_ = gettext


class Message(str):
    """A message as the library says it: the English text, which is what `str()`, JSON and logs see, keeping
    the template and the values it was filled with, so that the output layer can say it in the user's
    language (`translated`). The library stays language-neutral: it never looks a message up itself.

        Message("{path}: no such file", path=path)

    The template is the catalog's message id (extracted wherever `Message(` or a library error is called
    with a string); the values are shown as they are, except messages and errors, which are translated too.
    """

    template: str
    params: dict

    def __new__(cls, template: str, /, **params):
        message = super().__new__(cls, template.format(**params) if params else template)
        message.template, message.params = template, params
        return message

    def __reduce__(self):  # copy and pickle keep the template, not only the English text
        return (_message, (self.template, self.params))


def message_data(message) -> object:
    """JSON data of a message that `message_from_data` makes a Message again: a Message's template and values
    (the index keeps problems so, to say them in the user's language on every later run), or the text itself."""
    if isinstance(message, Message):
        return {"template": message.template,
                "params": {name: message_data(value) for name, value in message.params.items()}}
    return message if message is None or isinstance(message, (str, int, float, bool)) else str(message)


def message_from_data(data) -> str:
    """What `message_data` stored: a Message again, or the text."""
    if not isinstance(data, dict):
        return data
    params = {name: message_from_data(value) for name, value in data.get("params", {}).items()}
    return Message(data["template"], **params)


def _message(template: str, params: dict) -> Message:
    return Message(template, **params)


def translated(message) -> str:
    """`message` in the active language: a Message, or anything with a `translated()` method (the library's
    errors and problem records); anything else as `str()` gives it."""
    method = getattr(message, "translated", None)
    if callable(method):
        return method()
    if not isinstance(message, Message):
        return str(message)
    if _active == SOURCE_LANGUAGE:
        return str.__str__(message)
    template = gettext(message.template)
    if not message.params:
        return template
    return template.format(**{name: _translated_value(value) for name, value in message.params.items()})


def _translated_value(value):
    return translated(value) if isinstance(value, Message) or callable(getattr(value, "translated", None)) else value


def help_message(text: str) -> str:
    """A help text as click shows it, and so as the catalog holds it: its indentation removed."""
    import inspect  # already loaded wherever click is

    return inspect.cleandoc(text)
