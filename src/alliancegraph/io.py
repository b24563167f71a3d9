"""Writing and reading graph files, chosen by extension.

================  =========================================
extension         format
================  =========================================
``.json``         the whole graph, lossless (this package's own format)
``.graphml``      GraphML for Gephi, Cytoscape, yEd, igraph
================  =========================================

Every file is written atomically: to a temporary file beside the target,
then renamed over it, so a failed or interrupted write never leaves a
truncated file in place of a good one.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "seed.json"
>>> _ = write_graph(SEED_GRAPH, out)
>>> read_graph(out) == SEED_GRAPH
True
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .exceptions import GraphFormatError, OutputError

if TYPE_CHECKING:
    from .graph import AllianceGraph
    from .vocabulary import Vocabulary

__all__ = ["read_graph", "write_graph"]


def _format_of(path: Path, format: str | None) -> str:
    fmt = (format or path.suffix.lstrip(".")).lower()
    aliases = {"xml": "graphml"}
    return aliases.get(fmt, fmt)


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
    return reader(path, vocabulary)


# ---------------------------------------------------------------- JSON
def _write_json(graph: AllianceGraph, path: Path, **options: Any) -> Path:
    text = json.dumps(graph.to_dict(), indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    return atomic_write(path, lambda f: f.write(text.encode("utf-8")))


def _read_json(path: Path, vocabulary: Vocabulary | None) -> AllianceGraph:
    from .graph import AllianceGraph

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise GraphFormatError(f"{path}: cannot read ({err.strerror})") from err
    except UnicodeDecodeError as err:
        raise GraphFormatError(f"{path}: not UTF-8 text") from err
    except json.JSONDecodeError as err:
        raise GraphFormatError(f"{path}: line {err.lineno}, column {err.colno}: {err.msg}") from err
    if not isinstance(data, dict) or data.get("format") != "alliancegraph":
        raise GraphFormatError(
            f'{path}: not an alliancegraph JSON file (no "format": "alliancegraph")'
        )
    try:
        return AllianceGraph.from_dict(data, vocabulary)
    except (KeyError, TypeError, ValueError) as err:
        raise GraphFormatError(f"{path}: malformed graph data ({err})") from err


# ---------------------------------------------------------------- GraphML
def _flat(value: Any) -> str | int | float | bool | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (tuple, list)):
        if value and not isinstance(value[0], (str, int, float)):
            return json.dumps(
                [v.model_dump(mode="json") if hasattr(v, "model_dump") else v for v in value],
                ensure_ascii=False,
            )
        return "|".join(str(v) for v in value)
    return str(value)


def flat_graph(graph: AllianceGraph) -> Any:
    """A copy of ``graph.nx`` with every attribute a string, number or boolean."""
    import networkx as nx

    flat = nx.MultiDiGraph()
    for node, attrs in sorted(graph.nx.nodes(data=True)):
        flat.add_node(
            node, **{k: f for k, v in sorted(attrs.items()) if (f := _flat(v)) is not None}
        )
    for u, v, key, attrs in sorted(graph.nx.edges(keys=True, data=True), key=lambda e: e[:3]):
        flat.add_edge(
            u, v, key=key, **{k: f for k, v in sorted(attrs.items()) if (f := _flat(v)) is not None}
        )
    return flat


def _write_graphml(graph: AllianceGraph, path: Path, **options: Any) -> Path:
    import networkx as nx

    flat = flat_graph(graph)
    return atomic_write(path, lambda f: nx.write_graphml_xml(flat, f, encoding="utf-8"))


_WRITERS: dict[str, Callable[..., Path]] = {"json": _write_json, "graphml": _write_graphml}
_READERS: dict[str, Callable[[Path, Any], AllianceGraph]] = {"json": _read_json}
