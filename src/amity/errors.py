"""Errors amity raises on bad input. Each says what went wrong and what to do next."""

from __future__ import annotations


class AmityError(Exception):
    """Base class: the CLI prints these as one clear message instead of a traceback."""


class UnknownStateError(AmityError, LookupError):
    """A country name or code did not resolve to exactly one state."""

    def __init__(self, query: str, suggestions: list[str] | None = None, reason: str = "unknown"):
        self.query = query
        self.suggestions = suggestions or []
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"{reason} state {query!r}.{hint}")


class DataUnavailableError(AmityError):
    """A data file is not in the cache and cannot be downloaded (offline, no mirror)."""


class ChecksumError(AmityError):
    """A downloaded or mirrored file does not match its pinned sha256 or cannot be parsed."""


class StoreBusyError(AmityError):
    """Another process holds the DuckDB store open for writing."""


class CoverageError(AmityError, ValueError):
    """The years asked for lie outside what the data covers."""


class InputError(AmityError, ValueError):
    """An argument is malformed (a year span, a window, a file format); the message shows the form it takes."""


class FrameError(AmityError, ValueError):
    """A frame lacks the columns a step needs; the message names the constructor that makes one."""


class UnknownOptionError(AmityError, ValueError):
    """An unknown measure, issue, source or format name; the message lists the valid ones."""

    def __init__(self, kind: str, given: str, valid: list[str]):
        self.valid = list(valid)
        super().__init__(f"unknown {kind} {given!r}; valid {kind}s: {', '.join(self.valid)}")
