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


# The operating system's reasons, as its C library words them in English, to be said in the user's language.
_OS_REASONS = {
    "ENOENT": Message("No such file or directory"),
    "EACCES": Message("Permission denied"),
    "EPERM": Message("Operation not permitted"),
    "EISDIR": Message("Is a directory"),
    "ENOTDIR": Message("Not a directory"),
    "EROFS": Message("Read-only file system"),
    "ENOSPC": Message("No space left on device"),
    "EEXIST": Message("File exists"),
    "ENAMETOOLONG": Message("File name too long"),
    "ELOOP": Message("Too many levels of symbolic links"),
}


def os_reason(exc: OSError) -> str:
    """Why an OS call failed, in one short phrase: a Message for the usual reasons, else the OS's own words."""
    import errno

    name = errno.errorcode.get(exc.errno or 0)
    return _OS_REASONS.get(name) or exc.strerror or str(exc)
