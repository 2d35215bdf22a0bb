"""The claim model: the verdict scale and the claim schema, kept as data in one place.

`CLAIM_SCHEMA` is a JSON Schema (draft 2020-12). `validate_claim` interprets the subset of it that the
schema uses (the sources rule, `if`/`else` there, is `_honesty_problems` here), and tests hold
`claims/schema.json` equal to the same dict and check, with a real JSON Schema validator, that both
accept and refuse the same documents.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import Any, Callable, Iterable, NamedTuple

from factcheck.i18n import N_, Message, translated


# Named tuples, not frozen dataclasses: every command defines these (see ARCHITECTURE.md on start-up).
class Verdict(NamedTuple):
    code: str
    ko: str
    en: str
    colour: str  # a rich colour name; also used for HTML badges
    hex: str
    rating: int | None  # ClaimReview ratingValue, 1 (false) .. 5 (true); None when not rated


VERDICTS: tuple[Verdict, ...] = (
    Verdict("true", "사실", "True", "green", "#1a7f37", 5),
    Verdict("mostly-true", "대체로 사실", "Mostly true", "bright_green", "#4c9a2a", 4),
    Verdict("half-true", "절반의 사실", "Half true", "yellow", "#b58900", 3),
    Verdict("mostly-false", "대체로 사실 아님", "Mostly false", "dark_orange", "#d2691e", 2),
    Verdict("false", "전혀 사실 아님", "False", "red", "#c62828", 1),
    Verdict("unverified", "판단 유보", "Unverified", "grey50", "#6e7781", None),
)
VERDICT_BY_CODE: dict[str, Verdict] = {v.code: v for v in VERDICTS}
STATUS_CODES: tuple[str, ...] = tuple(VERDICT_BY_CODE)


def python_pattern(pattern: str) -> str:
    r"""A JSON Schema (ECMA-262) pattern for Python's re: ECMA's final `$` is the end of the text, while
    Python's `$` also matches before a final newline (an id ending in "\n" passed), so it becomes `\Z`."""
    return pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern


ID_PATTERN = r"^[a-z0-9][a-z0-9-]{2,79}$"
ID_RE = re.compile(python_pattern(ID_PATTERN))
# A full date, a year-month or a year: claims are often dated only roughly. Only days that exist: the
# schema must refuse 2025-02-30 as validation does, and a JSON Schema pattern is all it has.
_LEAP_YEAR = r"(\d\d(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)"
_MONTH_DAY = r"((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|02-(0[1-9]|1\d|2[0-8]))"
DATE_PATTERN = rf"^(\d{{4}}(-(0[1-9]|1[0-2])|-{_MONTH_DAY})?|{_LEAP_YEAR}-02-29)$"
# A web address with a host and nothing a URL cannot hold raw: no whitespace or control character,
# and none of < > " (which would end a Markdown <link> or an HTML attribute around it).
_URL_CHAR = r'[^\s<>"\u0000-\u001f\u007f-\u009f]'
URL_PATTERN = rf"^https?://[^\s/?#<>\"\u0000-\u001f\u007f-\u009f]+{_URL_CHAR}*$"
HTTP_URL_RE = re.compile(python_pattern(URL_PATTERN))
# A BCP-47 language code such as ko or en-GB.
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")
# Stored text holds no control character (they could rewrite a terminal or hide text): none at all in a
# one-line field; a multi-line field (claim, rationale, quote, note) may hold newlines and tabs. A
# required text (minLength 1) must hold more than blanks too, to the schema as to validation.
_ONE_LINE_CONTROLS = r"\u0000-\u001f\u007f-\u009f"
_MULTI_LINE_CONTROLS = r"\u0000-\u0008\u000b-\u001f\u007f-\u009f"


def _text_pattern(controls: str, filled: bool = False) -> str:
    free = f"[^{controls}]"
    return f"^{free}*[^\\s{controls}]{free}*$" if filled else f"^{free}*$"


ONE_LINE_PATTERN = _text_pattern(_ONE_LINE_CONTROLS)
MULTI_LINE_PATTERN = _text_pattern(_MULTI_LINE_CONTROLS)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

