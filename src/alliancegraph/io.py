"""Writing and reading graph files, chosen by extension.

====================  ==================================================  =====
extension             format                                              read
====================  ==================================================  =====
``.json``             the whole graph (this package's own format)         yes
``.nodelink.json``    node-link JSON (d3, ``networkx.node_link_graph``)   yes
``.graphml``          GraphML for Gephi, Cytoscape, yEd, igraph           yes
``.gexf``             GEXF 1.3 for Gephi (read back without articles)     yes
``.csv``              two tables, ``<stem>.nodes.csv`` and ``.edges.csv``  no
``.ttl`` ``.nt``      RDF: Turtle, N-Triples (:mod:`alliancegraph.rdf`)    yes
``.jsonld`` ``.rdf``  RDF: JSON-LD, RDF/XML                               yes
====================  ==================================================  =====

Every readable format reads back into a graph equal to the one written:
nodes, edges, attributes, evidence and article metadata. GraphML, GEXF and
CSV flatten attributes to strings and numbers (lists ``|``-joined, evidence
as JSON text); anything that cannot be flattened exactly goes to a JSON
``ag_raw`` attribute. Reading XML refuses DTDs and entity declarations.

Every file is written atomically: to a temporary file beside the target,
then renamed over it, so a failed or interrupted write never leaves a
truncated file in place of a good one. JSON, node-link JSON, GraphML, Turtle
and N-Triples are written as they are made, a record at a time, so a large
graph is never held twice.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "seed.json"
>>> _ = write_graph(SEED_GRAPH, out)
>>> read_graph(out) == SEED_GRAPH
True
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import re
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from xml.sax.saxutils import escape, quoteattr

from ._gc import paused
from .exceptions import GraphFormatError, OutputError

if TYPE_CHECKING:
    from .graph import AllianceGraph
    from .vocabulary import Vocabulary

log = logging.getLogger(__name__)

__all__ = ["atomic_write", "read_graph", "write_graph"]


_FORMAT_VERSION = 1


def _format_of(path: Path, format: str | None) -> str:
    if format is None and path.name.lower().endswith(".nodelink.json"):
        return "nodelink"
    fmt = (format or path.suffix.lstrip(".")).lower()
    aliases = {
        "xml": "graphml",
        "turtle": "ttl",
        "ntriples": "nt",
        "json-ld": "jsonld",
        "owl": "rdf",
        "node-link": "nodelink",
    }
    return aliases.get(fmt, fmt)


def _new_file_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: str | Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write(file)`` on a temporary binary file, then rename it to ``path``.

    The rename is atomic: readers see the old file or the new one, never half
    of one, and a failed ``write`` leaves the old file untouched.
    """
    path = Path(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OutputError(f"{path}: cannot write here ({err.strerror})") from err
    try:
        # mkstemp creates the file private (0600); give it the mode open() would.
        os.chmod(tmp, _new_file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise OutputError(f"{path}: write failed ({err.strerror or err})") from err
        raise
    return path


def write_graph(
    graph: AllianceGraph, path: str | Path, format: str | None = None, **options: Any
) -> Path:
    """Write ``graph`` to ``path`` in the format of its extension (or ``format``)."""
    path = Path(path)
    fmt = _format_of(path, format)
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise OutputError(
            f"{path}: unknown output format {fmt!r}; use one of {', '.join(sorted(_WRITERS))}"
        )
    # Writing makes a record at a time for each of a large graph's objects, and
    # no cycles: collections meanwhile would walk the whole graph again and again.
    with paused():
        return writer(graph, path, **options)


def read_graph(
    path: str | Path, format: str | None = None, vocabulary: Vocabulary | None = None
) -> AllianceGraph:
    """Read a graph written by :func:`write_graph`."""
    path = Path(path)
    fmt = _format_of(path, format)
    reader = _READERS.get(fmt)
    if reader is None:
        raise GraphFormatError(
            f"{path}: cannot read format {fmt!r}; "
            f"readable formats are {', '.join(sorted(_READERS))}"
        )
    # Parsers and models make millions of objects and no cycles: collections
    # set off meanwhile would walk them all again and again (a third of the
    # time of reading JSON).
    with paused():
        graph = reader(path, vocabulary)
    try:
        graph.prepare_queries()  # as a built graph does: every format answers alike
    except (AttributeError, KeyError, TypeError, ValueError) as err:
        # Each reader checks the shape it parses; a value of the wrong type
        # inside a well-formed file shows up only when the graph is indexed.
        raise GraphFormatError(
            f"{path}: a node or edge attribute has the wrong type ({err})"
        ) from err
    return graph


# ---------------------------------------------------------------- JSON
def _load_json_file(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise GraphFormatError(f"{path}: cannot read ({err.strerror})") from err
    except UnicodeDecodeError as err:
        raise GraphFormatError(f"{path}: not UTF-8 text") from err
    except json.JSONDecodeError as err:
        raise GraphFormatError(f"{path}: line {err.lineno}, column {err.colno}: {err.msg}") from err


def _write_json(graph: AllianceGraph, path: Path, **options: Any) -> Path:
    """:meth:`AllianceGraph.to_dict` as JSON, one article, node or edge to a line."""
    head = {"format": "alliancegraph", "version": _FORMAT_VERSION}
    return atomic_write(path, lambda f: _stream_json(f, head, graph._sections()))


def _stream_json(
    handle: BinaryIO, head: dict[str, Any], sections: Iterable[tuple[str, Iterator[Any]]]
) -> None:
    """A JSON object of ``head``'s items, then of lists made a record at a time.

    A record to a line reads well and diffs well, and lets the JSON module's C
    encoder write each record (with ``indent`` it falls back to Python, four
    times slower); records are written in batches as they are made.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    items = [f"\n {encode(key)}: {encode(value)}" for key, value in head.items()]
    handle.write(("{" + ",".join(items)).encode("utf-8"))
    comma = "," if items else ""
    for section, records in sections:
        handle.write(f"{comma}\n {encode(section)}: [".encode())
        comma = ","
        lead = "\n  "
        while batch := list(itertools.islice(records, _JSON_BATCH)):
            handle.write((lead + ",\n  ".join(map(encode, batch))).encode("utf-8"))
            lead = ",\n  "
        handle.write(b"]" if lead == "\n  " else b"\n ]")
    handle.write(b"\n}\n")


#: Records encoded and written at a time by :func:`_stream_json`.
_JSON_BATCH = 2048


def _read_json(path: Path, vocabulary: Vocabulary | None) -> AllianceGraph:
    from .graph import AllianceGraph

    data = _load_json_file(path)
    if not isinstance(data, dict) or data.get("format") != "alliancegraph":
        raise GraphFormatError(
            f'{path}: not an alliancegraph JSON file (no "format": "alliancegraph")'
        )
    try:
        return AllianceGraph.from_dict(data, vocabulary)
    except (KeyError, TypeError, ValueError) as err:
        raise GraphFormatError(f"{path}: malformed graph data ({err})") from err


# ------------------------------------------------------------ attributes
#: The attributes each node kind has, and whether each is a list. Formats that
#: cannot hold every Python value (RDF, GraphML, GEXF) write these in their own
#: terms and recover the rest from two bookkeeping values: ``raw`` (a JSON
#: object of attributes written verbatim) and ``absent`` (schema keys the node
#: lacks). Nodes built by :class:`~alliancegraph.AllianceGraph` need neither,
#: except for lists whose order a format cannot keep.
NODE_SCHEMA: dict[str, dict[str, bool]] = {
    "state": {"label": False, "wikidata": False, "short_names": True},
    "organization": {"label": False, "org_kind": False, "members": True, "wikidata": False},
    "agreement": {
        "label": False,
        "agreement_kind": False,
        "aliases": True,
        "parties": True,
        "domains": True,
        "date": False,
        "status": False,
        "articles": True,
    },
    "person": {"label": False, "state": False, "role": False, "articles": True},
    "domain": {"label": False, "broader": False, "group": False},
}
_OTHER_SCHEMA: dict[str, bool] = {"label": False}


def node_schema(kind: object) -> dict[str, bool]:
    """The attribute schema of a node kind (unknown kinds only have a label)."""
    return NODE_SCHEMA.get(kind, _OTHER_SCHEMA) if isinstance(kind, str) else _OTHER_SCHEMA


def split_attributes(
    attrs: dict[str, Any],
    schema: dict[str, bool],
    list_ok: Callable[[Sequence[str]], bool],
    scalar_ok: Callable[[str, str], bool] = lambda key, value: True,
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Split node attributes into ``(mapped, raw, absent)``.

    ``mapped`` holds what a format writes natively (strings, and lists of
    strings that ``list_ok`` says survive the trip); ``raw`` everything else
    except ``None`` values of schema keys (a missing value reads back as
    ``None``); ``absent`` the schema keys the node does not have. ``kind`` is
    left to the caller.
    """
    mapped: dict[str, Any] = {}
    raw: dict[str, Any] = {}
    for key, value in sorted(attrs.items()):
        if key == "kind":
            continue
        is_list = schema.get(key)
        if is_list is None:
            raw[key] = value
        elif is_list:
            if (
                isinstance(value, (tuple, list))
                and all(isinstance(v, str) for v in value)
                and list_ok(value)
            ):
                mapped[key] = tuple(value)
            else:
                raw[key] = value
        elif isinstance(value, str) and scalar_ok(key, value):
            mapped[key] = value
        elif value is not None:
            raw[key] = value
    absent = sorted(key for key in schema if key not in attrs)
    return mapped, raw, absent


def join_attributes(
    kind: object,
    mapped: dict[str, Any],
    raw: dict[str, Any],
    absent: Sequence[str],
) -> dict[str, Any]:
    """The node attributes :func:`split_attributes` split (``kind`` may be ``None``)."""
    attrs: dict[str, Any] = {} if kind is None else {"kind": kind}
    for key, is_list in node_schema(kind).items():
        attrs[key] = () if is_list else None
    attrs.update(mapped)
    attrs.update((k, tuple(v) if isinstance(v, list) else v) for k, v in raw.items())
    for key in absent:
        attrs.pop(key, None)
    return attrs


def dump_json(value: Any, where: str) -> str:
    """Compact, key-sorted JSON text of ``value`` (an :class:`OutputError` if it has none)."""
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError) as err:
        raise OutputError(f"{where}: {value!r} cannot be written ({err})") from err


def load_json_object(text: str, where: str, kind: type = dict) -> Any:
    """Parse bookkeeping JSON, or raise :class:`GraphFormatError` naming ``where``."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise GraphFormatError(f"{where}: malformed JSON {text[:60]!r} ({err.msg})") from err
    if not isinstance(value, kind):
        raise GraphFormatError(f"{where}: expected a JSON {kind.__name__}, got {text[:60]!r}")
    return value


# ---------------------------------------------------------------- GraphML
def _joinable(values: Sequence[str]) -> bool:
    return all(v and "|" not in v for v in values)


def _articles_json(graph: AllianceGraph) -> str:
    return dump_json([a.model_dump(mode="json") for _, a in sorted(graph.articles.items())], "")


def _flat_node(node: str, attrs: dict[str, Any]) -> dict[str, str]:
    kind = attrs.get("kind")
    mapped, raw, absent = split_attributes(attrs, node_schema(kind), _joinable)
    flat: dict[str, str] = {}
    if isinstance(kind, str):
        flat["kind"] = kind
    elif "kind" in attrs:
        raw["kind"] = kind
    for key, value in mapped.items():
        flat[key] = "|".join(value) if isinstance(value, tuple) else value
    if raw:
        flat["ag_raw"] = dump_json(raw, f"node {node}")
    if absent:
        flat["ag_absent"] = dump_json(absent, f"node {node}")
    return dict(sorted(flat.items()))


def _flat_edge(
    u: str, v: str, key: Any, attrs: dict[str, Any], evidence: bool = True
) -> dict[str, Any]:
    """The flattened attributes of an edge (without ``evidence``, the costly one, if
    not asked for)."""
    where = f"edge {u} -> {v} ({key})"
    predicate, domain = attrs["predicate"], attrs["domain"]
    flat: dict[str, Any] = {}
    raw: dict[str, Any] = {}
    for name, value, kinds in (
        ("predicate", predicate, (str,)),
        ("domain", domain, (str, type(None))),
        ("support", attrs["support"], (int,)),
        ("confidence", attrs["confidence"], (float,)),
    ):
        if isinstance(value, kinds) and not isinstance(value, bool):
            if value is not None:
                flat[name] = value
        else:
            raw[name] = value
    articles = attrs["articles"]
    if isinstance(articles, (tuple, list)) and all(isinstance(a, str) for a in articles):
        if _joinable(articles):
            flat["articles"] = "|".join(articles)
        else:
            raw["articles"] = articles
    else:
        raw["articles"] = articles
    if evidence:
        flat["evidence"] = dump_json([e.model_dump(mode="json") for e in attrs["evidence"]], where)
    if not isinstance(key, str) or key != (
        predicate if domain is None else f"{predicate}:{domain}"
    ):
        raw["key"] = key
    if raw:
        flat["ag_raw"] = dump_json(raw, where)
    return dict(sorted(flat.items()))


def _write_graphml(graph: AllianceGraph, path: Path, **options: Any) -> Path:
    """GraphML with every attribute a string, number or boolean.

    Lists become ``|``-joined strings, evidence a JSON string, and what cannot
    be flattened exactly goes to a JSON ``ag_raw`` attribute, so
    :func:`read_graph` recovers the graph exactly. Graph attributes hold the
    article metadata (JSON) and the format version. Keys are typed as networkx
    types them, so that it and igraph read the values back as written.

    networkx's writer builds an XML tree of the whole graph first: at 100,000
    articles, millions of elements and 45 s. Here each edge is flattened,
    written and dropped; one pass beforehand finds the attributes to declare.
    """
    graph_data = {
        "format": "alliancegraph",
        "version": _FORMAT_VERSION,
        "articles": _articles_json(graph),
    }
    nodes = [(node, _flat_node(node, attrs)) for node, attrs in sorted(graph.nx.nodes(data=True))]
    edges = sorted(graph.nx.edges(keys=True, data=True), key=lambda e: e[:3])
    declared: set[tuple[str, str, str]] = set()  # (for, attr.name, attr.type)
    for scope, rows in (
        ("graph", [graph_data]),
        ("node", (flat for _, flat in nodes)),
        ("edge", (_flat_edge(u, v, k, a, evidence=False) for u, v, k, a in edges)),
    ):
        for row in rows:
            declared.update((scope, name, _graphml_type(value)) for name, value in row.items())
    if edges:
        declared.add(("edge", "evidence", "string"))
    scopes = {"graph": 0, "node": 1, "edge": 2}
    ids = {
        key: f"d{i}" for i, key in enumerate(sorted(declared, key=lambda k: (scopes[k[0]], k[1:])))
    }

    def data(scope: str, row: dict[str, Any], indent: str) -> list[str]:
        return [
            f'{indent}<data key="{ids[scope, name, _graphml_type(value)]}">'
            f"{_xml_text(_graphml_value(value))}</data>"
            for name, value in row.items()
        ]

    def element(tag: str, opening: str, inner: list[str]) -> list[str]:
        if not inner:
            return [f"    <{tag} {opening} />"]
        return [f"    <{tag} {opening}>", *inner, f"    </{tag}>"]

    def write(handle: BinaryIO) -> None:
        lines = [
            "<?xml version='1.0' encoding='utf-8'?>",
            f"<graphml {_GRAPHML_NAMESPACES}>",
            *(
                f'  <key id="{ident}" for="{scope}" attr.name={_xml_attr(name)} '
                f'attr.type="{kind}" />'
                for (scope, name, kind), ident in ids.items()
            ),
            '  <graph edgedefault="directed">',
        ]
        for node, flat in nodes:
            lines += element("node", f"id={_xml_attr(node)}", data("node", flat, "      "))
        for u, v, key, attrs in edges:
            flat = _flat_edge(u, v, key, attrs)
            opening = f"source={_xml_attr(u)} target={_xml_attr(v)} id={_xml_attr(key)}"
            lines += element("edge", opening, data("edge", flat, "      "))
            if len(lines) > 8192:
                handle.write(("\n".join(lines) + "\n").encode("utf-8"))
                lines.clear()
        lines += data("graph", graph_data, "    ")
        lines += ["  </graph>", "</graphml>", ""]
        handle.write("\n".join(lines).encode("utf-8"))

    return atomic_write(path, write)


_GRAPHML_NAMESPACES = (
    'xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"'
)


_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _graphml_type(value: Any) -> str:
    """The ``attr.type`` networkx gives a value of this type (and reads back as it)."""
    name = _GRAPHML_TYPES.get(type(value))
    if name is not None:
        return name
    for kind, name in _GRAPHML_TYPES.items():  # subclasses, bool before int
        if isinstance(value, kind):
            return name
    raise OutputError(f"GraphML cannot hold a value of type {type(value).__name__}")


def _graphml_value(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def read_safe_xml(path: Path, whole: bool = False) -> bytes:
    """The bytes of an XML file, refused if it declares a DTD or entities.

    Declarations come before the root element, so the parse stops there: the
    reader that follows parses the file once, not twice (a large GraphML file
    took a quarter of its reading time to be checked); one anywhere else is
    an XML syntax error to the parsers that read the rest (Python's expat).
    With ``whole``, the whole file is checked, for readers that are lenient or
    whose syntax errors do not say where they are (pyoxigraph's RDF/XML).
    """
    import defusedxml.ElementTree
    from defusedxml import DefusedXmlException

    try:
        data = path.read_bytes()
    except OSError as err:
        raise GraphFormatError(f"{path}: cannot read ({err.strerror})") from err
    try:
        with _xml_errors(path):
            events = defusedxml.ElementTree.iterparse(
                BytesIO(data), events=("start",), forbid_dtd=True
            )
            if whole:
                for _ in events:
                    pass
            else:
                next(iter(events), None)  # up to the root element's start
    except DefusedXmlException as err:
        raise GraphFormatError(
            f"{path}: XML with a DTD or entity declarations is refused (it could expand "
            "entities or load external files); remove the <!DOCTYPE …> declaration"
        ) from err
    return data


@contextlib.contextmanager
def _xml_errors(path: Path) -> Iterator[None]:
    """XML syntax errors as :class:`GraphFormatError` naming the file, line and column."""
    from xml.etree.ElementTree import ParseError

    try:
        yield
    except ParseError as err:
        line, column = err.position
        problem = str(err).split(": line ")[0]  # expat ends it with the position again
        raise GraphFormatError(f"{path}: line {line}, column {column}: {problem}") from err


def _split(value: Any) -> tuple[str, ...]:
    text = str(value)
    return tuple(text.split("|")) if text else ()


def _graph_articles(raw: Any, where: str) -> list[Any]:
    from .models import Article

    items = load_json_object(raw, where, list) if isinstance(raw, str) else []
    try:
        return [Article.model_validate(item) for item in items]
    except ValueError as err:
        raise GraphFormatError(f"{where}: invalid article metadata ({err})") from err


def _read_graphml(path: Path, vocabulary: Vocabulary | None) -> AllianceGraph:
    import networkx as nx

    data = read_safe_xml(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with _xml_errors(path):
                flat = nx.parse_graphml(
                    data, node_type=str, edge_key_type=str, force_multigraph=True
                )
        except (nx.NetworkXError, ValueError, KeyError, TypeError) as err:
            raise GraphFormatError(
                f"{path}: not a GraphML graph networkx can read ({err})"
            ) from err
    for warning in caught:
        # A <key> without a type is read as text; say so without failing the read.
        log.warning("%s: %s", path, warning.message)
    return _from_flat(flat, path, vocabulary)


def _from_flat(flat: Any, path: Path, vocabulary: Vocabulary | None) -> AllianceGraph:
    """An AllianceGraph from a graph whose attributes were flattened as
    :func:`_write_graphml` flattens them."""
    from .graph import AllianceGraph
    from .models import Evidence, slugify

    graph = AllianceGraph(vocabulary)
    for article in _graph_articles(flat.graph.get("articles"), f"{path}: graph attribute"):
        graph.articles[article.id] = article
    attrs: dict[str, Any]
    for node, flat_attrs in sorted(flat.nodes(data=True)):
        where = f"{path}: node {node}"
        attrs = dict(flat_attrs)
        raw = load_json_object(attrs.pop("ag_raw", "{}"), where)
        absent = load_json_object(attrs.pop("ag_absent", "[]"), where, list)
        kind = attrs.pop("kind", raw.get("kind"))
        schema = node_schema(kind)
        mapped = {key: _split(value) if schema.get(key) else value for key, value in attrs.items()}
        node_attrs = join_attributes(kind, mapped, raw, absent)
        graph.nx.add_node(node, **node_attrs)
        if kind == "agreement":
            for name in (node_attrs.get("label"), *node_attrs.get("aliases", ())):
                if isinstance(name, str):
                    graph._alias_index.setdefault(slugify(name), node)
    for u, v, key, flat_attrs in sorted(flat.edges(keys=True, data=True), key=lambda e: e[:3]):
        where = f"{path}: edge {u} -> {v} ({key})"
        raw = load_json_object(flat_attrs.get("ag_raw", "{}"), where)
        try:
            attrs = {
                "predicate": flat_attrs.get("predicate"),
                "domain": flat_attrs.get("domain"),
                "support": int(flat_attrs["support"]),
                "confidence": float(flat_attrs["confidence"]),
                "articles": _split(flat_attrs.get("articles", "")),
                "evidence": load_json_object(flat_attrs.get("evidence", "[]"), where, list),
            }
            attrs.update(raw)
            attrs["articles"] = tuple(attrs["articles"])
            attrs["evidence"] = [Evidence.model_validate(e) for e in attrs["evidence"]]
        except (KeyError, TypeError, ValueError) as err:
            raise GraphFormatError(f"{where}: malformed edge data ({err})") from err
        graph.nx.add_edge(u, v, key=attrs.pop("key", key), **attrs)
    return graph


def _read_gexf(path: Path, vocabulary: Vocabulary | None) -> AllianceGraph:
    """A GEXF file written by :func:`write_graph`, parsed with entities and DTDs refused.

    GEXF has no place for article metadata, so the graph comes back without
    ``articles``; everything on nodes and edges comes back whole.
    """
    import defusedxml.ElementTree
    import networkx as nx

    with _xml_errors(path):
        root = defusedxml.ElementTree.fromstring(read_safe_xml(path), forbid_dtd=True)
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    graph_el = root.find(f"{ns}graph")
    if graph_el is None:
        raise GraphFormatError(f"{path}: no <graph> element; not a GEXF file")
    types: dict[tuple[str, str], str] = {}
    for attributes in graph_el.findall(f"{ns}attributes"):
        cls = attributes.get("class", "node")
        for attribute in attributes.findall(f"{ns}attribute"):
            types[(cls, attribute.get("id", ""))] = attribute.get("type", "string")

    def values(element: Any, cls: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        holder = element.find(f"{ns}attvalues")
        for value in holder.findall(f"{ns}attvalue") if holder is not None else ():
            key, text = value.get("for", ""), value.get("value", "")
            kind = types.get((cls, key), "string")
            try:
                out[key] = (
                    int(text)
                    if kind in ("integer", "long")
                    else float(text)
                    if kind in ("double", "float")
                    else text == "true"
                    if kind == "boolean"
                    else text
                )
            except ValueError as err:
                raise GraphFormatError(f"{path}: {cls} attribute {key!r}: {err}") from err
        return out

    flat = nx.MultiDiGraph()
    for node in graph_el.iter(f"{ns}node"):
        node_id = node.get("id")
        if node_id is None:
            raise GraphFormatError(f"{path}: a <node> without an id")
        flat.add_node(node_id, **values(node, "node"))
    for edge in graph_el.iter(f"{ns}edge"):
        source, target = edge.get("source"), edge.get("target")
        if source is None or target is None:
            raise GraphFormatError(f"{path}: an <edge> without source or target")
        flat.add_edge(source, target, key=edge.get("label", ""), **values(edge, "edge"))
    return _from_flat(flat, path, vocabulary)


# ------------------------------------------------------------------- GEXF
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_attr(value: object) -> str:
    return quoteattr(_XML_INVALID.sub("\ufffd", str(value)))


def _xml_text(value: str) -> str:
    """Text content: escaped, and characters XML 1.0 cannot hold replaced.

    A carriage return is written as a reference: parsers read a bare one as a
    line feed.
    """
    if _XML_TEXT_SPECIAL.search(value) is None:
        return value  # the usual case: one pass, nothing to change
    return escape(_XML_INVALID.sub("\ufffd", value), {"\r": "&#13;"})


def _gexf_type(values: Iterable[Any]) -> str:
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "integer"
    if kinds and kinds <= {int, float}:
        return "double"
    return "string"


def _gexf_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _write_gexf(graph: AllianceGraph, path: Path, **options: Any) -> Path:
    """GEXF 1.3 for Gephi, every attribute flattened as for GraphML.

    Written by hand rather than by networkx, whose writer stamps the date into
    the file (the same graph must give the same bytes).
    """
    from ._version import __version__

    nodes = [(n, _flat_node(n, a)) for n, a in sorted(graph.nx.nodes(data=True))]
    edges = [
        (u, v, str(k), _flat_edge(u, v, k, a))
        for u, v, k, a in sorted(graph.nx.edges(keys=True, data=True), key=lambda e: e[:3])
    ]

    def columns(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
        values: dict[str, list[Any]] = {}
        for row in rows:
            for key, value in row.items():
                values.setdefault(key, []).append(value)
        return {key: _gexf_type(values[key]) for key in sorted(values)}

    node_cols = columns(a for _, a in nodes)
    edge_cols = columns(a for *_, a in edges)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        f"  <meta><creator>alliancegraph {escape(__version__)}</creator></meta>",
        '  <graph defaultedgetype="directed" mode="static">',
    ]
    for cls, cols in (("node", node_cols), ("edge", edge_cols)):
        lines.append(f'    <attributes class="{cls}">')
        lines.extend(
            f"      <attribute id={_xml_attr(c)} title={_xml_attr(c)} type={_xml_attr(t)}/>"
            for c, t in cols.items()
        )
        lines.append("    </attributes>")

    def attvalues(attrs: dict[str, Any]) -> list[str]:
        return [
            f"        <attvalue for={_xml_attr(k)} value={_xml_attr(_gexf_value(v))}/>"
            for k, v in attrs.items()
        ]

    lines.append("    <nodes>")
    for node, attrs in nodes:
        label = attrs.get("label", node)
        lines.append(f"      <node id={_xml_attr(node)} label={_xml_attr(label)}>")
        lines += ["       <attvalues>", *attvalues(attrs), "       </attvalues>", "      </node>"]
    lines.append("    </nodes>")
    lines.append("    <edges>")
    for index, (u, v, key, attrs) in enumerate(edges):
        lines.append(
            f'      <edge id="{index}" source={_xml_attr(u)} target={_xml_attr(v)} '
            f"label={_xml_attr(key)} weight={_xml_attr(attrs.get('support', 1))}>"
        )
        lines += ["       <attvalues>", *attvalues(attrs), "       </attvalues>", "      </edge>"]
    lines += ["    </edges>", "  </graph>", "</gexf>", ""]
    text = "\n".join(lines)
    return atomic_write(path, lambda f: f.write(text.encode("utf-8")))


# -------------------------------------------------------------------- CSV
def _write_csv(graph: AllianceGraph, path: Path, **options: Any) -> Path:
    """Two tables beside ``path``: ``<stem>.nodes.csv`` and ``<stem>.edges.csv``.

    Columns are the flattened attributes (as in GraphML); returns the nodes table.
    """
    import csv
    import io

    def table(header: list[str], rows: Iterable[dict[str, Any]]) -> bytes:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _gexf_value(v) for k, v in row.items()} for row in rows)
        return buffer.getvalue().encode("utf-8")

    nodes = [{"id": n, **_flat_node(n, a)} for n, a in sorted(graph.nx.nodes(data=True))]
    edges = [
        {"source": u, "target": v, "key": str(k), **_flat_edge(u, v, k, a)}
        for u, v, k, a in sorted(graph.nx.edges(keys=True, data=True), key=lambda e: e[:3])
    ]
    node_cols = sorted({k for row in nodes for k in row} - {"id", "kind", "label"})
    edge_cols = sorted({k for row in edges for k in row} - {"source", "target", "key"})
    stem = path.name.removesuffix(path.suffix)
    nodes_path = path.with_name(f"{stem}.nodes.csv")
    node_bytes = table(["id", "kind", "label", *node_cols], nodes)
    edge_bytes = table(["source", "target", "key", *edge_cols], edges)
    atomic_write(path.with_name(f"{stem}.edges.csv"), lambda f: f.write(edge_bytes))
    return atomic_write(nodes_path, lambda f: f.write(node_bytes))


# -------------------------------------------------------------- node-link
def _write_node_link(graph: AllianceGraph, path: Path, **options: Any) -> Path:
    """The d3/networkx node-link JSON shape, with full (unflattened) attributes."""
    head = {
        "directed": True,
        "multigraph": True,
        "graph": {"format": "alliancegraph", "version": _FORMAT_VERSION},
    }
    names = {"edges": "links"}
    sections = ((names.get(name, name), records) for name, records in graph._sections())
    return atomic_write(path, lambda f: _stream_json(f, head, sections))


def _read_node_link(path: Path, vocabulary: Vocabulary | None) -> AllianceGraph:
    from .graph import AllianceGraph

    data = _load_json_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("links"), list):
        raise GraphFormatError(f'{path}: not a node-link JSON file (no "links" list)')
    try:
        return AllianceGraph.from_dict(
            {
                "articles": data.get("articles", []),
                "nodes": data["nodes"],
                "edges": data["links"],
            },
            vocabulary,
        )
    except (KeyError, TypeError, ValueError) as err:
        raise GraphFormatError(f"{path}: malformed node-link data ({err})") from err


# -------------------------------------------------------------------- RDF
def _write_rdf(graph: AllianceGraph, path: Path, format: str, **options: Any) -> Path:
    from .rdf import DEFAULT_BASE, write_rdf

    return write_rdf(graph, path, format=format, base=options.get("base") or DEFAULT_BASE)


def _read_rdf(path: Path, format: str, vocabulary: Vocabulary | None) -> AllianceGraph:
    from .rdf import read_rdf

    return read_rdf(path, format=format, vocabulary=vocabulary)


def _rdf_writer(fmt: str) -> Callable[..., Path]:
    return lambda graph, path, **options: _write_rdf(graph, path, fmt, **options)


def _rdf_reader(fmt: str) -> Callable[[Path, Any], AllianceGraph]:
    return lambda path, vocabulary: _read_rdf(path, fmt, vocabulary)


_RDF_EXTENSIONS = ("ttl", "nt", "jsonld", "rdf")

_WRITERS: dict[str, Callable[..., Path]] = {
    "json": _write_json,
    "graphml": _write_graphml,
    "gexf": _write_gexf,
    "csv": _write_csv,
    "nodelink": _write_node_link,
    **{fmt: _rdf_writer(fmt) for fmt in _RDF_EXTENSIONS},
}
_READERS: dict[str, Callable[[Path, Any], AllianceGraph]] = {
    "json": _read_json,
    "graphml": _read_graphml,
    "gexf": _read_gexf,
    "nodelink": _read_node_link,
    **{fmt: _rdf_reader(fmt) for fmt in _RDF_EXTENSIONS},
}
