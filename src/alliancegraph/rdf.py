"""The graph as RDF: an ontology, SHACL shapes, SPARQL, and lossless files.

Terms come from the alliancegraph ontology (``ag:``, shipped as
``data/ontology.ttl``) and from SKOS (the domain scheme), PROV-O (evidence),
Dublin Core (article metadata) and OWL (``owl:sameAs`` Wikidata items).
Resources get stable IRIs under a configurable ``base``:

=======================================  ====================================
resource                                 IRI under ``base``
=======================================  ====================================
node ``state:JPN``                       ``state/JPN``
article ``000_94…``                      ``article/000_94…``
fact ``(u, v, key)``                     ``fact/<u path>/<key>/<v path>``
evidence sentence                        ``evidence/<article>/<start>-<end>``
its use by a fact (``prov:Derivation``)  ``<fact>/evidence/<article>/<start>-<end>``
=======================================  ====================================

Every fact (edge) is an n-ary node (``ag:Cooperation``, ``ag:Participation``
…) with subject, object, domain, support, confidence and evidence, plus a
direct triple (``ag:cooperatesWith``, in both directions for cooperation) so
that simple SPARQL stays simple. There are no blank nodes, and files list
subjects in a stable order, so the same graph gives the same bytes.

Files (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``) stream straight from the
graph: Turtle and N-Triples are written as text, subject by subject, and the
other formats by pyoxigraph from that text; :func:`to_rdf` builds an
``rdflib.Graph`` of the same triples for SPARQL and the rdflib ecosystem.
Turtle laid out as this module writes it is read by a strict reader of that
layout; any other file is parsed by pyoxigraph.
Reading never touches the network: a JSON-LD file with a remote ``@context``
is refused, and RDF/XML with a DTD is refused before it is parsed.

>>> rows = SEED_GRAPH.sparql('''
...     SELECT ?a ?b WHERE {
...         ?c a ag:Cooperation ; ag:subject ?a ; ag:object ?b ;
...            ag:domain domain:semiconductors .
...     } ORDER BY ?a ?b''')
>>> [(r["a"].rsplit("/", 1)[-1], r["b"].rsplit("/", 1)[-1]) for r in rows][:2]
[('IND', 'JPN'), ('JPN', 'KOR')]
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import re
import string
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from operator import attrgetter, eq, itemgetter, lt
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple
from urllib.parse import quote, unquote

from ._gc import paused
from .exceptions import GraphFormatError, OutputError
from .io import (
    atomic_write,
    dump_json,
    join_attributes,
    load_json_object,
    node_schema,
    read_safe_xml,
    split_attributes,
)
from .models import Article, Evidence

if TYPE_CHECKING:
    import rdflib

    from .graph import AllianceGraph
    from .vocabulary import Vocabulary

__all__ = [
    "AG",
    "DEFAULT_BASE",
    "RDF_FORMATS",
    "ValidationReport",
    "Violation",
    "load",
    "ontology",
    "read_rdf",
    "shapes",
    "sparql",
    "to_rdf",
    "validate",
    "write_rdf",
]

log = logging.getLogger(__name__)

#: Where the resources of a graph live unless told otherwise.
DEFAULT_BASE = "https://example.org/alliancegraph/"

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_PROV = "http://www.w3.org/ns/prov#"
_DCT = "http://purl.org/dc/terms/"
_WD = "http://www.wikidata.org/entity/"


class _Ontology:
    """The ``ag:`` terms, as IRIs. Closed: a misspelt term is an AttributeError."""

    __slots__ = ()
    NS = "https://w3id.org/alliancegraph/ontology#"
    # classes
    KnowledgeGraph = NS + "KnowledgeGraph"
    State = NS + "State"
    Organization = NS + "Organization"
    Agreement = NS + "Agreement"
    Person = NS + "Person"
    Domain = NS + "Domain"
    Node = NS + "Node"
    Article = NS + "Article"
    Evidence = NS + "Evidence"
    Fact = NS + "Fact"
    Cooperation = NS + "Cooperation"
    Participation = NS + "Participation"
    Membership = NS + "Membership"
    Coverage = NS + "Coverage"
    Targeting = NS + "Targeting"
    Representation = NS + "Representation"
    # direct relations between nodes
    cooperatesWith = NS + "cooperatesWith"  # noqa: N815 (the term as the ontology spells it)
    partyTo = NS + "partyTo"  # noqa: N815 (the term as the ontology spells it)
    memberOf = NS + "memberOf"  # noqa: N815 (the term as the ontology spells it)
    covers = NS + "covers"
    targets = NS + "targets"
    actsFor = NS + "actsFor"  # noqa: N815 (the term as the ontology spells it)
    # facts and evidence
    subject = NS + "subject"
    object = NS + "object"
    participant = NS + "participant"
    relation = NS + "relation"
    domain = NS + "domain"
    support = NS + "support"
    confidence = NS + "confidence"
    evidence = NS + "evidence"
    sentence = NS + "sentence"
    start = NS + "start"
    end = NS + "end"
    extractor = NS + "extractor"
    extractorVersion = NS + "extractorVersion"  # noqa: N815 (the term as the ontology spells it)
    # node attributes
    member = NS + "member"
    party = NS + "party"
    state = NS + "state"
    group = NS + "group"
    mentionedIn = NS + "mentionedIn"  # noqa: N815 (the term as the ontology spells it)
    organizationKind = NS + "organizationKind"  # noqa: N815 (the term as the ontology spells it)
    agreementKind = NS + "agreementKind"  # noqa: N815 (the term as the ontology spells it)
    status = NS + "status"
    role = NS + "role"
    # articles and bookkeeping
    sourcePath = NS + "sourcePath"  # noqa: N815 (the term as the ontology spells it)
    sha256 = NS + "sha256"
    formatVersion = NS + "formatVersion"  # noqa: N815 (the term as the ontology spells it)
    rawAttributes = NS + "rawAttributes"  # noqa: N815 (the term as the ontology spells it)
    absentAttributes = NS + "absentAttributes"  # noqa: N815 (the term as the ontology spells it)


#: The alliancegraph ontology's terms (``AG.State``, ``AG.cooperatesWith`` …).
AG = _Ontology()

#: File extensions written and read as RDF, and pyoxigraph's name for each.
RDF_FORMATS: dict[str, str] = {
    "ttl": "TURTLE",
    "turtle": "TURTLE",
    "nt": "N_TRIPLES",
    "jsonld": "JSON_LD",
    "rdf": "RDF_XML",
    "owl": "RDF_XML",
}

PREFIXES: dict[str, str] = {
    "ag": AG.NS,
    "dcterms": _DCT,
    "owl": _OWL,
    "prov": _PROV,
    "rdf": _RDF,
    "rdfs": _RDFS,
    "skos": _SKOS,
    "wd": _WD,
    "xsd": _XSD,
}

_DATA_PREFIXES = ("agreement", "article", "domain", "evidence", "org", "person", "state")

_TYPE = _RDF + "type"
_LABEL = _RDFS + "label"
_JSON = _RDF + "JSON"
_IDENTIFIER = _DCT + "identifier"
_DERIVED = _PROV + "wasDerivedFrom"
_QUALIFIED = _PROV + "qualifiedDerivation"
_ENTITY = _PROV + "entity"
_DERIVATION = _PROV + "Derivation"
_CONFIDENCE = AG.confidence
_EXTRACTOR = AG.extractor
_EXTRACTOR_VERSION = AG.extractorVersion
_SENTENCE = AG.sentence
_START = AG.start
_END = AG.end
_CONCEPT = _SKOS + "Concept"
_SCHEME = _SKOS + "ConceptScheme"
_IN_SCHEME = _SKOS + "inScheme"
_TOP_OF = _SKOS + "topConceptOf"
_PREF = _SKOS + "prefLabel"
_ALT = _SKOS + "altLabel"
_BROADER = _SKOS + "broader"
_INTEGER = _XSD + "integer"
_DOUBLE = _XSD + "double"

_KIND_CLASS = {
    "state": AG.State,
    "organization": AG.Organization,
    "agreement": AG.Agreement,
    "person": AG.Person,
    "domain": AG.Domain,
}
_CLASS_KIND = {v: k for k, v in _KIND_CLASS.items()}

#: predicate → (fact class, direct property)
_PREDICATES = {
    "cooperates_with": (AG.Cooperation, AG.cooperatesWith),
    "party_to": (AG.Participation, AG.partyTo),
    "member_of": (AG.Membership, AG.memberOf),
    "covers": (AG.Coverage, AG.covers),
    "targets": (AG.Targeting, AG.targets),
    "acts_for": (AG.Representation, AG.actsFor),
}
_RELATION_PREDICATE = {prop: name for name, (_, prop) in _PREDICATES.items()}
_FACT_CLASSES = frozenset({AG.Fact, *(cls for cls, _ in _PREDICATES.values())})
_NODE_CLASSES = (*_CLASS_KIND, AG.Node)

# How a node attribute is written: (predicate, what its values are). Values
# are "text", "date", "wikidata", or the path of the resources they name.
_ATTRIBUTE_TERMS: dict[str, tuple[str, str]] = {
    "label": (_LABEL, "text"),
    "wikidata": (_OWL + "sameAs", "wikidata"),
    "short_names": (_ALT, "text"),
    "aliases": (_ALT, "text"),
    "org_kind": (AG.organizationKind, "text"),
    "agreement_kind": (AG.agreementKind, "text"),
    "status": (AG.status, "text"),
    "role": (AG.role, "text"),
    "date": (_DCT + "date", "date"),
    "members": (AG.member, "state"),
    "parties": (AG.party, "state"),
    "state": (AG.state, "state"),
    "domains": (AG.domain, "domain"),
    "broader": (_BROADER, "domain"),
    "group": (AG.group, "domain"),
    "articles": (AG.mentionedIn, "article"),
}
_QID = re.compile(r"Q[1-9][0-9]*")
_DATE_TYPES = (
    (re.compile(r"\d{4}"), _XSD + "gYear"),
    (re.compile(r"\d{4}-\d{2}"), _XSD + "gYearMonth"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), _XSD + "date"),
)
_ARTICLE_FIELDS = {
    "title": _DCT + "title",
    "publisher": _DCT + "publisher",
    "date": _DCT + "date",
    "source": AG.sourcePath,
    "sha256": AG.sha256,
}
_FORMAT_VERSION = 1
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")  # what quote() leaves as it is


def _check_base(base: str) -> str:
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+[/#]$", base):
        raise OutputError(
            f"RDF base {base!r} is not usable: give an absolute http(s) IRI ending in '/' "
            f"or '#', such as {DEFAULT_BASE!r}"
        )
    return base


def _segment(text: str) -> str:
    # most ids need no quoting, and quote() is slow to find that out
    return text if _UNRESERVED.fullmatch(text) else quote(text, safe="")


def _node_path(node: str) -> str:
    prefix, colon, ident = node.partition(":")
    # Ids with a prefix get two path segments and ids without one get one, so
    # the mapping from ids to IRIs is one to one.
    return f"{_segment(prefix)}/{_segment(ident)}" if colon else _segment(node)


def _last_segment(iri: str) -> str:
    return unquote(iri.rsplit("/", 1)[-1])


def _date_type(value: str) -> str | None:
    return next((dt for pattern, dt in _DATE_TYPES if pattern.fullmatch(value)), None)


def _sorted_unique(values: Any) -> bool:
    return list(values) == sorted(set(values))


def _scalar_ok(key: str, value: str) -> bool:
    return key != "wikidata" or bool(_QID.fullmatch(value))


# ----------------------------------------------------------------- syntax
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
# Between the predicate-object pairs of a Turtle statement. Literals escape
# line breaks, so this (and " .\n", the end of a statement) is never in a term.
_NEXT = " ;\n    "
_PN_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-]*")


class _Syntax:
    """How terms and statements are spelt: Turtle (with prefixes) or N-Triples.

    Graphs are written as text, one statement (subject) at a time: several
    times faster than building pyoxigraph or rdflib terms first. The other
    formats and :func:`to_rdf` parse the N-Triples text with pyoxigraph, so
    every format has exactly the same triples.
    """

    def __init__(self, prefixes: dict[str, str] | None) -> None:
        self.turtle = prefixes is not None
        self._namespaces = sorted((prefixes or {}).items(), key=lambda item: -len(item[1]))
        # When every namespace ends with "/" or "#" (as written ones do), the one
        # that can compact an IRI is the IRI up to its last "/" or "#": a local
        # name has neither.
        self._by_namespace: dict[str, str] | None = None
        if all(ns.endswith(("/", "#")) for _, ns in self._namespaces):
            self._by_namespace = {}
            for name, ns in self._namespaces:
                self._by_namespace.setdefault(ns, name)
        self._terms: dict[str, str] = {_TYPE: "a"} if self.turtle else {}
        lines = [f"@prefix {name}: <{ns}> .\n" for name, ns in sorted((prefixes or {}).items())]
        self.header = "".join(lines) + "\n" if prefixes else ""

    def term(self, iri: str) -> str:
        """An IRI that recurs (classes, properties, nodes): compacted in Turtle, and cached."""
        text = self._terms.get(iri)
        if text is None:
            text = self._terms[iri] = self._compact(iri)
        return text

    def _compact(self, iri: str) -> str:
        if self._by_namespace is not None:
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            name = self._by_namespace.get(iri[:cut])
            if name is not None and _PN_LOCAL.fullmatch(iri, cut):
                return f"{name}:{iri[cut:]}"
            return f"<{iri}>"
        for name, namespace in self._namespaces:
            if iri.startswith(namespace) and _PN_LOCAL.fullmatch(iri, len(namespace)):
                return f"{name}:{iri[len(namespace) :]}"
        return f"<{iri}>"

    def literal(self, value: str, datatype: str | None = None) -> str:
        if datatype is None:
            return f'"{_escaped(value)}"'
        return f'"{_escaped(value)}"^^{self.term(datatype)}'

    def statement(self, subject: str, pairs: list[str]) -> str:
        """The triples of ``subject``; each pair is a predicate and an object, spaced."""
        if not pairs:
            return ""
        # Turtle gives the subject once, N-Triples on every line.
        separator = _NEXT if self.turtle else f" .\n{subject} "
        return f"{subject} {separator.join(pairs)} .\n"

    def laid_out(self, text: str) -> str:
        """Whole statements laid out as Turtle (the subject once), in this syntax."""
        if self.turtle:
            return text
        lines = []
        for statement in text.split(" .\n")[:-1]:
            subject = statement[: statement.index(" ")]
            lines.append(statement.replace(_NEXT, f" .\n{subject} "))
        lines.append("")
        return " .\n".join(lines)

    def template(self, pairs: list[tuple[str, str]]) -> str:
        """A statement laid out as Turtle, as a :meth:`str.format` template whose
        ``{0}`` is the subject (see :meth:`laid_out`).

        The objects are templates too (``{1}`` …); predicates and constant
        objects are ontology terms, which have no braces to escape.
        """
        return "{0} " + _NEXT.join(f"{self.term(p)} {o}" for p, o in pairs) + " .\n"


def _escaped(value: str) -> str:
    """``value`` as it stands between the quotes of a literal."""
    if '"' in value or "\\" in value or "\n" in value or "\r" in value:
        return value.translate(_LITERAL_ESCAPES)
    return value


def _template_texts(template: str) -> list[str]:
    """The texts before each field of ``template`` (fields ``{0}``, ``{1}`` … in
    order), and after the last.
    """
    texts, fields = [], []
    for text, field, _, _ in string.Formatter().parse(template):
        texts.append(text)
        if field is not None:
            fields.append(field)
    if fields != [str(i) for i in range(len(fields))] or len(texts) != len(fields) + 1:
        raise ValueError(f"{template!r} does not give its fields once each, in order")
    return texts


def _use_template(syntax: _Syntax) -> str:
    """How a fact's use of a sentence is written (:func:`_read_own_turtle` reads it).

    Fields: the use, the sentence (IRIs), the confidence (a number), the
    extractor and its version (escaped).
    """
    return syntax.template(
        [
            (_TYPE, syntax.term(_DERIVATION)),
            (_ENTITY, "{1}"),
            (AG.confidence, syntax.literal("{2}", _DOUBLE)),
            (AG.extractor, '"{3}"'),
            (AG.extractorVersion, '"{4}"'),
        ]
    )


def _sentence_template(syntax: _Syntax) -> str:
    """How a sentence is written (:func:`_read_own_turtle` reads it).

    Fields: the sentence's IRI, its text (escaped), start, end, and its article's term.
    """
    return syntax.template(
        [
            (_TYPE, syntax.term(AG.Evidence)),
            (AG.sentence, '"{1}"'),
            (AG.start, syntax.literal("{2}", _INTEGER)),
            (AG.end, syntax.literal("{3}", _INTEGER)),
            (_DERIVED, "{4}"),
        ]
    )


# ---------------------------------------------------------------- writing
def _sorted_edges(graph: AllianceGraph) -> list[tuple[str, str, Any, dict[str, Any]]]:
    """The edges of ``graph`` with their keys and data, sorted by ``(u, v, key)``.

    Sorted a level at a time (nodes, then each node's successors, then the
    keys between two nodes): half the time of sorting all the edges by a
    tuple, and the same order.
    """
    edges: list[tuple[str, str, Any, dict[str, Any]]] = []
    successors = graph.nx.adj
    for u in sorted(successors):
        targets = successors[u]
        for v in sorted(targets):
            keyed = targets[v]
            for key in sorted(keyed):
                edges.append((u, v, key, keyed[key]))
    return edges


_SPAN = attrgetter("article", "start", "end")
_SAID = attrgetter("sentence")
_MADE = attrgetter("confidence", "extractor", "extractor_version")
_FACT_FIELDS = itemgetter("predicate", "domain", "support", "confidence", "articles", "evidence")


class _FactShape(NamedTuple):
    """How the statement of a fact with a given predicate and domain is laid out."""

    start: str  # after the subject, up to the fact's subject node
    middle: str  # after its object node (the relation), up to any participants
    end: str  # after them (the domain)
    cooperation: bool  # whether the nodes are participants too
    key: Any  # the key such a fact has unless told otherwise
    raw: dict[str, Any]  # the predicate and domain, if not written as triples


def _statements(graph: AllianceGraph, base: str, syntax: _Syntax) -> Iterator[str]:
    """Every statement of ``graph`` as text (whole statements, one or many to a
    text), in a stable order.
    """
    term, literal, statement = syntax.term, syntax.literal, syntax.statement

    def pair(predicate: str, obj: str) -> str:
        return f"{term(predicate)} {obj}"

    def unique(pairs: list[str]) -> list[str]:
        return list(dict.fromkeys(pairs))

    # Nodes and the articles they mention recur: their IRIs are made once.
    node_terms: dict[str, str] = {}
    resources: dict[str, dict[str, str]] = {}  # kind → value → term

    def node_iri(node: str) -> str:
        text = node_terms.get(node)
        if text is None:
            text = node_terms[node] = term(base + _node_path(node))
        return text

    def resource(found: dict[str, str], kind: str, value: str) -> str:
        text = found[value] = term(f"{base}{kind}/{_segment(value)}")
        return text

    def value_terms(kind: str, values: tuple[str, ...]) -> list[str]:
        if kind == "text":
            return [literal(value) for value in values]
        if kind == "date":
            return [literal(value, _date_type(value)) for value in values]
        if kind == "wikidata":
            return [term(_WD + value) for value in values]
        found = resources.setdefault(kind, {})
        return [found.get(value) or resource(found, kind, value) for value in values]

    # the graph itself
    scheme = term(base + "domains")
    yield statement(
        term(base),
        [
            pair(_TYPE, term(AG.KnowledgeGraph)),
            pair(AG.formatVersion, literal(str(_FORMAT_VERSION), _INTEGER)),
        ],
    )

    # articles, a few thousand to a text (their predicates differ, so their
    # pairs are distinct)
    article_start = f" {pair(_TYPE, term(AG.Article))}{_NEXT}{term(_IDENTIFIER)} "
    fields = [(field, f"{_NEXT}{term(p)} ") for field, p in _ARTICLE_FIELDS.items()]
    texts: list[str] = []
    for article_id, article in sorted(graph.articles.items()):
        subject = term(f"{base}article/{_segment(article_id)}")
        texts.append(subject + article_start + literal(article_id))
        for field, predicate in fields:
            value = getattr(article, field)
            if value is not None:
                dt = _date_type(value) if field == "date" else None
                texts.append(predicate + literal(value, dt))
        texts.append(" .\n")
        if len(texts) > 16384:
            yield syntax.laid_out("".join(texts))
            texts.clear()
    yield syntax.laid_out("".join(texts))

    # nodes, with the direct triples that start from them (gathered in one
    # pass over the edges, which the facts below need sorted anyway)
    edges = _sorted_edges(graph)
    direct: defaultdict[str, set[tuple[str, str]]] = defaultdict(set)
    for u, v, _, data in edges:
        relation: Any = data.get("predicate")
        known = _PREDICATES.get(relation)
        if known is not None:
            direct[u].add((known[1], v))
        if relation == "cooperates_with":
            direct[v].add((AG.cooperatesWith, u))
    concepts = graph.vocabulary.domains
    mentioned_nodes = set()
    for node, attrs in sorted(graph.nx.nodes(data=True)):
        mentioned_nodes.add(node)
        kind = attrs.get("kind")
        schema = node_schema(kind)
        mapped, raw, absent = split_attributes(attrs, schema, _sorted_unique, _scalar_ok)
        cls = _KIND_CLASS.get(kind) if isinstance(kind, str) else None
        if cls is None and "kind" in attrs:
            raw["kind"] = kind
        pairs = [pair(_TYPE, term(cls or AG.Node)), pair(_IDENTIFIER, literal(node))]
        for key, value in mapped.items():
            predicate, value_kind = _ATTRIBUTE_TERMS.get(key, ("", ""))
            values = value if isinstance(value, tuple) else (value,)
            head = f"{term(predicate)} "
            pairs.extend([head + o for o in value_terms(value_kind, values)])
        if kind == "domain":
            ident = node.partition(":")[2]
            concept = concepts.get(ident)
            pairs.append(pair(_PREF, literal(concept.label if concept else attrs["label"])))
            pairs.append(pair(_TYPE, term(_CONCEPT)))
            pairs.append(pair(_IN_SCHEME, scheme))
            if concept is not None:
                pairs.extend(pair(_ALT, literal(a)) for a in concept.alt_labels)
        if raw:
            pairs.append(pair(AG.rawAttributes, literal(dump_json(raw, node), _JSON)))
        if absent:
            pairs.append(pair(AG.absentAttributes, literal(dump_json(absent, node), _JSON)))
        pairs.extend([f"{term(p)} {node_iri(v)}" for p, v in sorted(direct.get(node, ()))])
        yield statement(node_iri(node), unique(pairs))

    # the rest of the domain scheme, so that skos:broader* reaches the top
    for ident, concept in sorted(concepts.items()):
        if f"domain:{ident}" in mentioned_nodes:
            continue
        pairs = [pair(_TYPE, term(_CONCEPT)), pair(_IN_SCHEME, scheme)]
        pairs.append(pair(_PREF, literal(concept.label)))
        pairs.extend(pair(_ALT, literal(a)) for a in concept.alt_labels)
        if concept.broader:
            pairs.append(pair(_BROADER, term(f"{base}domain/{_segment(concept.broader)}")))
        else:
            pairs.append(pair(_TOP_OF, scheme))
        yield statement(term(f"{base}domain/{_segment(ident)}"), unique(pairs))
    yield statement(scheme, [pair(_TYPE, term(_SCHEME)), pair(_LABEL, literal("Domains"))])

    # Facts, each followed by how it uses each sentence and by the sentences
    # not seen before: most of the statements of a large graph.
    yield from _fact_statements(edges, base, syntax)


def _fact_statements(
    edges: list[tuple[str, str, Any, dict[str, Any]]], base: str, syntax: _Syntax
) -> Iterator[str]:
    """The statements of every fact (``edges``, sorted), its uses of sentences and the
    sentences new to it, laid out as Turtle, many facts to a text.

    Most of the triples of a large graph are here, so the text is put together
    from pieces made once (terms, predicates with the separator before them,
    the constant ends of uses) by f-strings appended to one list: a function
    call, a tuple or a join per triple was most of the writing time. Sentences
    that are not ASCII come in texts of their own, so that the large texts
    stay ASCII, which joins and encodes several times faster.
    """
    term, literal = syntax.term, syntax.literal

    def po(predicate: str) -> str:
        return f"{_NEXT}{term(predicate)} "

    p_subject, p_object, p_participant = po(AG.subject), po(AG.object), po(AG.participant)
    p_domain, p_support, p_confidence = po(AG.domain), po(AG.support), po(AG.confidence)
    p_derived, p_qualified, p_raw = po(_DERIVED), po(_QUALIFIED), po(AG.rawAttributes)
    # the closing quote and the datatype of numbers
    integer_suffix, double_suffix = literal("", _INTEGER)[1:], literal("", _DOUBLE)[1:]
    evidence_base = f"<{base}evidence/"
    p_evidence = po(AG.evidence) + evidence_base
    # the texts between the fields of a use and of a sentence (field 0 is the subject)
    _, use_entity, use_confidence, use_extractor, use_version, use_end = _template_texts(
        _use_template(syntax)
    )
    use_entity += evidence_base
    _, said_text, said_start, said_end, said_article, said_close = _template_texts(
        _sentence_template(syntax)
    )
    paths: dict[str, str] = {}  # node id → its IRI path
    nodes: dict[str, str] = {}  # node id → its term
    keys: dict[str, str] = {}  # str(key) → its IRI segment
    # (predicate, domain) → how its facts start: _FactShape
    shapes: dict[tuple[Any, Any], _FactShape] = {}
    segments: dict[str, str] = {}  # article id → its IRI segment
    articles: dict[str, str] = {}  # article id → its term
    doubles: dict[float, str] = {}  # confidences → their texts
    measured: dict[tuple[int, float], str] = {}  # (support, confidence) → their triples
    # (confidence, extractor, version) → the end of a use, from its confidence on
    ends: dict[tuple[Any, str, str], str] = {}
    sentences: dict[tuple[str, int, int], str] = {}

    def path(node: str) -> str:
        text = paths[node] = _node_path(node)
        nodes[node] = term(base + text)
        return text

    def shape(predicate: Any, domain: Any) -> _FactShape:
        known = _PREDICATES.get(predicate) if isinstance(predicate, str) else None
        raw = {}
        if known:
            start = f"{term(_TYPE)} {term(known[0])}{p_subject}"
            middle = po(AG.relation) + term(known[1])
        else:
            start, middle = f"{term(_TYPE)} {term(AG.Fact)}{p_subject}", ""
            raw["predicate"] = predicate
        if isinstance(domain, str):
            end = p_domain + term(f"{base}domain/{_segment(domain)}")
        else:
            end = ""
            if domain is not None:
                raw["domain"] = domain
        key = predicate if domain is None else f"{predicate}:{domain}"
        made = _FactShape(start, middle, end, predicate == "cooperates_with", key, raw)
        # Kept for ids only: other values may be equal but not alike (1 and True).
        if type(predicate) is str and (domain is None or type(domain) is str):
            shapes[predicate, domain] = made
        return made

    def segment(article_id: str) -> str:
        text = segments[article_id] = _segment(article_id)
        articles[article_id] = term(f"{base}article/{text}")
        return text

    def article(article_id: str) -> str:
        segment(article_id)
        return articles[article_id]

    def double(value: float) -> str:
        number = doubles[value] = repr(float(value))
        return number

    def derived(fact_articles: Any, raw: dict[str, Any]) -> list[str]:
        """The terms of a fact's articles, the long way (and into ``raw`` if not
        a sorted list of distinct ids).
        """
        if not isinstance(fact_articles, (tuple, list)):
            raw["articles"] = fact_articles
            return []
        if all(isinstance(a, str) for a in fact_articles):
            ordered = sorted(set(fact_articles))
            if ordered != list(fact_articles):
                raw["articles"] = fact_articles
            return [articles.get(a) or article(a) for a in ordered]
        if not _sorted_unique(fact_articles):
            raw["articles"] = fact_articles
        return []

    def use_ending(confidence: Any, extractor: str, version: str) -> str:
        number = doubles.get(confidence) or double(confidence)
        text = ends[confidence, extractor, version] = (
            f"{use_confidence}{number}{use_extractor}{_escaped(extractor)}"
            f"{use_version}{_escaped(version)}{use_end}"
        )
        return text

    out: list[str] = []
    ending, last = "", (None, "", "")  # the previous use's ending, and what made it
    for u, v, key, data in edges:
        key_text = str(key)
        key_segment = keys.get(key_text)
        if key_segment is None:
            key_segment = keys[key_text] = quote(key_text, safe=":")
        u_path, v_path = paths.get(u) or path(u), paths.get(v) or path(v)
        fact_text = f"{base}fact/{u_path}/{key_segment}/{v_path}"
        u_term, v_term = nodes[u], nodes[v]
        predicate, domain, support, confidence, fact_articles, evidence = _FACT_FIELDS(data)
        try:
            start, middle, end, cooperation, expected, raw = shapes[predicate, domain]
        except (KeyError, TypeError):
            start, middle, end, cooperation, expected, raw = shape(predicate, domain)
        raw = raw.copy() if raw else {}
        if not cooperation:
            out.append(f"<{fact_text}> {start}{u_term}{p_object}{v_term}{middle}{end}")
        elif v != u:
            out.append(
                f"<{fact_text}> {start}{u_term}{p_object}{v_term}{middle}"
                f"{p_participant}{u_term}{p_participant}{v_term}{end}"
            )
        else:
            out.append(
                f"<{fact_text}> {start}{u_term}{p_object}{v_term}{middle}"
                f"{p_participant}{u_term}{end}"
            )
        if key != expected:
            raw["key"] = key
        if type(support) is int and type(confidence) is float:
            # the usual types, and a handful of values: their text is made once
            measures = measured.get((support, confidence))
            if measures is None:
                number = doubles.get(confidence) or double(confidence)
                measures = measured[support, confidence] = (
                    f'{p_support}"{support}{integer_suffix}{p_confidence}"{number}{double_suffix}'
                )
            out.append(measures)
        else:
            if isinstance(support, int) and not isinstance(support, bool):
                out.append(f'{p_support}"{support}{integer_suffix}')
            else:
                raw["support"] = support
            if isinstance(confidence, (int, float)) and not isinstance(confidence, bool):
                number = doubles.get(confidence) or double(confidence)
                out.append(f'{p_confidence}"{number}{double_suffix}')
            else:
                raw["confidence"] = confidence
        terms: list[str] = []
        usual = isinstance(fact_articles, (tuple, list))
        if usual:
            try:
                # the usual case: ids of articles met before, strictly increasing
                terms = list(map(articles.__getitem__, fact_articles))
                if len(terms) > 1 and not all(map(lt, fact_articles, fact_articles[1:])):
                    raw["articles"] = fact_articles
                    terms = list(map(articles.__getitem__, sorted(set(fact_articles))))
            except (KeyError, TypeError):
                usual = False
        if not usual:
            terms = derived(fact_articles, raw)
        if terms:
            out.append(p_derived + p_derived.join(terms))
        spans = list(map(_SPAN, evidence))
        # What each span said when written before (by another fact), or None.
        written = list(map(sentences.get, spans))
        # One node per sentence span: a fact's spans are distinct, and say what
        # they said before.
        if len(spans) > 1 and not all(map(lt, spans, spans[1:])):
            verbatim = True
        elif written.count(None) != len(written):
            said = list(map(_SAID, evidence))
            verbatim = list(map(sentences.get, spans, said)) != said
        else:
            verbatim = False
        if verbatim:
            # Evidence that does not fit one node per sentence span is kept verbatim.
            raw["evidence"] = [e.model_dump(mode="json") for e in evidence]
            evidence = []
        uses = []
        new = []
        wide = False  # a new sentence is not ASCII
        if evidence:
            use_base = f"<{fact_text}/evidence/"
            p_use = p_qualified + use_base
            for span_key, item, before in zip(spans, evidence, written, strict=True):
                article_id, first, after = span_key
                span = f"{segments.get(article_id) or segment(article_id)}/{first}-{after}>"
                out.append(f"{p_evidence}{span}{p_use}{span}")
                made = _MADE(item)
                if made != last:
                    ending = ends.get(made) or use_ending(*made)
                    last = made
                uses.append(f"{use_base}{span}{use_entity}{span}{ending}")
                if before is None:
                    sentence = sentences[span_key] = item.sentence
                    if '"' in sentence or "\\" in sentence or "\n" in sentence or "\r" in sentence:
                        sentence = sentence.translate(_LITERAL_ESCAPES)
                    if not sentence.isascii():
                        wide = True
                    new.append(
                        f"{evidence_base}{span}{said_text}{sentence}{said_start}{first}"
                        f"{said_end}{after}{said_article}{articles[article_id]}{said_close}"
                    )
        if raw:
            where = f"edge {u} -> {v} ({key})"
            out.append(p_raw + literal(dump_json(raw, where), _JSON))
        out.append(" .\n")
        out += uses
        if wide:
            yield syntax.laid_out("".join(out))
            out.clear()
            yield syntax.laid_out("".join(new))
        else:
            out += new
            if len(out) > 16384:
                yield syntax.laid_out("".join(out))
                out.clear()
    yield syntax.laid_out("".join(out))


def _joined(texts: Iterable[str], size: int = 1 << 20) -> Iterator[str]:
    """``texts`` joined into texts of about ``size`` characters (or more): a
    batch at a time, never the whole file.
    """
    chunk: list[str] = []
    length = 0
    for text in texts:
        chunk.append(text)
        length += len(text)
        if length >= size:
            yield "".join(chunk)
            chunk.clear()
            length = 0
    if chunk:
        yield "".join(chunk)


def _write_text(statements: Iterable[str], handle: BinaryIO, header: str = "") -> None:
    """Write ``statements`` (and the ``header`` first) as UTF-8.

    Each text is written as it comes, not joined to others: the facts come in
    large texts that are ASCII, and joining a text that is not ASCII to one
    that is makes both wide (and slow to encode). Small texts are gathered by
    the file's buffer.
    """
    handle.write(header.encode("utf-8"))
    for text in statements:
        handle.write(text.encode("utf-8"))


def _parsed_triples(graph: AllianceGraph, base: str) -> Iterator[Any]:
    """The triples of ``graph`` as pyoxigraph terms, parsed from its N-Triples text."""
    import pyoxigraph

    statements = _statements(graph, base, _Syntax(None))
    # N-Triples lines stand alone (no prefixes, no blank nodes), so the text
    # is parsed a batch of statements at a time, never held whole.
    for batch in _joined(statements):
        for quad in pyoxigraph.parse(batch, format=pyoxigraph.RdfFormat.N_TRIPLES):
            yield quad.triple


def to_rdf(graph: AllianceGraph, base: str = DEFAULT_BASE) -> rdflib.Graph:
    """``graph`` as an ``rdflib.Graph`` in the alliancegraph ontology.

    >>> rdf = to_rdf(SEED_GRAPH)
    >>> len(rdf) > 1000
    True
    >>> from rdflib import URIRef
    >>> japan = URIRef(DEFAULT_BASE + "state/JPN")
    >>> str(rdf.value(japan, URIRef("http://www.w3.org/2002/07/owl#sameAs")))
    'http://www.wikidata.org/entity/Q17'
    """
    import rdflib

    base = _check_base(base)
    rdf = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in {**PREFIXES, **_data_prefixes(base)}.items():
        rdf.bind(prefix, namespace)
    with warnings.catch_warnings():
        # rdflib warns about literals it cannot convert (e.g. xsd:gYear); the lexical
        # form is kept either way, which is all a round trip needs.
        warnings.simplefilter("ignore", UserWarning)
        rdf.addN((s, p, o, rdf) for s, p, o in _rdflib_triples(graph, base))
    return rdf


def _rdflib_triples(graph: AllianceGraph, base: str) -> Iterator[tuple[Any, Any, Any]]:
    """The triples of ``graph`` as rdflib terms, from its N-Triples text.

    The text is this module's own: subjects and predicates are IRIs without
    spaces, and no literal holds a raw line break, so each line splits at its
    first two spaces. (Parsing it into pyoxigraph terms and converting those
    is slower: their attributes are costly to read.)
    """
    import rdflib

    terms: dict[str, Any] = {}  # made once each: rdflib's literals are slow to make

    def term(text: str) -> Any:
        node = terms.get(text)
        if node is None:
            if text[0] == "<":
                node = rdflib.URIRef(text[1:-1])
            else:
                close = text.rindex('"')
                datatype = term(text[close + 3 :]) if close + 1 < len(text) else None
                node = rdflib.Literal(_unescaped(text[1:close]), datatype=datatype)
            terms[text] = node
        return node

    for statement in _statements(graph, base, _Syntax(None)):
        for line in statement.split(" .\n")[:-1]:
            s, p, o = line.split(" ", 2)
            yield term(s), term(p), term(o)


def _data_prefixes(base: str) -> dict[str, str]:
    return {name: f"{base}{name}/" for name in _DATA_PREFIXES}


def _rdf_format(fmt: str, path: Path | str) -> Any:
    import pyoxigraph

    name = RDF_FORMATS.get(fmt.lower().lstrip("."))
    if name is None:
        raise GraphFormatError(
            f"{path}: {fmt!r} is not an RDF format; use one of {', '.join(sorted(RDF_FORMATS))}"
        )
    return getattr(pyoxigraph.RdfFormat, name)


def write_rdf(
    graph: AllianceGraph, path: str | Path, format: str | None = None, base: str = DEFAULT_BASE
) -> Path:
    """Write ``graph`` as Turtle, N-Triples, JSON-LD or RDF/XML (by extension).

    Triples stream from the graph to the file: no second copy of the graph is
    built, so this is fast and lean on large graphs.

    >>> import tempfile, pathlib
    >>> out = write_rdf(SEED_GRAPH, pathlib.Path(tempfile.mkdtemp()) / "seed.ttl")
    >>> read_rdf(out) == SEED_GRAPH
    True
    """
    import pyoxigraph

    path = Path(path)
    rdf_format = _rdf_format(format or path.suffix, path)
    base = _check_base(base)
    prefixes = {**PREFIXES, **_data_prefixes(base)}

    def write(handle: BinaryIO) -> None:
        with paused():
            if rdf_format in (pyoxigraph.RdfFormat.TURTLE, pyoxigraph.RdfFormat.N_TRIPLES):
                turtle = prefixes if rdf_format == pyoxigraph.RdfFormat.TURTLE else None
                syntax = _Syntax(turtle)
                _write_text(_statements(graph, base, syntax), handle, syntax.header)
            else:
                pyoxigraph.serialize(
                    _parsed_triples(graph, base), handle, rdf_format, prefixes=prefixes
                )

    atomic_write(path, write)
    log.info("wrote %s", path)
    return path


# ---------------------------------------------------------------- reading
def _parse(path: Path, rdf_format: Any) -> Iterator[Any]:
    """pyoxigraph quads of ``path``, with errors as :class:`GraphFormatError`."""
    with _parser_errors(path):
        yield from _quads(path, rdf_format)


def _quads(path: Path, rdf_format: Any) -> Iterator[Any]:
    """pyoxigraph's parser of ``path``; iterate it inside :func:`_parser_errors`."""
    import pyoxigraph

    if rdf_format == pyoxigraph.RdfFormat.RDF_XML:
        # DTDs and entities refused before any parser sees the file; and pyoxigraph's
        # XML syntax errors give no line, the check's do.
        read_safe_xml(path, whole=True)
    result: Iterator[Any] = pyoxigraph.parse(
        path=path, format=rdf_format, without_named_graphs=True
    )
    return result


