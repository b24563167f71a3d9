"""The performance harness behind ``make bench``.

For each corpus size N (default 1,000, 10,000 and 100,000 articles) it
generates a synthetic corpus once (cached under ``benchmarks/results/cache``),
then measures, in a fresh process per N so that peak memory does not mix:

* the end-to-end build, files to graph plus Turtle, on a process pool;
* extraction on one core (a sample of the corpus), articles/s and MB/s, against
  one Aho-Corasick pass of the same vocabulary over the same text (the floor);
* graph assembly against networkx ``add_edges_from`` of the same edges;
* Turtle, GraphML and JSON writing and reading, and Turtle against pyoxigraph
  serialising and parsing the same triples;
* the latency of every query helper the graph has;
* peak resident memory of the build process and of its largest worker;
* a rough precision/recall against the generator's truth (a sanity check).

Figures go to standard output and to ``benchmarks/results/bench-<time>.json``
(and ``latest.json``). If ``benchmarks/bench_rdf.py`` is there, its
``run(n_articles)`` report is included under ``"rdf"``.

Usage::

    python benchmarks/run.py                      # N = 1,000, 10,000, 100,000
    python benchmarks/run.py --sizes 1000 10000   # chosen sizes
    python benchmarks/run.py --sizes 20 --out /tmp/bench --cache /tmp/cache
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib
import itertools
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks import synthetic  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000, 100_000)
#: Articles extracted on one core to measure per-core speed (and the floor).
DEFAULT_SAMPLE = 2_000
#: Triples pyoxigraph parses and writes for the side-by-side rates.
PYOXIGRAPH_CAP = 2_000_000
#: Writes timed on each side of the Turtle comparison; the least CPU time
#: counts. A write's CPU time includes the kernel's work of taking the file
#: into the page cache, which varied from 0.8 s to 3.9 s between three writes
#: of the same 100,000-article graph, more than the difference between the
#: writers; the fastest of a few writes is what each writer itself costs.
OUR_TURTLE_WRITES = 2
PYOXIGRAPH_WRITES = 3
#: Keys every per-size report has (the test suite checks them).
REPORT_KEYS = (
    "n_articles",
    "corpus",
    "build",
    "extraction",
    "assembly",
    "graph",
    "formats",
    "queries",
    "memory",
    "synthetic_accuracy",
    "targets",
)


# ------------------------------------------------------------------ helpers
def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def _cpu_timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """The value, wall-clock seconds and this process's CPU seconds.

    On a shared machine wall-clock time includes others' load; single-process
    stages are rated by CPU time, which does not.
    """
    cpu = time.process_time()
    value, wall = _timed(fn)
    return value, wall, time.process_time() - cpu


def _rate(count: float, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else float("inf")


def _peak_mb(who: int) -> float:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return round(resource.getrusage(who).ru_maxrss * scale / 2**20, 1)


class _DescendantPeaks:
    """Peak resident memory of every process started under this one, polled from /proc.

    ``RUSAGE_CHILDREN`` only sees children that have exited and been waited
    for, and pool workers started by a fork server are not our children at
    all; their own high-water mark (``VmHWM``) is.
    """

    def __init__(self, interval: float = 0.25) -> None:
        import threading

        self.interval = interval
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self.available = Path("/proc/self/status").exists()

    def __enter__(self) -> _DescendantPeaks:
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self.available:
            self._thread.join()

    def _poll(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        parents: dict[int, int] = {}
        cpu: dict[int, float] = {}
        tick = os.sysconf("SC_CLK_TCK")
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                # The command name may hold spaces; the fields after ')' do not.
                fields = stat.rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
                cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
            except (OSError, ValueError, IndexError):
                continue
        ours = {os.getpid()}
        changed = True
        while changed:
            changed = False
            for pid, ppid in parents.items():
                if ppid in ours and pid not in ours:
                    ours.add(pid)
                    changed = True
        ours.discard(os.getpid())
        for pid in ours:
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu.get(pid, 0.0))
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        kb = int(line.split()[1])
                        self.peaks[pid] = max(self.peaks.get(pid, 0), kb)
            except (OSError, ValueError):
                continue

    @property
    def largest_mb(self) -> float:
        return round(max(self.peaks.values(), default=0) / 1024, 1)

    @property
    def cpu_seconds(self) -> float:
        return round(sum(self.cpu.values()), 2)

    @property
    def total_mb(self) -> float:
        return round(sum(self.peaks.values()) / 1024, 1)


def _latency(fn: Callable[[], Any], budget: float = 0.3, max_runs: int = 200) -> dict[str, Any]:
    """First call (builds indexes) and the median of repeated calls, in milliseconds."""
    _, first = _timed(fn)
    times: list[float] = []
    spent = 0.0
    while spent < budget and len(times) < max_runs:
        _, t = _timed(fn)
        times.append(t)
        spent += t
    return {
        "first_ms": round(first * 1e3, 3),
        "median_ms": round(statistics.median(times) * 1e3, 3),
        "runs": len(times),
    }


# --------------------------------------------------------------- stages
def _vocabulary_phrases(vocab: Any) -> list[str]:
    """Every phrase the extractor looks for, for the Aho-Corasick floor."""
    phrases: set[str] = set()
    for s in vocab.states.values():
        phrases.update([s.name, *s.aliases, *s.demonyms, *s.capitals, *s.organs])
    for o in vocab.organizations.values():
        phrases.update([o.name, *o.aliases])
    for p in vocab.persons:
        phrases.update([p.name, *p.aliases])
    for d in vocab.domains.values():
        phrases.update([d.label, *d.alt_labels])
    cues = vocab.cues.model_dump()
    for value in cues.values():
        items: Iterable[Any] = value.keys() if isinstance(value, dict) else value
        if isinstance(value, str):
            continue
        for item in items:
            if isinstance(item, str):
                phrases.add(item.rstrip("*"))
            elif isinstance(item, dict) and isinstance(item.get("phrase"), str):
                phrases.add(item["phrase"])
    return sorted(p.casefold() for p in phrases if p and len(p) > 1)


def _floor(vocab: Any, texts: Sequence[str]) -> dict[str, Any]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    phrases = _vocabulary_phrases(vocab)
    for i, phrase in enumerate(phrases):
        automaton.add_word(phrase, i)
    automaton.make_automaton()

    def scan() -> int:
        hits = 0
        for text in texts:
            for _ in automaton.iter(text.casefold()):
                hits += 1
        return hits

    cpu_before = time.process_time()
    hits, seconds = _timed(scan)
    cpu_s = time.process_time() - cpu_before
    size = sum(len(t.encode("utf-8")) for t in texts)
    return {
        "phrases": len(phrases),
        "matches": hits,
        "seconds": round(seconds, 4),
        "cpu_seconds": round(cpu_s, 4),
        "articles_per_s": _rate(len(texts), seconds),
        "mb_per_s": round(size / 1e6 / seconds, 2),
    }


def _extraction(files: Sequence[Path], sample: int) -> tuple[dict[str, Any], list[Any]]:
    from alliancegraph.corpus import load_corpus
    from alliancegraph.extraction import Extractor

    chosen = list(files[:sample])
    corpus = load_corpus(chosen)
    docs, read_s = _timed(lambda: list(corpus))
    extractor = Extractor(corpus.vocabulary)
    extractor.extract(docs[0])  # compile the automata outside the timing
    cpu_before = time.process_time()
    extractions, extract_s = _timed(lambda: [extractor.extract(d) for d in docs])
    cpu_s = time.process_time() - cpu_before
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    floor = _floor(corpus.vocabulary, [d.text for d in docs])
    report = {
        "sample_articles": len(docs),
        "sample_mb": round(size / 1e6, 2),
        "read_articles_per_s": _rate(len(docs), read_s),
        "seconds": round(extract_s, 3),
        "articles_per_s_per_core": _rate(len(docs), extract_s),
        "mb_per_s_per_core": round(size / 1e6 / extract_s, 3),
        "cpu_seconds": round(cpu_s, 3),
        "articles_per_cpu_second": _rate(len(docs), cpu_s),
        "aho_corasick_floor": floor,
        # CPU time on both sides, so that others' load on the machine cancels.
        "ratio_to_floor": round(cpu_s / max(floor["cpu_seconds"], 1e-9), 1),
    }
    return report, extractions


def _assembly(extractions: Sequence[Any]) -> dict[str, Any]:
    import networkx as nx

    from alliancegraph.graph import AllianceGraph

    def assemble() -> AllianceGraph:
        graph = AllianceGraph()
        for extraction in extractions:
            graph.add(extraction)
        return graph

    graph, ours = _timed(assemble)
    edges = [(u, v, k, dict(d)) for u, v, k, d in graph.nx.edges(keys=True, data=True)]
    _, raw = _timed(lambda: nx.MultiDiGraph().add_edges_from(edges))
    return {
        "articles": len(extractions),
        "edges": len(edges),
        "seconds": round(ours, 4),
        "articles_per_s": _rate(len(extractions), ours),
        "networkx_add_edges_from_seconds": round(raw, 4),
        "ratio_to_networkx": round(ours / raw, 1) if raw else None,
    }


def _graph_size(graph: Any) -> dict[str, Any]:
    kinds: dict[str, int] = {}
    for _, kind in graph.nx.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    predicates: dict[str, int] = {}
    evidence = 0
    for _, _, data in graph.nx.edges(data=True):
        predicates[data["predicate"]] = predicates.get(data["predicate"], 0) + 1
        evidence += len(data["evidence"])
    return {
        "articles": len(graph.articles),
        "nodes": graph.nx.number_of_nodes(),
        "edges": graph.nx.number_of_edges(),
        "evidence": evidence,
        "nodes_by_kind": dict(sorted(kinds.items())),
        "edges_by_predicate": dict(sorted(predicates.items())),
        "problems": len(graph.problems),
    }


def _write(graph: Any, path: Path, writes: int = 1) -> dict[str, Any]:
    """Figures of writing ``graph`` to ``path``: the first write's, and the least
    CPU time of ``writes`` writes (each to a fresh file)."""
    from alliancegraph.exceptions import AllianceGraphError

    try:
        _, seconds, cpu = _cpu_timed(lambda: graph.write(path))
        best = cpu
        for _ in range(writes - 1):
            path.unlink()
            best = min(best, _cpu_timed(lambda: graph.write(path))[2])
    except AllianceGraphError as err:
        return {"error": str(err)}
    size = path.stat().st_size
    return {
        "mb": round(size / 1e6, 2),
        "write_seconds": round(seconds, 3),
        "write_cpu_seconds": round(cpu, 3),
        "writes": writes,
        "best_write_cpu_seconds": round(best, 3),
        "write_mb_per_s": round(size / 1e6 / seconds, 2),
        "write_edges_per_s": _rate(graph.nx.number_of_edges(), seconds),
    }


def _read(graph: Any, path: Path) -> dict[str, Any]:
    from alliancegraph.exceptions import AllianceGraphError
    from alliancegraph.io import read_graph

    try:
        back, seconds, cpu = _cpu_timed(lambda: read_graph(path, vocabulary=graph.vocabulary))
    except AllianceGraphError as err:
        return {"read_error": str(err)}
    size = path.stat().st_size
    return {
        "read_seconds": round(seconds, 3),
        "read_cpu_seconds": round(cpu, 3),
        "read_mb_per_s": round(size / 1e6 / seconds, 2),
        "read_edges_per_s": _rate(graph.nx.number_of_edges(), seconds),
        "round_trip_edges": back.nx.number_of_edges(),
    }


def _write_read(graph: Any, path: Path) -> dict[str, Any]:
    out = _write(graph, path)
    if "error" not in out:
        out.update(_read(graph, path))
    return out


def _turtle_against_pyoxigraph(path: Path, ours: dict[str, Any]) -> dict[str, Any]:
    import pyoxigraph

    turtle = pyoxigraph.RdfFormat.TURTLE
    with path.open("rb") as handle:
        n, _, parse_cpu = _cpu_timed(
            lambda: sum(1 for _ in pyoxigraph.parse(handle, format=turtle))
        )
    # Writing is timed on at most PYOXIGRAPH_CAP triples held in a list: the
    # rate per triple is the same, without tens of millions of objects. Like
    # ours, each write goes to a fresh file beside the graph's.
    with path.open("rb") as handle:
        triples = list(itertools.islice(pyoxigraph.parse(handle, format=turtle), PYOXIGRAPH_CAP))
    theirs = path.with_name("pyoxigraph.ttl")
    write_cpu = float("inf")
    for _ in range(PYOXIGRAPH_WRITES):
        _, _, cpu = _cpu_timed(lambda: pyoxigraph.serialize(triples, theirs, format=turtle))
        write_cpu = min(write_cpu, cpu)
        theirs.unlink()
    # Both sides rated by CPU time, in the same run: others' load cancels.
    out = {
        "triples": n,
        "pyoxigraph_parse_triples_per_s": _rate(n, parse_cpu),
        "pyoxigraph_write_triples_per_s": _rate(len(triples), write_cpu),
    }
    triples = []  # free them before the next stage
    # Ratios of rates: how many times slower than pyoxigraph per triple.
    if "write_cpu_seconds" in ours:
        out["write_triples_per_s"] = _rate(
            n, ours.get("best_write_cpu_seconds", ours["write_cpu_seconds"])
        )
        out["write_triples_per_wall_s"] = _rate(n, ours["write_seconds"])
        out["write_ratio_to_pyoxigraph"] = round(
            out["pyoxigraph_write_triples_per_s"] / out["write_triples_per_s"], 1
        )
    if "read_cpu_seconds" in ours:
        out["read_triples_per_s"] = _rate(n, ours["read_cpu_seconds"])
        out["read_triples_per_wall_s"] = _rate(n, ours["read_seconds"])
        out["read_ratio_to_pyoxigraph"] = round(
            out["pyoxigraph_parse_triples_per_s"] / out["read_triples_per_s"], 1
        )
    return out


def _query_calls(graph: Any) -> dict[str, Callable[[], Any]]:
    """One representative call of each query helper the graph has, on busy arguments."""
    degree: dict[str, int] = {}
    domains: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    for u, v, data in graph.nx.edges(data=True):
        if data["predicate"] != "cooperates_with":
            continue
        for node in (u, v):
            degree[node] = degree.get(node, 0) + 1
        domains[data["domain"]] = domains.get(data["domain"], 0) + 1
        pairs[(u, v)] = pairs.get((u, v), 0) + 1
    if not degree:
        return {}
    state = max(degree, key=lambda s: (degree[s], s)).removeprefix("state:")
    domain = max(domains, key=lambda d: (domains[d], d))
    a, b = (s.removeprefix("state:") for s in max(pairs, key=lambda p: (pairs[p], p)))
    orgs = sorted(n for n, k in graph.nx.nodes(data="kind") if k == "organization")
    calls: dict[str, Callable[[], Any]] = {
        "cooperation(domain)": lambda: graph.cooperation(domain=domain),
        "cooperation(state)": lambda: graph.cooperation(state=state),
        "cooperation(between)": lambda: graph.cooperation(between=(a, b)),
        "partners": lambda: graph.partners(state),
        "domains_between": lambda: graph.domains_between(a, b),
        "agreements": lambda: graph.agreements(party=state),
        "targets": lambda: graph.targets(state),
        "persons": lambda: graph.persons(),
        "states": lambda: graph.states(),
        "summary": lambda: graph.summary(),
        "domain_matrix": lambda: graph.domain_matrix(),
        "state_graph": lambda: graph.state_graph(),
        "subgraph(domain)": lambda: graph.subgraph(domain=domain),
        "ego": lambda: graph.ego(state),
    }
    if orgs:
        org = orgs[0].removeprefix("org:")
        calls["members"] = lambda: graph.members(org)
    return {name: call for name, call in calls.items() if hasattr(graph, name.split("(")[0])}


def _queries(graph: Any) -> dict[str, Any]:
    # Frames are pandas'; importing it (0.4 s) is not a query's cost.
    import pandas  # noqa: F401

    out: dict[str, Any] = {}
    for name, call in _query_calls(graph).items():
        try:
            out[name] = _latency(call)
        except Exception as err:  # a helper under construction must not stop the run
            out[name] = {"error": f"{type(err).__name__}: {err}"}
    return out


def _accuracy(graph: Any, truth: dict[str, Any]) -> dict[str, Any]:
    found = []
    for u, v, data in graph.nx.edges(data=True):
        if data["predicate"] != "cooperates_with":
            continue
        a, b = sorted((u.removeprefix("state:"), v.removeprefix("state:")))
        found.extend((article, a, b, data["domain"]) for article in data["articles"])
    return synthetic.score(truth, found)


def _targets(report: dict[str, Any]) -> dict[str, Any]:
    """The issue's targets, each with the measured figure and whether it is met."""
    ext = report["extraction"]
    build = report["build"]
    mem = report["memory"]
    turtle = report["formats"].get("turtle_vs_pyoxigraph", {})
    queries = [q["median_ms"] for q in report["queries"].values() if "median_ms" in q]
    # Helpers may cache their answers; the first call pays for the indexes.
    first_calls = [q["first_ms"] for q in report["queries"].values() if "first_ms" in q]
    checks: dict[str, Any] = {
        "extraction >= 1000 articles/s per core": ext["articles_per_cpu_second"],
        "extraction within 6x of Aho-Corasick": ext["ratio_to_floor"],
        "files to graph + Turtle < 180 s (100,000 articles)": build["with_turtle_seconds"],
        "peak RSS < 2048 MB": mem["build_total_mb"],
        "Turtle write >= 500,000 triples/s": turtle.get("write_triples_per_s"),
        "Turtle write within 2x of pyoxigraph": turtle.get("write_ratio_to_pyoxigraph"),
        "Turtle read >= 300,000 triples/s": turtle.get("read_triples_per_s"),
        "slowest query helper < 10 ms": max(queries) if queries else None,
        "slowest query helper < 10 ms (first call)": max(first_calls) if first_calls else None,
    }
    limits = {
        "extraction >= 1000 articles/s per core": lambda x: x >= 1000,
        "extraction within 6x of Aho-Corasick": lambda x: x <= 6,
        "files to graph + Turtle < 180 s (100,000 articles)": lambda x: (
            x < 180 if report["n_articles"] >= 100_000 else None
        ),
        "peak RSS < 2048 MB": lambda x: x < 2048,
        "Turtle write >= 500,000 triples/s": lambda x: x >= 500_000,
        "Turtle write within 2x of pyoxigraph": lambda x: x <= 2,
        "Turtle read >= 300,000 triples/s": lambda x: x >= 300_000,
        "slowest query helper < 10 ms": lambda x: x < 10,
        "slowest query helper < 10 ms (first call)": lambda x: x < 10,
    }
    return {
        name: {"measured": value, "met": None if value is None else limits[name](value)}
        for name, value in checks.items()
    }


