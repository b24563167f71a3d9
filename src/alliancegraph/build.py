"""Building a graph from a corpus.

>>> g = build_graph(SEED_DIR)
>>> len(g.articles)
5
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable

from .corpus import Corpus, load_corpus
from .extraction import Extractor
from .graph import AllianceGraph
from .vocabulary import Vocabulary

__all__ = ["build_graph"]

log = logging.getLogger(__name__)

Source = Corpus | str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


def build_graph(
    source: Source,
    *,
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
) -> AllianceGraph:
    """Read every article of ``source`` and merge what they say into one graph.

    ``source`` is a :class:`~alliancegraph.corpus.Corpus` or paths to files and
    folders. Files that cannot be read are reported in ``graph.problems`` (and
    logged) unless ``strict`` is set, in which case the first one raises
    :class:`~alliancegraph.exceptions.CorpusError`.
    """
    corpus = (
        source
        if isinstance(source, Corpus)
        else load_corpus(source, vocabulary=vocabulary, strict=strict)
    )
    extractor = Extractor(vocabulary or corpus.vocabulary)
    graph = AllianceGraph(extractor.vocabulary)
    for doc in corpus:
        graph.add(extractor.extract(doc))
    graph.problems = list(corpus.problems)
    log.info("built %r", graph)
    return graph