@contextlib.contextmanager
def _parser_errors(path: Path) -> Iterator[None]:
    """Syntax and I/O errors of the parser as :class:`GraphFormatError` (file, line)."""
    try:
        yield
    except SyntaxError as err:
        message = str(err.msg)
        if "remote context" in message.lower() or "LoadDocumentCallback" in message:
            raise GraphFormatError(
                f"{path}: the JSON-LD @context refers to a remote document; alliancegraph "
                "never fetches URLs while reading, so inline the context in the file"
            ) from err
        where = f"line {err.lineno}, column {err.offset}: " if err.lineno else ""
        message = re.sub(r"^Parser error at line \d+ column \d+: ", "", message)
        raise GraphFormatError(f"{path}: {where}{message}") from err
    except OSError as err:
        raise GraphFormatError(f"{path}: cannot read ({err.strerror or err})") from err


class _Record:
    """The triples of one subject: ``{predicate: [object values]}``.

    Objects are kept as their values (IRI or lexical form): the reader knows
    from each predicate what its objects are.
    """

    __slots__ = ("block", "path", "subject")

    def __init__(self, path: Path, subject: str, block: dict[str, list[str]]) -> None:
        self.path = path
        self.subject = subject
        self.block = block

    def fail(self, problem: str) -> GraphFormatError:
        return GraphFormatError(f"{self.path}: <{self.subject}> {problem}")

    def values(self, predicate: str) -> list[str]:
        return self.block.get(predicate, [])

    def optional(self, predicate: str) -> str | None:
        values = self.block.get(predicate)
        if values is None:
            return None
        if len(values) == 1:
            return values[0]
        raise self.fail(f"has {len(values)} <{predicate}> values; expected exactly one")

    def text(self, predicate: str) -> str:
        values = self.block.get(predicate)
        if values is not None and len(values) == 1:
            return values[0]
        count = "no" if not values else f"{len(values)}"
        raise self.fail(f"has {count} <{predicate}> values; expected exactly one")

    def number(self, predicate: str, cast: Callable[[str], Any]) -> Any:
        text = self.text(predicate)
        try:
            return cast(text)
        except ValueError as err:
            raise self.fail(f"has <{predicate}> {text!r}, not a number") from err

    def json(self, predicate: str, kind: type) -> Any:
        text = self.optional(predicate)
        return (
            None if text is None else load_json_object(text, f"{self.path}: <{self.subject}>", kind)
        )