# Size limits: far above any real claim (the longest of 28,000 real fact-checks is 668 characters), low
# enough that one imported item can't make every search slow (a 6 MB claim or 100,000 keywords once did).
MAX_FILE_BYTES = 1_000_000
MAX_TEXT = 5_000  # a claim, a quote, a note
MAX_LONG_TEXT = 50_000  # a rationale
MAX_SHORT_TEXT = 1_000  # a name, a title, a tag
MAX_URL = 2_048
MAX_LIST = 200  # tags, entities, sources
MAX_HISTORY = 1_000

# Editorial state, apart from the verdict: a claim is published only after someone other than its writer
# could look at it. A claim without a state was written before the desk workflow, when every claim was
# published the moment it existed, so it is read as published.
STATES = ("draft", "review", "published")
DEFAULT_STATE = "published"
STATE_LABELS = {"draft": ("초안", "Draft"), "review": ("검토 중", "In review"), "published": ("게시", "Published")}
# What a correction may change; `corrections[].changed` names them.
CORRECTABLE = ("status", "rationale", "sources")

SOURCE_KINDS = ("primary", "secondary")
CHECK_STATUSES = ("ok", "quote-missing", "changed", "moved", "dead", "error", "blocked")


def verdict(code: str) -> Verdict:
    try:
        return VERDICT_BY_CODE[code]
    except KeyError:
        raise ValueError(f"unknown verdict {code!r}; use one of: {', '.join(STATUS_CODES)}") from None


def _str(**extra: Any) -> dict:
    return {"type": "string", **extra}


_LINE = _str(maxLength=MAX_SHORT_TEXT, pattern=ONE_LINE_PATTERN)
_TEXT = _str(minLength=1, maxLength=MAX_SHORT_TEXT, pattern=_text_pattern(_ONE_LINE_CONTROLS, filled=True))
_PROSE = _str(minLength=1, maxLength=MAX_TEXT, pattern=_text_pattern(_MULTI_LINE_CONTROLS, filled=True))
_LONG_PROSE = _str(minLength=1, maxLength=MAX_LONG_TEXT, pattern=_text_pattern(_MULTI_LINE_CONTROLS, filled=True))
_DATE = _str(pattern=DATE_PATTERN, description=N_("a date that exists, as YYYY-MM-DD, YYYY-MM or YYYY"))
# `status: true` unquoted is a YAML boolean; the writer meant the verdict, and validation reads it so.
_STATUS = {"anyOf": [{"enum": list(STATUS_CODES)},
                     {"type": "boolean", "description": N_("true or false written without quotes")}]}
