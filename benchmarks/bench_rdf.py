"""Turtle throughput: alliancegraph's writer and reader beside pyoxigraph's.

:func:`run` builds a large synthetic graph by replaying the seed articles'
extractions under new article ids (every copy adds its own evidence, articles
and provenance triples), then times

* ``write``: :func:`alliancegraph.rdf.write_rdf` to Turtle, streaming from
  the graph;
* ``read``: :func:`alliancegraph.rdf.read_rdf` of that file back into an
  ``AllianceGraph`` (parsing and rebuilding the graph);
* ``pyoxigraph_write`` / ``pyoxigraph_read``: pyoxigraph serialising the same
  triples from a ready list, and iterating over its parse of the file, as the
  yardstick (neither builds or reads an AllianceGraph);
* ``write_peak_mb``: memory allocated by Python while writing (tracemalloc),
  which stays small because no copy of the graph is built;
* ``read_peak_rss_mb`` / ``read_fresh_triples_per_s``: the peak resident
  memory and the speed of :func:`~alliancegraph.rdf.read_rdf` in a fresh
  process that does nothing else, so the peak is the reading's own (the
  interpreter and the graph read back included).

Rates are per wall-clock second, and again per CPU second of this process
(``*_per_cpu_s``), which others' load on a shared machine barely changes.

Usage::

    python benchmarks/bench_rdf.py 1000              # prints the report as JSON
    python benchmarks/bench_rdf.py --graph G.json    # the same report for a saved graph
    python benchmarks/bench_rdf.py --read FILE.ttl   # one fresh read: seconds, peak RSS
"""

from __future__ import annotations

import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "data" / "seed_articles"

#: Copies of the seed articles beyond this are not made: at ~800 triples per
#: article, 2,000 articles already give well over a million triples.
MAX_ARTICLES = 2000


def synthetic_graph(n_articles: int) -> Any:
    """A graph of ``n_articles`` articles: the seed extractions replayed under new ids."""
    from alliancegraph import AllianceGraph, load_corpus
    from alliancegraph.extraction import Extractor

    corpus = load_corpus(SEED_DIR)
    extractor = Extractor(corpus.vocabulary)
    seeds = [extractor.extract(doc) for doc in corpus]
    graph = AllianceGraph(corpus.vocabulary)
    for i in range(n_articles):
        seed = seeds[i % len(seeds)]
        article_id = f"{seed.article.id}-{i:06d}"
        relations = tuple(
            r.model_copy(
                update={
                    "evidence": tuple(
                        e.model_copy(update={"article": article_id}) for e in r.evidence
                    )
                }
            )
            for r in seed.relations
        )
        graph.add(
            seed.model_copy(
                update={
                    "article": seed.article.model_copy(update={"id": article_id}),
                    "relations": relations,
                }
            )
        )
    return graph


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    result, seconds, _ = _timed_cpu(fn)
    return result, seconds


def _timed_cpu(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """``fn()``, its wall-clock seconds and the CPU seconds of this process."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - start, time.process_time() - cpu


def read_once(path: Path) -> dict[str, float]:
    """Read ``path`` with :func:`~alliancegraph.rdf.read_rdf`: seconds and peak RSS (MB)."""
    from alliancegraph.rdf import read_rdf

    start = time.perf_counter()
    read_rdf(path)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_rss_mb": _peak_rss_mb()}


def _peak_rss_mb() -> float:
    # On Linux a child's ru_maxrss starts at its parent's peak (it is kept
    # across fork and exec), so the process's own high-water mark is read.
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def _read_in_fresh_process(path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--read", str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def run(n_articles: int) -> dict[str, Any]:
    """Throughput report (JSON-ready) for a synthetic graph of ``n_articles`` articles."""
    used = min(n_articles, MAX_ARTICLES)
    graph, build_s = _timed(lambda: synthetic_graph(used))
    return {
        "articles_requested": n_articles,
        "articles": used,
        "build_graph_s": round(build_s, 2),
        **measure(graph),
    }


def measure(graph: Any) -> dict[str, Any]:
    """Turtle write and read figures for ``graph``, beside pyoxigraph's."""
    import pyoxigraph

    from alliancegraph.rdf import read_rdf, write_rdf

    with tempfile.TemporaryDirectory() as tmp:
        ours = Path(tmp) / "graph.ttl"
        _, write_s, write_cpu = _timed_cpu(lambda: write_rdf(graph, ours))
        # Measured apart: tracemalloc slows allocation-heavy code several times over.
        tracemalloc.start()
        write_rdf(graph, ours)
        _, write_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        read_back, read_s, read_cpu = _timed_cpu(
            lambda: read_rdf(ours, vocabulary=graph.vocabulary)
        )
        lossless = read_back == graph
        del read_back
        fresh = _read_in_fresh_process(ours)
        turtle = pyoxigraph.RdfFormat.TURTLE
        count, ox_read_s, ox_read_cpu = _timed_cpu(
            lambda: sum(1 for _ in pyoxigraph.parse(path=ours, format=turtle))
        )
        triples = [q.triple for q in pyoxigraph.parse(path=ours, format=turtle)]
        theirs = Path(tmp) / "pyoxigraph.ttl"
        _, ox_write_s, ox_write_cpu = _timed_cpu(
            lambda: pyoxigraph.serialize(triples, str(theirs), turtle)
        )
        size_mb = ours.stat().st_size / 1e6

    def rate(seconds: float) -> int:
        return round(count / seconds) if seconds else 0

    return {
        "nodes": graph.nx.number_of_nodes(),
        "edges": graph.nx.number_of_edges(),
        "evidence": sum(len(e) for _, _, e in graph.nx.edges(data="evidence")),
        "triples": count,
        "turtle_mb": round(size_mb, 1),
        "write_s": round(write_s, 3),
        "read_s": round(read_s, 3),
        "write_triples_per_s": rate(write_s),
        "read_triples_per_s": rate(read_s),
        "pyoxigraph_write_triples_per_s": rate(ox_write_s),
        "pyoxigraph_read_triples_per_s": rate(ox_read_s),
        "write_vs_pyoxigraph": round(write_s / ox_write_s, 2) if ox_write_s else None,
        "read_vs_pyoxigraph": round(read_s / ox_read_s, 2) if ox_read_s else None,
        "write_triples_per_cpu_s": rate(write_cpu),
        "read_triples_per_cpu_s": rate(read_cpu),
        "pyoxigraph_write_triples_per_cpu_s": rate(ox_write_cpu),
        "pyoxigraph_read_triples_per_cpu_s": rate(ox_read_cpu),
        "write_vs_pyoxigraph_cpu": round(write_cpu / ox_write_cpu, 2) if ox_write_cpu else None,
        "write_peak_mb": round(write_peak / 1e6, 1),
        "read_fresh_triples_per_s": rate(fresh["seconds"]),
        "read_peak_rss_mb": round(fresh["peak_rss_mb"], 1),
        "round_trip_equal": lossless,
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--read"]:
        print(json.dumps(read_once(Path(sys.argv[2]))))
    elif sys.argv[1:2] == ["--graph"]:
        from alliancegraph.io import read_graph

        print(json.dumps(measure(read_graph(Path(sys.argv[2]))), indent=2))
    else:
        size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
        print(json.dumps(run(size), indent=2))