class _SplitSubjectError(Exception):
    """A subject's triples are not all together, so the streaming reader cannot go on."""


#: How a fact uses a sentence: (evidence IRI, confidence, extractor, extractor version).
_Use = tuple[str, float, str, str]
#: A sentence not yet in any Evidence: (article id, sentence, start, end).
_Span = tuple[str, str, int, int]


@dataclass(slots=True)
class _Fact:
    """A fact read from its subject, waiting for the evidence it uses."""

    iri: str
    u: str
    v: str
    key: Any
    attrs: dict[str, Any]
    evidence: list[Evidence | None]
    missing: int


class _GraphReader:
    """Rebuilds the graph from the file's subjects, each given whole, in any order.

    A fact is complete once its evidence uses (``prov:Derivation``) and their
    sentences (``ag:Evidence``) have come; what arrives before it waits.
    :func:`write_rdf` puts each fact right before its uses and new sentences,
    so reading its files holds little besides the graph being built: facts
    waiting for a few subjects, and one entry per sentence, which later facts
    may cite. Subjects are dispatched by their ``rdf:type``.

    With ``streaming`` the subjects come as they stand in the file, and any
    sign that a subject's triples are split (a subject without a type, one
    seen twice, a use or sentence left over) raises :class:`_SplitSubjectError`, as
    does any error: the caller then groups the whole file by subject and
    reads it again, which gives the same graph or the error to report.
    """

    def __init__(self, path: Path, vocabulary: Vocabulary | None, streaming: bool) -> None:
        from .graph import AllianceGraph

        self.path = path
        self.streaming = streaming
        self.graph = AllianceGraph(vocabulary)
        self.graphs = 0
        self.article_iris: set[str] = set()
        self.nodes: dict[str, list[tuple[str, dict[str, Any]]]] = {c: [] for c in _NODE_CLASSES}
        self.node_of: dict[str, str] = {}
        self.node_keys: set[tuple[str, str]] = set()
        # A sentence is a _Span until a use needs it, then the Evidence made for
        # that use: later uses with the same extractor and confidence share it
        # (Evidence is immutable), and only one copy of the sentence is kept.
        self.sentences: dict[str, _Span | Evidence] = {}
        self.uses: dict[str, _Use] = {}  # uses no fact has asked for yet
        self.wanted: dict[str, list[tuple[_Fact, int]]] = {}  # use IRI → facts waiting for it
        self.waiting: dict[str, list[tuple[_Fact, int, _Use]]] = {}  # sentence IRI → its uses
        self.edges: list[tuple[str, str, Any, dict[str, Any], str]] = []
        self.ids: dict[str, str] = {}
        self.handlers: dict[str, Callable[[_Record, str], None]] = {
            AG.KnowledgeGraph: self._knowledge_graph,
            AG.Article: self._article,
            _DERIVATION: self._use,
            AG.Evidence: self._sentence,
            **dict.fromkeys(_NODE_CLASSES, self._node),
            **dict.fromkeys(_FACT_CLASSES, self._fact),
        }

    def add(self, subject: str, block: dict[str, list[str]]) -> None:
        """Read one subject, with all its triples."""
        types = block.get(_TYPE)
        if types is None:
            if self.streaming:
                raise _SplitSubjectError(subject)
            return
        record = _Record(self.path, subject, block)
        for cls in types if len(types) == 1 else dict.fromkeys(types):
            handler = self.handlers.get(cls)
            if handler is not None:
                handler(record, cls)

    def id_of(self, iri: str) -> str:
        """The id an IRI ends with (articles, domains), one string per id."""
        ident = self.ids.get(iri)
        if ident is None:
            ident = self.ids[iri] = _last_segment(iri)
        return ident

    def _knowledge_graph(self, record: _Record, cls: str) -> None:
        self.graphs += 1

    def _article(self, record: _Record, cls: str) -> None:
        if self.streaming and record.subject in self.article_iris:
            raise _SplitSubjectError(record.subject)
        self.article_iris.add(record.subject)
        fields: dict[str, Any] = {"id": record.text(_IDENTIFIER)}
        for field, predicate in _ARTICLE_FIELDS.items():
            fields[field] = record.optional(predicate)
        try:
            article = Article.model_validate(fields)
        except ValueError as err:
            raise record.fail(f"is not a valid article ({err})") from err
        self.graph.articles[article.id] = article

    def _node(self, record: _Record, cls: str) -> None:
        if self.streaming and (record.subject, cls) in self.node_keys:
            raise _SplitSubjectError(record.subject)
        self.node_keys.add((record.subject, cls))
        node = record.text(_IDENTIFIER)
        self.node_of[record.subject] = node
        self.nodes[cls].append((node, _node_attributes(record, _CLASS_KIND.get(cls))))

    def _use(self, record: _Record, cls: str) -> None:
        block = record.block
        try:
            # Most of a file is uses and sentences: their fields are taken
            # directly, and only a missing, repeated or bad one goes through
            # _Record for the error message.
            (entity,), (confidence,), (extractor,), (version,) = (
                block[_ENTITY],
                block[_CONFIDENCE],
                block[_EXTRACTOR],
                block[_EXTRACTOR_VERSION],
            )
            use = (entity, float(confidence), extractor, version)
        except (KeyError, ValueError):
            use = (
                record.text(_ENTITY),
                record.number(_CONFIDENCE, float),
                record.text(_EXTRACTOR),
                record.text(_EXTRACTOR_VERSION),
            )
        self.use(record.subject, use)

    def use(self, subject: str, use: _Use) -> None:
        """A fact's use of a sentence (its ``prov:Derivation``), read."""
        slots = self.wanted.pop(subject, None)
        if slots is None or not self.streaming:
            # Kept for facts still to come; in a streamed file a use comes
            # after its fact, so one kept to the end means a split subject.
            if self.streaming and subject in self.uses:
                raise _SplitSubjectError(subject)
            self.uses[subject] = use
        for fact, slot in slots or ():
            self._attach(fact, slot, use)

    def _sentence(self, record: _Record, cls: str) -> None:
        block = record.block
        try:
            (article,), (sentence,), (start,), (end,) = (
                block[_DERIVED],
                block[_SENTENCE],
                block[_START],
                block[_END],
            )
            span = (self.id_of(article), sentence, int(start), int(end))
        except (KeyError, ValueError):
            span = (
                self.id_of(record.text(_DERIVED)),
                record.text(_SENTENCE),
                record.number(_START, int),
                record.number(_END, int),
            )
        self.sentence(record.subject, span)

    def sentence(self, subject: str, span: _Span) -> None:
        """A sentence (``ag:Evidence``), read."""
        if self.streaming and subject in self.sentences:
            raise _SplitSubjectError(subject)
        self.sentences[subject] = span
        for fact, slot, use in self.waiting.pop(subject, ()):
            self._fill(fact, slot, use, subject)

    def _fact(self, record: _Record, cls: str) -> None:
        block = record.block
        if AG.rawAttributes not in block:
            try:
                # Most facts have no raw attributes: their fields are taken
                # directly, and only a missing, repeated or bad one goes the
                # long way, for the error message.
                (u,), (v,), (relation,), (support,), (confidence,) = (
                    block[AG.subject],
                    block[AG.object],
                    block[AG.relation],
                    block[AG.support],
                    block[AG.confidence],
                )
                predicate = _RELATION_PREDICATE[relation]
                domains = block.get(AG.domain, ())
                domain = self.id_of(domains[0]) if len(domains) == 1 else None
                attrs: dict[str, Any] = {
                    "predicate": predicate,
                    "domain": domain,
                    "support": int(support),
                    "confidence": float(confidence),
                }
                if len(domains) > 1:
                    raise ValueError("more than one domain")
            except (KeyError, ValueError):
                pass
            else:
                key = predicate if domain is None else f"{predicate}:{domain}"
                articles = block.get(_DERIVED, ())
                if len(articles) == 1:
                    attrs["articles"] = (self.id_of(articles[0]),)
                else:
                    attrs["articles"] = tuple(sorted({self.id_of(o) for o in articles}))
                self._wait_for_uses(record.subject, u, v, key, attrs, block.get(_QUALIFIED, []))
                return
        raw = record.json(AG.rawAttributes, dict) or {}
        u, v = record.text(AG.subject), record.text(AG.object)
        if "predicate" in raw:
            predicate = raw["predicate"]
        else:
            relation = record.text(AG.relation)
            if relation not in _RELATION_PREDICATE:
                raise record.fail(f"has an unknown <{AG.relation}> <{relation}>")
            predicate = _RELATION_PREDICATE[relation]
        if "domain" in raw:
            domain = raw["domain"]
        else:
            domain_iri = record.optional(AG.domain)
            domain = None if domain_iri is None else self.id_of(domain_iri)
        key = raw.get("key", predicate if domain is None else f"{predicate}:{domain}")
        attrs = {"predicate": predicate, "domain": domain}
        attrs["support"] = raw["support"] if "support" in raw else record.number(AG.support, int)
        attrs["confidence"] = (
            raw["confidence"] if "confidence" in raw else record.number(AG.confidence, float)
        )
        if "articles" in raw:
            attrs["articles"] = tuple(raw["articles"])
        else:
            attrs["articles"] = tuple(sorted({self.id_of(o) for o in record.values(_DERIVED)}))
        if "evidence" in raw:
            try:
                attrs["evidence"] = [Evidence.model_validate(item) for item in raw["evidence"]]
            except ValueError as err:
                raise record.fail(f"has invalid evidence ({err})") from err
            self.edges.append((u, v, key, attrs, record.subject))
            return
        self._wait_for_uses(record.subject, u, v, key, attrs, record.values(_QUALIFIED))

    def _wait_for_uses(
        self, iri: str, u: str, v: str, key: Any, attrs: dict[str, Any], uses: list[str]
    ) -> None:
        """A fact is complete when the sentences it uses have come."""
        fact = _Fact(iri, u, v, key, attrs, [None] * len(uses), len(uses))
        if not uses:
            self._complete(fact)
        for slot, use_iri in enumerate(uses):
            use = self.uses.pop(use_iri, None) if self.streaming else self.uses.get(use_iri)
            if use is None:
                self.wanted.setdefault(use_iri, []).append((fact, slot))
            else:
                self._attach(fact, slot, use)

    def _attach(self, fact: _Fact, slot: int, use: _Use) -> None:
        if use[0] in self.sentences:
            self._fill(fact, slot, use, use[0])
        else:
            self.waiting.setdefault(use[0], []).append((fact, slot, use))

    def _fill(self, fact: _Fact, slot: int, use: _Use, sentence_iri: str) -> None:
        _, confidence, extractor, version = use
        known = self.sentences[sentence_iri]
        if isinstance(known, Evidence):
            if (
                known.confidence == confidence
                and known.extractor == extractor
                and known.extractor_version == version
            ):
                evidence = known
            else:
                evidence = self._evidence(
                    fact, known.article, known.sentence, known.start, known.end, use
                )
        else:
            evidence = self._evidence(fact, *known, use)
            self.sentences[sentence_iri] = evidence
        fact.evidence[slot] = evidence
        fact.missing -= 1
        if not fact.missing:
            self._complete(fact)

    def _evidence(
        self, fact: _Fact, article: str, sentence: str, start: int, end: int, use: _Use
    ) -> Evidence:
        _, confidence, extractor, version = use
        try:
            return Evidence(
                article=article,
                sentence=sentence,
                start=start,
                end=end,
                extractor=extractor,
                extractor_version=version,
                confidence=confidence,
            )
        except ValueError as err:
            raise GraphFormatError(
                f"{self.path}: <{fact.iri}> has invalid evidence ({err})"
            ) from err

    def _complete(self, fact: _Fact) -> None:
        evidence: list[Evidence] = fact.evidence  # type: ignore[assignment]
        if len(evidence) > 1:
            evidence.sort(key=lambda e: (e.article, e.start, e.end))
        fact.attrs["evidence"] = evidence
        self.edges.append((fact.u, fact.v, fact.key, fact.attrs, fact.iri))

    def finish(self) -> AllianceGraph:
        """The graph, once every subject has been added."""
        if self.streaming and (self.graphs != 1 or self.uses or self.wanted or self.waiting):
            raise _SplitSubjectError("")
        if self.graphs != 1:
            raise _not_ours(self.path)
        for use_iri, slots in self.wanted.items():
            raise GraphFormatError(
                f"{self.path}: <{slots[0][0].iri}> has <{_QUALIFIED}> <{use_iri}>, which the "
                f"file does not describe as a <{_DERIVATION}>"
            )
        for sentence_iri, uses in self.waiting.items():
            raise GraphFormatError(
                f"{self.path}: <{uses[0][0].iri}> uses <{sentence_iri}>, which the file "
                f"does not describe as an <{AG.Evidence}>"
            )
        graph = self.graph
        graph.articles = dict(sorted(graph.articles.items()))
        for cls in _NODE_CLASSES:
            for node, attrs in self.nodes[cls]:
                graph.nx.add_node(node, **attrs)
        for node, attrs in sorted(self.nodes[AG.Agreement], key=lambda item: item[0]):
            from .models import slugify

            for name in (attrs.get("label"), *attrs.get("aliases", ())):
                if isinstance(name, str):
                    graph._alias_index.setdefault(slugify(name), node)
        edges = []
        node_of = self.node_of
        for u, v, key, attrs, iri in self.edges:
            if u in node_of and v in node_of:
                edges.append((node_of[u], node_of[v], key, attrs))
                continue
            end, predicate = (u, AG.subject) if u not in node_of else (v, AG.object)
            raise GraphFormatError(
                f"{self.path}: <{iri}> has <{predicate}> <{end}>, which the file does not describe"
            )
        ends = itemgetter(0, 1, 2)
        edges.sort(key=ends)
        if self.streaming:
            triples = list(map(ends, edges))
            if any(map(eq, triples, itertools.islice(triples, 1, None))):
                raise _SplitSubjectError("")
        for u, v, key, attrs in edges:
            graph.nx.add_edge(u, v, key=key, **attrs)
        return graph


