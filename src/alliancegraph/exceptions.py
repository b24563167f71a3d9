"""The exceptions alliancegraph raises, all under one base class.

Catch :class:`AllianceGraphError` to handle anything the library raises on
purpose; the original low-level error, where there is one, is chained as
``__cause__``::

    AllianceGraphError
    ├── VocabularyError        a vocabulary file is missing, malformed or invalid
    ├── CorpusError            an article file cannot be read or decoded
    ├── GraphFormatError       a graph file cannot be read (bad Turtle, JSON, GraphML …)
    ├── OutputError            an output cannot be written (or would overwrite an input)
    ├── UnknownNameError       a query names a state, domain or agreement the graph
    │                          does not know (carries close matches)
    └── GoldFormatError        a gold annotation file does not follow the gold format

Every message says what happened, where (file, line, entry, value) and what
would be valid.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AllianceGraphError",
    "CorpusError",
    "GoldFormatError",
    "GraphFormatError",
    "OutputError",
    "UnknownNameError",
    "VocabularyError",
]


class AllianceGraphError(Exception):
    """Base class of every error alliancegraph raises on purpose."""


class VocabularyError(AllianceGraphError):
    """A vocabulary file is missing, malformed, or fails validation."""


class CorpusError(AllianceGraphError):
    """An article file cannot be read, decoded or understood as text."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[CorpusError], tuple[str, str]]:
        # Problems found in worker processes travel back to the parent.
        return (CorpusError, (self.path, self.reason))


class GraphFormatError(AllianceGraphError):
    """A graph file is malformed or of an unsupported format."""


class OutputError(AllianceGraphError):
    """An output file cannot be written."""


class GoldFormatError(AllianceGraphError):
    """A gold annotation file does not follow the gold format."""


class UnknownNameError(AllianceGraphError, KeyError):
    """A name that matches nothing the graph or vocabulary knows.

    ``suggestions`` holds the closest known names, best first.
    """

    def __init__(self, what: str, name: str, suggestions: Sequence[str] = ()) -> None:
        hint = ""
        if suggestions:
            hint = "; did you mean " + " or ".join(repr(s) for s in suggestions[:3]) + "?"
        message = f"unknown {what} {name!r}{hint}"
        super().__init__(message)
        self.what = what
        self.name = name
        self.suggestions = tuple(suggestions)
        self.message = message

    def __reduce__(self) -> tuple[type[UnknownNameError], tuple[str, str, tuple[str, ...]]]:
        return (UnknownNameError, (self.what, self.name, self.suggestions))

    def __str__(self) -> str:
        # KeyError would otherwise repr() the message, adding quotes.
        return self.message