_URL = _str(maxLength=MAX_URL, pattern=URL_PATTERN, description=N_("an http(s) address without spaces, < > or \""))
_NAME = {**_TEXT, "description": N_("a person's name, as the desk writes it")}
_BILINGUAL = {
    "description": N_("Korean and/or English text"),
    "anyOf": [
        _LONG_PROSE,
        {
            "type": "object",
            "properties": {"ko": _LONG_PROSE, "en": _LONG_PROSE},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ],
}

SOURCE_SCHEMA = {
    "type": "object",
    "required": ["url", "publisher", "quote"],
    "properties": {
        "url": _URL,
        "title": _LINE,
        "publisher": _TEXT,
        "published": _DATE,
        "quote": {**_PROSE, "description": N_("the exact words at url that support the verdict")},
        "kind": {"enum": list(SOURCE_KINDS)},
        "archive_url": _URL,
        # Written by `factcheck sources check --update`.
        "checked": _DATE,
        "check_status": {"enum": list(CHECK_STATUSES)},
        "final_url": _URL,
        "fingerprint": _LINE,
    },
    "additionalProperties": False,
}

CLAIM_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://factcheck.invalid/schema/claim.json",
    "title": "factcheck claim",
    "description": N_("One fact-checked claim: claims/<id>.yaml"),
    "type": "object",
    "required": ["id", "claim", "status", "sources"],
    "properties": {
        "id": _str(minLength=3, maxLength=80, pattern=r"^[a-z0-9][a-z0-9-]*$",
                   description=N_("a-z, 0-9 and '-', not starting with '-'; the file name without .yaml")),
        "claim": {**_PROSE, "description": N_("the claim as it was said, in its own language (usually Korean)")},
        "claim_en": _str(maxLength=MAX_TEXT, pattern=MULTI_LINE_PATTERN, description=N_("English translation")),
        "claimant": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": _TEXT,
                "role": _LINE,
                "type": {"enum": ["Person", "Organization"]},
            },
            "additionalProperties": False,
        },
        "claim_date": _DATE,
        "appearance": {
            "type": "object",
            "properties": {"publisher": _LINE, "title": _LINE, "url": _URL, "date": _DATE},
            "additionalProperties": False,
        },
        "tags": {"type": "array", "maxItems": MAX_LIST, "items": _TEXT},
        "entities": {"type": "array", "maxItems": MAX_LIST, "items": _TEXT},
        "status": _STATUS,
        "state": {"enum": list(STATES), "description": N_("editorial state; a claim without one is published")},
        "assignee": _NAME,
        "checked_by": {**_NAME, "description": N_("who researched the verdict and submitted it for review")},
        "approved_by": {
            "type": "object",
            "required": ["name", "date"],
            "properties": {"name": _NAME, "date": _DATE},
            "additionalProperties": False,
        },
        "rationale": _BILINGUAL,
        "sources": {"type": "array", "maxItems": MAX_LIST, "items": SOURCE_SCHEMA},
        "history": {
            "type": "array",
            "maxItems": MAX_HISTORY,
            "items": {
                "type": "object",
                "required": ["date", "status"],
                "properties": {
                    "date": _DATE,
                    "status": _STATUS,
                    "state": {"enum": list(STATES)},
                    "by": _NAME,
                    "note": _str(maxLength=MAX_TEXT, pattern=MULTI_LINE_PATTERN),
                },
                "additionalProperties": False,
            },
        },
        "corrections": {
            "description": N_("changes to the verdict, rationale or sources after publication, shown to readers"),
            "type": "array",
            "maxItems": MAX_HISTORY,
            "items": {
                "type": "object",
                "required": ["date", "note", "previous_status"],
                "properties": {
                    "date": _DATE,
                    "note": _PROSE,
                    "previous_status": _STATUS,
                    "changed": {"type": "array", "items": {"enum": list(CORRECTABLE)}},
                },
                "additionalProperties": False,
            },
        },
        "reviewed": _DATE,
        "origin": {
            "description": N_("where an imported claim came from"),
            "type": "object",
            "properties": {
                "format": _LINE,
                "url": _URL,
                "publisher": _LINE,
                "rating": _str(maxLength=MAX_TEXT, pattern=MULTI_LINE_PATTERN,
                               description=N_("the original textual rating")),
                "language": _LINE,
                "imported": _DATE,
            },
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
    # A verdict is never stronger than its sources: a rated claim needs at least one (_honesty_problems).
    "if": {"properties": {"status": {"const": "unverified"}}},
    "else": {"properties": {"sources": {"minItems": 1}}},
}


class _ProblemFields(NamedTuple):
    path: tuple
    message: Message


class Problem(_ProblemFields):
    """One validation problem; `path` locates it inside the document, e.g. ("sources", 0, "quote")."""

    __slots__ = ()

    def __new__(cls, path: tuple, message: str):
        # A plain text is made a Message: its own template.
        return super().__new__(cls, path, message if isinstance(message, Message) else Message(message))

    def where(self) -> str:
        return ".".join(str(p) for p in self.path) or "(document)"

    def translated(self) -> str:
        """The message in the active language (the output layer shows it; `message` stays English)."""
        return translated(self.message)


_PYTHON_TYPES = {"string": str, "object": dict, "array": list, "boolean": bool}
# What a schema asks for and what YAML gave, said in words a reader knows (English keeps the JSON Schema names).
KIND_NAMES = {"string": N_("string"), "object": N_("object"), "array": N_("array"), "boolean": N_("boolean")}
FOUND_NAMES = {"str": N_("str"), "dict": N_("dict"), "list": N_("list"), "bool": N_("bool"), "int": N_("int"),
               "float": N_("float"), "NoneType": N_("NoneType"), "date": N_("date"), "datetime": N_("datetime")}
