"""Errors that are the user's to fix. The CLI shows them as one line and exits 2; anything else is a bug."""


class FactcheckError(Exception):
    """A problem with the user's input or data, shown as one line without a traceback."""


class DataError(FactcheckError):
    """A claim file or the claims repository is not as it should be."""


class NotFound(FactcheckError):
    """A claim id that the repository does not hold (`claim_id`, when the id is known, for suggestions)."""

    def __init__(self, message: str, claim_id: str | None = None):
        super().__init__(message)
        self.claim_id = claim_id
