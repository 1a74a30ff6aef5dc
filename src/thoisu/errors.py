"""The exceptions thoisu raises, each with a message a user can act on."""

from __future__ import annotations


class ThoisuError(Exception):
    """Base class of every error thoisu raises on purpose."""


class InputError(ThoisuError):
    """An input that cannot be analyzed: names the input and says what is wrong with it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ResourceError(ThoisuError):
    """A bundled resource (model, lexicon, knowledge-base file) is missing or malformed."""


class StoreError(ThoisuError):
    """The document store cannot be opened, migrated or written."""