Check = Callable[[Any, tuple, list], None]  # (value, path, problems found so far)
# Each string rule remembers up to this many short texts it accepted (the rule depends on the text alone).
_REMEMBERED_TEXTS, _REMEMBERED_TEXT = 1024, 100


def _compile(schema: dict) -> Check:
    """A checker for one schema node, its sub-schemas compiled once: an index build validates
    100,000 claims, and interpreting the schema dict anew for each of their fields cost twice as much."""
    if "anyOf" in schema:
        options = [_compile(option) for option in schema["anyOf"]]

        def check_any_of(value, path, out):
            trials = []
            for option in options:
                found: list[Problem] = []
                option(value, path, found)
                if not found:
                    return
                trials.append(found)
            out.extend(min(trials, key=len))

        return check_any_of
    if "enum" in schema:
        allowed = schema["enum"]
        expected = ", ".join(map(str, allowed))

        def check_enum(value, path, out):
            if value not in allowed:
                out.append(Problem(path, Message("must be one of {expected}; got {value!r}", expected=expected,
                                                 value=value)))

        return check_enum
    kind = schema.get("type")
    if kind is None:
        return lambda value, path, out: None
    python_type = _PYTHON_TYPES[kind]

    def wrong_type(value) -> Message:
        found = type(value).__name__
        return Message("must be a {kind}; got {found}", kind=Message(KIND_NAMES[kind]),
                       found=Message(FOUND_NAMES[found]) if found in FOUND_NAMES else found)
    if kind == "boolean":
        return lambda value, path, out: None if isinstance(value, bool) else out.append(
            Problem(path, wrong_type(value)))
    if kind == "string":
        min_length = schema.get("minLength", 0)
        max_length = schema.get("maxLength")
        pattern = re.compile(python_pattern(schema["pattern"])) if "pattern" in schema else None
        hint = Message(schema["description"]) if "description" in schema else Message(
            "the pattern {pattern}", pattern=schema.get("pattern"))

        def check_string(value, path, out):
            if not isinstance(value, str):
                out.append(Problem(path, wrong_type(value)))
            elif not value.strip() and min_length:
                out.append(Problem(path, "must not be empty"))
            elif len(value) < min_length:
                needs = Message("{low} to {high}", low=min_length, high=max_length) if max_length is not None \
                    else Message("at least {low}", low=min_length)
                out.append(Problem(path, Message(
                    "{value!r} has {count} characters; it needs {needs}", value=value, count=len(value), needs=needs)))
            elif max_length is not None and len(value) > max_length:  # not echoed: it may be megabytes
                out.append(Problem(path, Message(
                    "is {count:,} characters long; at most {max_length:,} are allowed",
                    count=len(value), max_length=max_length)))
            elif pattern is not None and not pattern.search(value):
                control = _CONTROL.search(value)
                if control and pattern.search(_CONTROL.sub("", value)):
                    where = Message("U+{code:04X} at character {at}", code=ord(control.group()),
                                    at=control.start() + 1)
                    out.append(Problem(path, Message("holds a control character ({where}); remove it", where=where)))
                else:
                    shown = value if len(value) <= 200 else value[:200] + "…"
                    out.append(Problem(path, Message(
                        "{shown!r} is not valid: expected {hint}", shown=shown, hint=hint)))

        return check_string
    if kind == "array":
        check_item = _compile(schema["items"])
        max_items = schema.get("maxItems")

        def check_array(value, path, out):
            if not isinstance(value, list):
                out.append(Problem(path, wrong_type(value)))
                return
            if max_items is not None and len(value) > max_items:
                out.append(Problem(path, Message(
                    "has {count:,} items; at most {max_items:,} are allowed", count=len(value), max_items=max_items)))
                return
            for i, item in enumerate(value):
                check_item(item, path + (i,), out)

        return check_array
    required = schema.get("required", [])
    min_properties = schema.get("minProperties", 0)
    properties = {key: _compile(sub) for key, sub in schema.get("properties", {}).items()}
    closed = schema.get("additionalProperties") is False

    def check_object(value, path, out):
        if not isinstance(value, python_type):
            out.append(Problem(path, wrong_type(value)))
            return
        missing = {key for key in required if key not in value or value[key] in (None, "")}
        out.extend(Problem(path + (key,), "is required") for key in required if key in missing)
        if len(value) < min_properties:
            out.append(Problem(path, "must not be empty"))
        for key, item in value.items():
            check = properties.get(key)
            if key in missing:
                continue  # said once: "is required"
            if check is not None:
                if item is None:  # `claim_en:` left blank: YAML's null, which no field holds
                    out.append(Problem(path + (key,), "has no value: give one, or remove the line"))
                else:
                    check(item, path + (key,), out)
            elif closed:
                out.append(Problem(path + (key,), Message("unknown field {key!r}", key=key)))

    return check_object