def measure(n: int, folder: Path, workers: int, sample: int) -> dict[str, Any]:
    """Every figure for one corpus size (run in a fresh process)."""
    from alliancegraph import build_graph

    corpus = synthetic.generate(folder, n)
    articles = folder / "articles"
    size = corpus.bytes
    report: dict[str, Any] = {
        "n_articles": n,
        "load_average_before": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "corpus": {"articles": n, "mb": round(size / 1e6, 1), "folder": str(folder)},
    }
    with tempfile.TemporaryDirectory(prefix="alliancegraph-bench-") as tmp:
        out = Path(tmp)
        # The end-to-end build comes first, so that the peak memory measured
        # after it is the build's own.
        cpu_before = time.process_time()
        with _DescendantPeaks() as workers_memory:
            graph, build_s = _timed(lambda: build_graph(articles, workers=workers, progress=False))
        cpu_s = time.process_time() - cpu_before + workers_memory.cpu_seconds
        formats: dict[str, Any] = {"turtle": _write(graph, out / "graph.ttl", OUR_TURTLE_WRITES)}
        turtle_write_s = formats["turtle"].get("write_seconds", 0.0)
        report["build"] = {
            "workers": workers,
            "seconds": round(build_s, 2),
            "articles_per_s": _rate(n, build_s),
            "articles_per_s_per_worker": _rate(n / workers, build_s),
            "mb_per_s": round(size / 1e6 / build_s, 2),
            # On a shared machine wall-clock time depends on others' load;
            # CPU time (this process and its workers, sampled) much less.
            "cpu_seconds": round(cpu_s, 2),
            "articles_per_cpu_second": _rate(n, cpu_s),
            "turtle_write_seconds": turtle_write_s,
            "with_turtle_seconds": round(build_s + turtle_write_s, 2),
        }
        self_mb = _peak_mb(resource.RUSAGE_SELF)
        if workers_memory.available:
            largest, others = workers_memory.largest_mb, workers_memory.total_mb
        else:  # ru_maxrss of children is the largest one, not their sum
            largest = _peak_mb(resource.RUSAGE_CHILDREN)
            others = largest * workers
        report["memory"] = {
            "build_process_peak_mb": self_mb,
            "largest_worker_peak_mb": largest,
            "worker_processes": len(workers_memory.peaks),
            # Peaks need not coincide, so the sum is an upper bound.
            "build_total_mb": round(self_mb + others, 1),
        }
        if "error" not in formats["turtle"]:
            formats["turtle"].update(_read(graph, out / "graph.ttl"))
        report["graph"] = _graph_size(graph)
        report["synthetic_accuracy"] = _accuracy(graph, dict(corpus.truth))
        if "error" not in formats["turtle"]:
            formats["turtle_vs_pyoxigraph"] = _turtle_against_pyoxigraph(
                out / "graph.ttl", formats["turtle"]
            )
        formats["graphml"] = _write_read(graph, out / "graph.graphml")
        formats["json"] = _write_read(graph, out / "graph.json")
        report["formats"] = formats
        report["queries"] = _queries(graph)
        del graph
        gc.collect()
    report["extraction"], extractions = _extraction(corpus.files, min(n, sample))
    report["assembly"] = _assembly(extractions)
    report["targets"] = _targets(report)
    return report


