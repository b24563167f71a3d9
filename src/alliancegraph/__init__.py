"""alliancegraph: articles about international relations, read into a knowledge graph.

>>> import alliancegraph as ag
>>> g = ag.build_graph(SEED_DIR)
>>> sorted({(c.a, c.b) for c in g.cooperation(domain="chips")})
[('IND', 'JPN'), ('JPN', 'KOR'), ('JPN', 'TWN'), ('JPN', 'USA'), ('KOR', 'USA')]

The public API is what ``__all__`` lists; every other module name is internal.
Plotting (``alliancegraph.plot``) and RDF (``alliancegraph.rdf``) load
matplotlib and rdflib only when used.
"""

from ._version import __version__
from .build import build_graph
from .corpus import Corpus, Document, load_corpus
from .evaluate import evaluate_reports, load_gold
from .exceptions import (
    AllianceGraphError,
    CorpusError,
    GoldFormatError,
    GraphFormatError,
    OutputError,
    UnknownNameError,
    VocabularyError,
)
from .extraction import Extractor
from .graph import AllianceGraph
from .io import read_graph as read
from .models import (
    Agreement,
    Article,
    ArticleExtraction,
    CooperationDomain,
    Evidence,
    Organization,
    Person,
    Relation,
    State,
)
from .vocabulary import Vocabulary

__all__ = [
    "Agreement",
    "AllianceGraph",
    "AllianceGraphError",
    "Article",
    "ArticleExtraction",
    "CooperationDomain",
    "Corpus",
    "CorpusError",
    "Document",
    "Evidence",
    "Extractor",
    "GoldFormatError",
    "GraphFormatError",
    "Organization",
    "OutputError",
    "Person",
    "Relation",
    "State",
    "UnknownNameError",
    "Vocabulary",
    "VocabularyError",
    "__version__",
    "build_graph",
    "evaluate_reports",
    "load_corpus",
    "load_gold",
    "read",
]