@functools.cache
def _claim_checker() -> Check:
    return _compile(CLAIM_SCHEMA)


def _compile_accepts(schema: dict) -> Callable[[Any], bool]:
    """Whether a value breaks none of `schema`'s rules, as _compile's checker reads them, and nothing more: no
    problem is made or located. A million packed claims are valid; only one this refuses is checked again."""
    if "anyOf" in schema:
        options = [_compile_accepts(option) for option in schema["anyOf"]]
        return lambda value: any(option(value) for option in options)
    if "enum" in schema:
        allowed = schema["enum"]
        return lambda value: value in allowed
    kind = schema.get("type")
    if kind is None:
        return lambda value: True
    if kind == "boolean":
        return lambda value: isinstance(value, bool)
    if kind == "string":
        min_length, max_length = schema.get("minLength", 0), schema.get("maxLength")
        search = re.compile(python_pattern(schema["pattern"])).search if "pattern" in schema else lambda value: True
        passed: set[str] = set()  # short texts this rule accepted: tags, names, dates and kinds repeat in a corpus

        def accepts_string(value) -> bool:
            if type(value) is str and value in passed:
                return True
            if not (isinstance(value, str) and (not min_length or value.strip()) and min_length <= len(value)
                    and (max_length is None or len(value) <= max_length) and search(value) is not None):
                return False
            if type(value) is str and len(value) <= _REMEMBERED_TEXT:
                if len(passed) >= _REMEMBERED_TEXTS:
                    passed.clear()
                passed.add(value)
            return True

        return accepts_string
    if kind == "array":
        item_accepted, max_items = _compile_accepts(schema["items"]), schema.get("maxItems")
        return lambda value: (isinstance(value, list) and (max_items is None or len(value) <= max_items)
                              and all(map(item_accepted, value)))
    required, min_properties = schema.get("required", []), schema.get("minProperties", 0)
    properties = {key: _compile_accepts(sub) for key, sub in schema.get("properties", {}).items()}
    closed = schema.get("additionalProperties") is False

    def accepts_object(value) -> bool:
        if not isinstance(value, dict) or len(value) < min_properties:
            return False
        for key in required:
            if key not in value or value[key] in (None, ""):
                return False
        for key, item in value.items():
            accepted = properties.get(key)
            if accepted is None:
                if closed:
                    return False
            elif item is None or not accepted(item):
                return False
        return True

    return accepts_object


@functools.cache
def _claim_accepted() -> Callable[[Any], bool]:
    return _compile_accepts(CLAIM_SCHEMA)


def normalise(record: dict) -> dict:
    """Turn YAML scalars into the plain JSON types the schema speaks: dates become ISO strings."""

    def fix(v: Any) -> Any:
        if isinstance(v, dict):
            return {str(k): fix(x) for k, x in v.items()}
        if isinstance(v, list):
            return [fix(x) for x in v]
        if isinstance(v, (_dt.date, _dt.datetime)):
            return v.isoformat()[:10]
        return v

    record = fix(record)
    # `status: true` / `status: false` in YAML are booleans; the writer clearly meant the verdicts.
    if not isinstance(record, dict):
        return record
    verdicts = ([record, *(record.get("history") or [])], "status"), (record.get("corrections") or [], "previous_status")
    for entries, key in verdicts:
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get(key), bool):
                entry[key] = "true" if entry[key] else "false"
    return record