def _rdf_report(n: int) -> dict[str, Any]:
    try:
        module = importlib.import_module("benchmarks.bench_rdf")
    except ImportError as err:
        return {"error": f"benchmarks/bench_rdf.py not available ({err})"}
    result: dict[str, Any] = module.run(n)
    return result


# ------------------------------------------------------------------ driver
def _child(args: list[str]) -> dict[str, Any]:
    """Run this script in a fresh interpreter and return the JSON it prints."""
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-2000:]}"}
    try:
        result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": f"no report in output: {proc.stdout[-500:]!r} {proc.stderr[-1500:]!r}"}
    return result


def _environment() -> dict[str, Any]:
    import alliancegraph

    versions = {}
    for name in ("networkx", "rdflib", "pyoxigraph", "pydantic", "ahocorasick", "dask"):
        try:
            module = importlib.import_module(name)
            versions[name] = getattr(module, "__version__", "?")
        except ImportError:
            versions[name] = None
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "alliancegraph": alliancegraph.__version__,
        "commit": commit or None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        # Others' work on a shared machine shows here; the ratios cancel most of it.
        "load_average": [round(x, 2) for x in os.getloadavg()]
        if hasattr(os, "getloadavg")
        else None,
        "versions": versions,
    }


def _line(label: str, value: Any, unit: str = "") -> str:
    if isinstance(value, float):
        value = f"{value:,.1f}" if value >= 10 else f"{value:,.3f}"
    elif isinstance(value, int):
        value = f"{value:,}"
    return f"  {label:<44} {value} {unit}".rstrip()