def _streamed_subjects(quads: Iterable[Any]) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """Each run of triples with the same subject, as the subject and its block."""
    subject: Any = None
    block: dict[str, list[str]] = {}
    try:
        for s, p, o, _ in quads:
            if s != subject:
                if subject is not None:
                    yield subject.value, block
                subject, block = s, {}
            predicate = p.value
            values = block.get(predicate)
            if values is None:
                block[predicate] = [o.value]
            else:
                values.append(o.value)
        if subject is not None:
            yield subject.value, block
    except AttributeError as err:
        # Of the terms pyoxigraph reads, only an RDF 1.2 triple term ("<<( s p o )>>")
        # has no value; reported as the parser reports the file's other errors.
        raise SyntaxError(
            "a triple used as a term (RDF 1.2 '<< … >>'), which alliancegraph graphs never hold"
        ) from err


def _grouped_subjects(quads: Iterable[Any]) -> dict[str, dict[str, list[str]]]:
    """Every triple of the file, grouped by subject (the whole file in memory)."""
    by_subject: dict[str, dict[str, list[str]]] = {}
    for subject, block in _streamed_subjects(quads):
        known = by_subject.get(subject)
        if known is None:
            by_subject[subject] = block
        else:
            for predicate, values in block.items():
                known.setdefault(predicate, []).extend(values)
    return by_subject


