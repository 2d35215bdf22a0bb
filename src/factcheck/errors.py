"""Errors that are the user's to fix. The CLI shows them as one line and exits 2; anything else is a bug.

An error carries its message as an `i18n.Message`: a template and its values. `str(error)` is the English
text; the output layer shows `error.translated()`, the message in the user's language:

    raise DataError("{path}: already exists; refusing to overwrite it", path=path)
"""

from factcheck.i18n import Message, translated


class SaysMessage(Exception):
    """An exception whose message is a Message: English as `str()`, the user's language as `translated()`.
    `message` is a template filled with `params`, or a Message (or error, or problem record) passed on."""

    def __init__(self, message: object = "", /, **params):
        if isinstance(message, str) and (params or not isinstance(message, Message)):
            message = Message(message, **params)
        self.message = message
        super().__init__(str(message))

    def __str__(self) -> str:
        return str(self.message)

    def translated(self) -> str:
        return translated(self.message)


class FactcheckError(SaysMessage):
    """A problem with the user's input or data, shown as one line without a traceback."""


class DataError(FactcheckError):
    """A claim file or the claims repository is not as it should be."""


class NotFound(FactcheckError):
    """A claim id that the repository does not hold (`claim_id`, when the id is known, for suggestions)."""

    def __init__(self, message: object = "", /, claim_id: str | None = None, **params):
        if claim_id is not None:
            params["claim_id"] = claim_id
        super().__init__(message, **params)
        self.claim_id = claim_id