def _print(report: dict[str, Any]) -> None:
    n = report["n_articles"]
    print(f"\n== N = {n:,} articles ({report['corpus']['mb']} MB) ==")
    if "error" in report:
        print(f"  failed: {report['error']}")
        return
    b, e, a = report["build"], report["extraction"], report["assembly"]
    floor = e["aho_corasick_floor"]
    print(_line(f"build on {b['workers']} workers", b["seconds"], "s"))
    print(_line("build + Turtle", b["with_turtle_seconds"], "s"))
    print(_line("build throughput", b["articles_per_s"], "articles/s"))
    print(_line("build per CPU second (all processes)", b["articles_per_cpu_second"], "articles"))
    per_core = f"extraction per core ({e['sample_articles']} articles)"
    print(_line(per_core, e["articles_per_s_per_core"], "articles/s (wall clock)"))
    print(_line("extraction per CPU second", e["articles_per_cpu_second"], "articles"))
    print(_line("extraction per core", e["mb_per_s_per_core"], "MB/s"))
    print(_line("Aho-Corasick floor", floor["mb_per_s"], "MB/s"))
    print(_line("extraction / floor", e["ratio_to_floor"], "x"))
    print(_line("assembly / networkx add_edges_from", a["ratio_to_networkx"], "x"))
    m = report["memory"]
    print(_line("peak RSS: build process", m["build_process_peak_mb"], "MB"))
    print(_line("peak RSS: largest worker", m["largest_worker_peak_mb"], "MB"))
    g = report["graph"]
    print(_line("graph", f"{g['nodes']:,} nodes, {g['edges']:,} edges, {g['evidence']:,} evidence"))
    for fmt, f in report["formats"].items():
        if fmt == "turtle_vs_pyoxigraph":
            if "write_triples_per_s" in f:
                print(_line("Turtle write", f["write_triples_per_s"], "triples per CPU-s"))
            if "read_triples_per_s" in f:
                print(_line("Turtle read", f["read_triples_per_s"], "triples per CPU-s"))
            print(
                _line("pyoxigraph write", f["pyoxigraph_write_triples_per_s"], "triples per CPU-s")
            )
            print(
                _line("pyoxigraph parse", f["pyoxigraph_parse_triples_per_s"], "triples per CPU-s")
            )
            if "write_ratio_to_pyoxigraph" in f:
                print(_line("Turtle write / pyoxigraph", f["write_ratio_to_pyoxigraph"], "x"))
        elif "error" in f:
            print(_line(f"{fmt}", f["error"]))
        else:
            read = f.get("read_mb_per_s", f.get("read_error", "-"))
            label = f"{fmt} write / read ({f['mb']} MB)"
            print(_line(label, f"{f['write_mb_per_s']} / {read}", "MB/s"))
    for name, q in report["queries"].items():
        shown = (
            f"{q['median_ms']} ms (first {q['first_ms']} ms)" if "median_ms" in q else q["error"]
        )
        print(_line(f"query {name}", shown))
    s = report["synthetic_accuracy"]
    print(_line("synthetic precision / recall", f"{s['precision']} / {s['recall']}"))
    print("  targets:")
    for name, t in report["targets"].items():
        mark = {True: "met", False: "MISSED", None: "n/a"}[t["met"]]
        print(f"    {mark:<7} {name}: {t['measured']}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample", type=int, default=DEFAULT_SAMPLE)
    parser.add_argument("--cache", type=Path, default=HERE / "results" / "cache")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--no-rdf", action="store_true", help="skip benchmarks/bench_rdf.py")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rdf", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure is not None:  # child: one size, JSON on the last line
        folder = args.cache / f"n{args.measure}"
        print(json.dumps(measure(args.measure, folder, args.workers, args.sample)))
        return 0
    if args.rdf is not None:
        print(json.dumps(_rdf_report(args.rdf)))
        return 0

    started = datetime.datetime.now(datetime.timezone.utc)
    results: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "environment": _environment(),
        "sizes": {},
    }
    print(f"alliancegraph benchmark, {results['environment']['cpus']} CPUs, workers={args.workers}")
    for n in args.sizes:
        folder = args.cache / f"n{n}"
        _, gen_s = _timed(lambda: synthetic.generate(folder, n))  # noqa: B023
        common = ["--cache", str(args.cache), "--workers", str(args.workers)]
        report = _child([*common, "--sample", str(args.sample), "--measure", str(n)])
        report.setdefault("n_articles", n)
        report.setdefault("corpus", {"mb": "?"})
        report["corpus"]["generate_seconds"] = round(gen_s, 2)
        if not args.no_rdf:
            report["rdf"] = _child([*common, "--rdf", str(n)])
        results["sizes"][str(n)] = report
        _print(report)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    text = json.dumps(results, indent=1) + "\n"
    for name in (f"bench-{stamp}.json", "latest.json"):
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"\nwrote {args.out / f'bench-{stamp}.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