class _OtherLayoutError(Exception):
    """The file is not laid out as :func:`write_rdf` writes Turtle: the general reader reads it."""


# The Turtle that write_rdf writes, as regular expressions: a strict subset
# of the grammar (no comments, lists, blank nodes, long strings or \u escapes;
# one statement per subject, its predicates on lines of their own). Like
# pyoxigraph's lenient mode, IRIs are checked for the characters Turtle
# allows, not against every rule of RFC 3987.
_IRI = r'[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>"{}|^`\\]*'
_PNAME = r"(?:[A-Za-z][A-Za-z0-9_\-]*)?:(?:[A-Za-z0-9_][A-Za-z0-9_\-]*)?"
_STRING = r'[^"\\\n\r]*(?:\\[tbnrf"\'\\][^"\\\n\r]*)*'
_PLAIN = r'[^"\\\n\r]*'  # a string without escapes (numbers)
_NAME_TOKEN = re.compile(f"<({_IRI})>|({_PNAME})")
_LITERAL_TOKEN = re.compile(f'"({_STRING})"(?:\\^\\^(<{_IRI}>|{_PNAME}))?')
_PREFIX_LINE = re.compile(f"@prefix ((?:[A-Za-z][A-Za-z0-9_\\-]*)?): <({_IRI})> \\.")
_ECHAR = re.compile(r"\\(.)")
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_OWN_CHUNK = 1 << 22