def validate_claim(record: Any, expected_id: str | None = None) -> list[Problem]:
    """Return every problem with a (normalised) claim record; an empty list means it is valid."""
    if not isinstance(record, dict):
        return [Problem((), "a claim file must hold a mapping of fields")]
    problems: list[Problem] = []
    if not _claim_accepted()(record):  # then say what is wrong, and where
        _claim_checker()(record, (), problems)
    if expected_id is not None and isinstance(record.get("id"), str) and record["id"] != expected_id:
        problems.append(Problem(("id",), Message("id {id!r} does not match the file name {expected_id!r}",
                                                 id=record["id"], expected_id=expected_id)))
    problems.extend(_honesty_problems(record))
    return problems


def _honesty_problems(record: dict) -> list[Problem]:
    """A verdict may never be stronger than its sources: a rated claim needs a quoted source."""
    status = record.get("status")
    sources = record.get("sources")
    rated = isinstance(status, str) and status in VERDICT_BY_CODE and status != "unverified"  # {a: 1} is no verdict
    if rated and isinstance(sources, list) and not sources:
        return [Problem(("sources",),
                        Message("a {status!r} verdict needs at least one source with a quote", status=status))]
    return []



def state_of(record: dict) -> str:
    """The claim's editorial state, `published` when it has none."""
    state = record.get("state")
    return state if state in STATES else DEFAULT_STATE


def text_of(value: Any, lang: str | None = None) -> str:
    """The text of a bilingual field (`rationale`): a plain string, or the `ko`/`en` parts joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        if lang:
            return value.get(lang) or ""
        return "\n\n".join(v for v in (value.get("ko"), value.get("en")) if v)
    return ""


def today() -> str:
    return _dt.date.today().isoformat()


def claimant_text(record: dict) -> str:
    """Who made the claim, as a reader is shown it: `name (role)`."""
    claimant = record.get("claimant") or {}
    name, role = claimant.get("name", ""), claimant.get("role", "")
    return f"{name} ({role})" if name and role else name or role


def best_source(record: dict) -> dict | None:
    """The source to show first: a primary one when there is one."""
    sources = record.get("sources") or []
    primary = [s for s in sources if s.get("kind") == "primary"]
    return (primary or sources or [None])[0]


_TAG_SEPARATORS = re.compile(r"[\s_\-·.,/]+")


def tag_key(tag: object) -> str:
    """A tag as a filter compares it: NFKC, case folded, with no spaces or separators, so that 예타면제,
    `예타 면제` and `Physical-AI`/`physical AI` are each one tag."""
    import unicodedata

    return _TAG_SEPARATORS.sub("", unicodedata.normalize("NFKC", str(tag)).casefold())


def tag_matches(wanted: str, tags_of_claim: Iterable[str] | None) -> bool:
    """Whether `--tag wanted` picks a claim with these tags: a part of one of them, as search reads a word
    (예타 finds `예타 면제`, 면제 too; 예타면제 and `예타 면제` are the same)."""
    key = tag_key(wanted)
    return bool(key) and any(key in tag_key(tag) for tag in tags_of_claim or ())


def is_selected(status_of_claim: str | None, tags_of_claim: Iterable[str] | None,
                status: str | None = None, tag: str | None = None) -> bool:
    """Whether a claim with this verdict and these tags passes a --status/--tag filter (None lets any through)."""
    return (not status or status_of_claim == status) and (not tag or tag_matches(tag, tags_of_claim))


def select_records(records: Iterable[dict], status: str | None = None, tag: str | None = None) -> list[dict]:
    """The claims with this verdict and this tag (either may be None), in id order."""
    chosen = [r for r in records if is_selected(r.get("status"), r.get("tags"), status, tag)]
    return sorted(chosen, key=lambda r: r.get("id", ""))
