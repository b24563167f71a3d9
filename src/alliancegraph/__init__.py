"""alliancegraph: articles about international relations, read into a knowledge graph."""

from ._version import __version__

__all__ = ["__version__"]