def _unescaped(text: str) -> str:
    return _ECHAR.sub(lambda m: _ECHARS[m.group(1)], text) if "\\" in text else text


def _template_pattern(template: str, fields: list[str]) -> re.Pattern[str]:
    """A statement's :meth:`str.format` template as a regular expression for the
    statement without its final `` .``: field ``i`` matches ``fields[i]``.
    """
    parts = []
    for text, field, _, _ in string.Formatter().parse(template.removesuffix(" .\n")):
        parts.append(re.escape(text))
        if field is not None:
            parts.append(fields[int(field)])
    return re.compile("".join(parts))


def _own_texts(path: Path) -> Iterator[str]:
    """The file as text, in pieces that each end with a statement."""
    with path.open("rb") as handle:
        pending = b""
        while more := handle.read(_OWN_CHUNK):
            pending += more
            cut = pending.rfind(b" .\n") + 3
            if cut > 2:
                yield pending[:cut].decode("utf-8")
                pending = pending[cut:]
        if pending:
            yield pending.decode("utf-8")


def _read_own_turtle(path: Path, vocabulary: Vocabulary | None) -> AllianceGraph:
    """Read Turtle laid out as :func:`write_rdf` writes it; :class:`_OtherLayoutError`
    as soon as the file is not, or has any problem (the general reader reports it).

    Going through pyoxigraph costs two Python objects per term, more than the
    rest of the reading. Here statements are split at the line ends that close
    them, which is exact for this layout (no literal holds a raw line break),
    and every piece of them is matched in full, so what is read is what a
    Turtle parser reads. Uses and sentences, most of a large file, are each
    one match of the template they were written with.
    """
    try:
        return _read_own_texts(path, _own_texts(path), vocabulary)
    except (GraphFormatError, _SplitSubjectError, ValueError, OSError) as err:
        # Bad content, a split subject, a number that is not one, bytes that
        # are not UTF-8: the general reader reports it (or reads the file whole).
        raise _OtherLayoutError(str(err)) from err


def _read_own_texts(
    path: Path, texts: Iterator[str], vocabulary: Vocabulary | None
) -> AllianceGraph:
    """:func:`_read_own_turtle` of the file's ``texts`` (see :func:`_own_texts`)."""
    reader = _GraphReader(path, vocabulary, streaming=True)
    first = next(texts, "")
    header, blank, body = first.partition("\n\n")
    prefixes: dict[str, str] = {}
    for line in header.split("\n") if blank else ["no header"]:
        match = _PREFIX_LINE.fullmatch(line)
        if match is None or match[1] in prefixes:
            raise _OtherLayoutError(f"the header line {line!r}")
        prefixes[match[1]] = match[2]
    names: dict[str, str] = {}  # prefixed names → IRIs
    objects: dict[str, str] = {}  # prefixed names and short typed literals → values

    def name(text: str) -> str:
        value = names.get(text)
        if value is None:
            match = _NAME_TOKEN.fullmatch(text)
            if match is None:
                raise _OtherLayoutError(f"{text[:80]!r} is not an IRI")
            if match[1] is not None:
                return match[1]  # not kept: most IRIs in <> are used once or twice
            prefix, _, local = text.partition(":")
            if prefix not in prefixes:
                raise _OtherLayoutError(f"the prefix of {text!r} is not declared")
            value = names[text] = prefixes[prefix] + local
        return value

    def object_value(text: str) -> str:
        """An object's IRI or lexical form."""
        if text[:1] == '"':
            match = _LITERAL_TOKEN.fullmatch(text)
            if match is None:
                raise _OtherLayoutError(f"{text[:80]!r} is not a literal")
            lexical = _unescaped(match[1])
            if match[2] is not None:
                name(match[2])
                if len(text) < 40:
                    # numbers and dates recur (supports, confidences): read once
                    objects[text] = lexical
            return lexical
        if text[:1] == "<":
            match = _NAME_TOKEN.fullmatch(text)
            if match is None or match[1] is None:
                raise _OtherLayoutError(f"{text[:80]!r} is not an IRI")
            return match[1]
        iri = objects[text] = name(text)
        return iri

    predicates = {"a": _TYPE}  # names as predicates, where they may also be ``a``

    def predicate_name(text: str) -> str:
        value = predicates[text] = name(text)
        return value

    strings: dict[str, str] = {}  # extractors and versions, read

    def interned(text: str) -> str:
        value = strings[text] = _unescaped(text)
        return value

    ids: dict[str, str] = {}  # articles' terms → their ids

    def article_id(text: str) -> str:
        value = ids[text] = reader.id_of(name(text))
        return value

    syntax = _Syntax(prefixes)
    iri, term, plain, escaped = f"<({_IRI})>", f"(<{_IRI}>|{_PNAME})", f"({_PLAIN})", f"({_STRING})"
    use = _template_pattern(_use_template(syntax), [iri, iri, plain, escaped, escaped])
    sentence = _template_pattern(_sentence_template(syntax), [iri, escaped, plain, plain, term])
    # what follows the subject of a use, and of a sentence
    use_mark = _use_template(syntax).partition("{0}")[2].partition("{1}")[0]
    sentence_mark = _sentence_template(syntax).partition("{0}")[2].partition("{1}")[0]
    previous = ""
    for chunk in itertools.chain([body], texts):
        statements = chunk.split(" .\n")
        if statements.pop():
            raise _OtherLayoutError("the file does not end with a statement")
        for statement in statements:
            cut = statement.find(" ")
            if cut < 1:
                raise _OtherLayoutError(f"{statement[:80]!r} is not a statement")
            if statement.startswith(use_mark, cut) and (match := use.fullmatch(statement)):
                subject = match[1]
                if subject == previous:
                    raise _OtherLayoutError(f"<{subject}> has two statements in a row")
                extractor, version = match[4], match[5]
                # one string for each extractor and version, not one per use
                extractor = strings.get(extractor) or interned(extractor)
                version = strings.get(version) or interned(version)
                reader.use(subject, (match[2], float(match[3]), extractor, version))
            elif statement.startswith(sentence_mark, cut) and (
                match := sentence.fullmatch(statement)
            ):
                subject = match[1]
                if subject == previous:
                    raise _OtherLayoutError(f"<{subject}> has two statements in a row")
                said = match[2]
                if "\\" in said:
                    said = _unescaped(said)
                article = ids.get(match[5]) or article_id(match[5])
                reader.sentence(subject, (article, said, int(match[3]), int(match[4])))
            else:
                subject = names.get(statement[:cut]) or name(statement[:cut])
                if subject == previous:
                    raise _OtherLayoutError(f"<{subject}> has two statements in a row")
                block: dict[str, list[str]] = {}
                for pair in statement[cut + 1 :].split(" ;\n    "):
                    predicate, _, obj = pair.partition(" ")
                    predicate = predicates.get(predicate) or predicate_name(predicate)
                    obj = objects.get(obj) or object_value(obj)
                    values = block.get(predicate)
                    if values is None:
                        block[predicate] = [obj]
                    else:
                        values.append(obj)
                reader.add(subject, block)
            previous = subject
    return reader.finish()


def read_rdf(
    path: str | Path, format: str | None = None, vocabulary: Vocabulary | None = None
) -> AllianceGraph:
    """Read a graph :func:`write_rdf` wrote (any base), back to the same graph.

    The file is read in one pass, building the graph as it goes, when each
    subject's triples stand together (as :func:`write_rdf` and most writers
    put them); otherwise it is read again with all its triples held in memory.
    Turtle that :func:`write_rdf` wrote is read without pyoxigraph, which
    reads any other file (and reports the errors of any file).
    """

    import pyoxigraph

    path = Path(path)
    rdf_format = _rdf_format(format or path.suffix, path)
    with paused():
        if rdf_format == pyoxigraph.RdfFormat.TURTLE:
            try:
                return _read_own_turtle(path, vocabulary)
            except _OtherLayoutError as other:
                log.debug("%s: not laid out as write_rdf writes Turtle (%s)", path, other)
        reader = _GraphReader(path, vocabulary, streaming=True)
        try:
            # Errors of the file's content may come from a split subject: they
            # are reported by the second reading. Syntax errors end it here.
            with _parser_errors(path):
                for subject, block in _streamed_subjects(_quads(path, rdf_format)):
                    try:
                        reader.add(subject, block)
                    except GraphFormatError as err:
                        raise _SplitSubjectError(subject) from err
            try:
                return reader.finish()
            except GraphFormatError as err:
                raise _SplitSubjectError("") from err
        except _SplitSubjectError as unordered:
            log.info("%s: subjects are split (at <%s>); reading it again whole", path, unordered)
        del reader
        with _parser_errors(path):
            by_subject = _grouped_subjects(_parse(path, rdf_format))
        graphs = sum(AG.KnowledgeGraph in block.get(_TYPE, ()) for block in by_subject.values())
        if graphs != 1:
            raise _not_ours(path)
        reader = _GraphReader(path, vocabulary, streaming=False)
        for subject, block in by_subject.items():
            reader.add(subject, block)
        return reader.finish()


def _not_ours(path: Path) -> GraphFormatError:
    return GraphFormatError(
        f"{path}: not an alliancegraph RDF file (it should describe exactly one "
        f"<{AG.KnowledgeGraph}>)"
    )


def _node_attributes(record: _Record, kind: str | None) -> dict[str, Any]:
    raw = record.json(AG.rawAttributes, dict) or {}
    absent = record.json(AG.absentAttributes, list) or []
    kind = kind if kind is not None else raw.get("kind")
    block = record.block
    mapped: dict[str, Any] = {}
    for key, is_list in node_schema(kind).items():
        if key in raw:
            continue
        predicate, value_kind = _ATTRIBUTE_TERMS[key]
        values = [
            _last_segment(o) if value_kind not in ("text", "date") else o
            for o in block.get(predicate, ())
        ]
        if is_list:
            mapped[key] = tuple(sorted(set(values)))
        elif len(values) == 1:
            mapped[key] = values[0]
        elif values:
            raise record.fail(f"has {len(values)} <{predicate}> values; expected one")
    return join_attributes(kind, mapped, raw, absent)


def load(path: str | Path, format: str | None = None) -> rdflib.Graph:
    """Any RDF file as an ``rdflib.Graph``, parsed safely (no network, no DTD)."""
    import rdflib

    path = Path(path)
    rdf = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    convert = _rdflib_converter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        rdf.addN(
            (convert(q.subject), convert(q.predicate), convert(q.object), rdf)
            for q in _parse(path, _rdf_format(format or path.suffix, path))
        )
    return rdf


def _rdflib_converter() -> Callable[[Any], Any]:
    """A function from pyoxigraph terms to rdflib terms (IRIs cached: they recur)."""
    import pyoxigraph
    import rdflib

    iris: dict[str, Any] = {}

    def iri(value: str) -> Any:
        node = iris.get(value)
        if node is None:
            node = iris[value] = rdflib.URIRef(value)
        return node

    def convert(term: Any) -> Any:
        if isinstance(term, pyoxigraph.NamedNode):
            return iri(term.value)
        if isinstance(term, pyoxigraph.BlankNode):
            return rdflib.BNode(term.value)
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return rdflib.Literal(
            term.value, datatype=None if datatype == _XSD + "string" else iri(datatype)
        )

    return convert


# ----------------------------------------------------------------- SPARQL
def sparql(graph: AllianceGraph, query: str, base: str = DEFAULT_BASE) -> list[dict[str, Any]]:
    """Run a SELECT query on the RDF view of ``graph``; rows as dicts.

    IRIs come back as ``str``, literals as Python values, unbound variables
    as ``None``. The prefixes ``ag:``, ``skos:``, ``prov:``, ``dcterms:``,
    ``rdfs:``, ``owl:``, ``xsd:``, ``wd:`` and the data prefixes ``state:``,
    ``domain:``, ``org:``, ``agreement:``, ``person:``, ``article:`` are
    predeclared.

    >>> rows = sparql(SEED_GRAPH, "SELECT ?label WHERE { state:JPN rdfs:label ?label }")
    >>> rows
    [{'label': 'Japan'}]
    """

    rdf = to_rdf(graph, base)
    namespaces = {**PREFIXES, **_data_prefixes(_check_base(base))}
    result = rdf.query(query, initNs=namespaces)
    if result.type != "SELECT":
        raise GraphFormatError(f"only SELECT queries give rows; this one is a {result.type}")
    rows = []
    names = [str(v) for v in result.vars or ()]
    for row in result:
        cells: tuple[Any, ...] = tuple(row)  # type: ignore[arg-type]
        rows.append({name: _python(value) for name, value in zip(names, cells, strict=True)})
    return rows


def _python(value: Any) -> Any:
    import rdflib

    if value is None:
        return None
    if isinstance(value, rdflib.Literal):
        return value.toPython()
    return str(value)


# ------------------------------------------------------------ ontology/SHACL
def _package_graph(name: str) -> rdflib.Graph:
    import rdflib

    text = resources.files("alliancegraph").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return rdflib.Graph().parse(data=text, format="turtle")


def ontology() -> rdflib.Graph:
    """The alliancegraph ontology (classes and properties, with labels and comments).

    >>> from rdflib import URIRef, RDFS
    >>> str(ontology().value(URIRef(AG.Cooperation), RDFS.label))
    'cooperation'
    """
    return _package_graph("ontology.ttl")


def shapes() -> rdflib.Graph:
    """The SHACL shapes a well-formed alliancegraph RDF graph conforms to."""
    return _package_graph("shapes.ttl")


@dataclass(frozen=True)
class Violation:
    """One way a graph breaks a shape."""

    focus: str
    path: str
    message: str
    value: str
    severity: str

    def __str__(self) -> str:
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus} {self.path}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: ``conforms`` and the violations, readable."""

    source: str
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int

    def text(self) -> str:
        """One line per violation, or one line saying the graph conforms."""
        if self.conforms:
            return f"{self.source}: conforms to the alliancegraph shapes ({self.triples} triples)"
        lines = [f"{self.source}: {len(self.violations)} violation(s) of the alliancegraph shapes"]
        lines.extend(f"  {v}" for v in self.violations)
        return "\n".join(lines)


def validate(
    source: str | Path | AllianceGraph | rdflib.Graph, base: str = DEFAULT_BASE
) -> ValidationReport:
    """Check an RDF file, an ``rdflib.Graph`` or an AllianceGraph against the shapes.

    >>> report = validate(SEED_GRAPH)
    >>> report.conforms
    True
    """
    import pyshacl
    import rdflib

    from .graph import AllianceGraph

    if isinstance(source, AllianceGraph):
        data, name = to_rdf(source, base), "graph"
    elif isinstance(source, rdflib.Graph):
        data, name = source, "graph"
    else:
        data, name = load(source), str(source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        conforms, results, _ = pyshacl.validate(
            data, shacl_graph=shapes(), inference="none", advanced=True, allow_warnings=True
        )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    names = data.namespace_manager

    def show(term: Any) -> str:
        if term is None:
            return ""
        if isinstance(term, rdflib.URIRef):
            return str(term.n3(names))
        return str(term.n3())

    violations = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        severity = results.value(result, sh.resultSeverity)
        violations.append(
            Violation(
                focus=show(results.value(result, sh.focusNode)),
                path=show(results.value(result, sh.resultPath)),
                message=str(results.value(result, sh.resultMessage) or ""),
                value=show(results.value(result, sh.value)),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    return ValidationReport(name, bool(conforms), tuple(violations), len(data))
