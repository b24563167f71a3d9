"""Building a graph from a corpus: in one process, on a process pool, or on a Dask cluster.

Every way of building reads the files lazily and merges the extractions into
the graph in corpus order, so the graph (and ``graph.problems``) is the same
whichever way it was built. Parallel builds send file *paths* to the workers;
each worker reads, cleans and extracts its files and sends back the
extraction, so no process ever holds the whole corpus in memory, and at most a
few chunks per worker are in flight at any time.

>>> g = build_graph(SEED_DIR)
>>> len(g.articles)
5
>>> build_graph(SEED_DIR, workers=2, progress=False) == g
True
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._gc import paused
from .corpus import Corpus, load_corpus
from .exceptions import AllianceGraphError, CorpusError
from .extraction import Extractor
from .graph import AllianceGraph
from .models import ArticleExtraction
from .vocabulary import Vocabulary

if TYPE_CHECKING:
    from tqdm import tqdm

__all__ = ["build_graph"]

log = logging.getLogger(__name__)
_corpus_log = logging.getLogger(Corpus.__module__)

Source = Corpus | str | os.PathLike[str] | Iterable[str | os.PathLike[str]]

#: What a worker sends back for one file: the extraction (None if the file
#: could not be read) and the problems found, as ``(path, reason)`` pairs so
#: they cross process boundaries whatever the exception class pickles like.
_Result = tuple[ArticleExtraction | None, list[tuple[str, str]]]
_Results = Generator[_Result, None, None]

#: Chunks in flight per worker: enough to keep every worker busy while the
#: parent merges, few enough that memory stays flat on any corpus size.
_CHUNKS_IN_FLIGHT = 4


def build_graph(
    source: Source,
    *,
    vocabulary: Vocabulary | None = None,
    strict: bool = False,
    workers: int = 1,
    client: Any = None,
    progress: bool | None = None,
) -> AllianceGraph:
    """Read every article of ``source`` and merge what they say into one graph.

    Parameters
    ----------
    source
        A :class:`~alliancegraph.corpus.Corpus` or paths to files and folders.
    vocabulary
        The vocabulary to extract with (default: the corpus's, or the packaged one).
    strict
        Raise :class:`~alliancegraph.exceptions.CorpusError` at the first file
        that cannot be read, instead of reporting it in ``graph.problems``.
    workers
        Processes to extract with; 1 extracts in this process, 0 or a negative
        number means one per CPU.
    client
        A ``dask.distributed.Client``, or the address of a Dask scheduler to
        connect to for this build: extract on that cluster (every worker must
        see the article files under the same paths).
    progress
        Show a progress bar on standard error (a widget in notebooks); the
        default shows one only when standard error is a terminal.

    Returns
    -------
    AllianceGraph
        The same graph whichever way it was built, with ``problems`` listing
        the unreadable files in corpus order.

    Examples
    --------
    >>> g = build_graph(SEED_DIR, progress=False)
    >>> g.problems
    []
    >>> g == SEED_GRAPH
    True
    """
    corpus = (
        source
        if isinstance(source, Corpus)
        else load_corpus(source, vocabulary=vocabulary, strict=strict)
    )
    extractor = Extractor(vocabulary or corpus.vocabulary)
    graph = AllianceGraph(extractor.vocabulary)
    if workers < 1:
        workers = os.cpu_count() or 1
    files = corpus.files
    reader = _Reader(extractor, corpus.vocabulary, corpus.max_bytes)
    with contextlib.ExitStack() as stack:
        if isinstance(client, str):
            client = stack.enter_context(_connect(client))
        _merge(graph, corpus, reader, files, workers, client, progress)
    graph.problems = list(corpus.problems)
    # A graph is built to be asked: the indexes cost a few seconds at 100,000
    # articles, paid here rather than by whichever query comes first.
    graph.prepare_queries()
    log.info("built %r", graph)
    return graph


def _merge(
    graph: AllianceGraph,
    corpus: Corpus,
    reader: _Reader,
    files: Sequence[Path],
    workers: int,
    client: Any,
    progress: bool | None,
) -> None:
    """Extract every file the chosen way and add the results to ``graph`` in corpus order."""
    if client is not None:
        results = _dask_results(client, reader, files)
    elif workers > 1 and len(files) > 1:
        results = _pool_results(workers, reader, files)
    else:
        results = _serial_results(reader, files)
    bar = _progress_bar(len(files), progress)
    # Closed explicitly so that an error (strict mode) stops the workers now,
    # not when the traceback holding this frame is freed.
    # The collector would walk the growing graph again and again (millions of
    # objects at 100,000 articles) and find nothing: merged facts hold no cycles.
    with contextlib.closing(results), bar or contextlib.nullcontext(), paused():
        seen: set[tuple[str, str]] = set()
        for extraction, problems in results:
            for problem in problems:
                # A bad manifest is found by every worker that reads its
                # folder; the serial build reports it once, at its first file.
                if problem not in seen:
                    seen.add(problem)
                    _report(corpus, CorpusError(*problem))
            if extraction is not None:
                graph.add(extraction)
            if bar is not None:
                bar.update()


def _report(corpus: Corpus, problem: CorpusError) -> None:
    if corpus.strict:
        raise problem
    # Logged where the serial reader logs it, so callers that quieten the
    # corpus logger (the command line reports problems itself) see it once.
    _corpus_log.warning("%s", problem)
    corpus.problems.append(problem)


def _connect(address: str) -> Any:
    try:
        from dask import distributed
    except ImportError as err:
        raise AllianceGraphError(
            "building on a Dask cluster needs dask.distributed: pip install 'alliancegraph[dask]'"
        ) from err
    try:
        client_class: Any = distributed.Client
        return client_class(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as err:
        raise AllianceGraphError(
            f"cannot connect to the Dask scheduler at {address!r} ({err}); "
            "check the address, or start one with `dask scheduler`"
        ) from err


# ------------------------------------------------------------------ workers
class _Reader:
    """Reads and extracts files one by one (the work of every way of building)."""

    def __init__(self, extractor: Extractor, vocabulary: Vocabulary, max_bytes: int) -> None:
        self.extractor = extractor
        # A corpus of its own, never strict: problems go back to the parent,
        # which raises or records them in corpus order.
        self.corpus = Corpus([], vocabulary=vocabulary, max_bytes=max_bytes)

    def __call__(self, paths: Iterable[Path]) -> list[_Result]:
        # Reading, like extracting, makes many short-lived objects and no cycles.
        with paused():
            return self._read_all(paths)

    def _read_all(self, paths: Iterable[Path]) -> list[_Result]:
        out: list[_Result] = []
        problems = self.corpus.problems
        for path in paths:
            before = len(problems)
            try:
                doc = self.corpus.read(path)
            except CorpusError as err:
                out.append((None, [_pair(p) for p in (*problems[before:], err)]))
                continue
            try:
                extraction = self.extractor.extract(doc)
            except Exception as err:  # a bug must cost one file, not the build
                log.exception("%s: extraction failed", path)
                failed = CorpusError(str(path), f"extraction failed ({type(err).__name__}: {err})")
                out.append((None, [_pair(p) for p in (*problems[before:], failed)]))
                continue
            out.append((extraction, [_pair(p) for p in problems[before:]]))
        del problems[:]
        return out

    def __reduce__(self) -> tuple[type[_Reader], tuple[Extractor, Vocabulary, int]]:
        # Rebuilt fresh on the other side: no cached manifests, no problems.
        return (_Reader, (self.extractor, self.corpus.vocabulary, self.corpus.max_bytes))


def _pair(problem: CorpusError) -> tuple[str, str]:
    return (problem.path, problem.reason)


def _serial_results(reader: _Reader, files: Sequence[Path]) -> _Results:
    for path in files:
        yield from reader([path])


_WORKER_READER: _Reader | None = None


def _init_worker(reader: _Reader) -> None:
    global _WORKER_READER
    _WORKER_READER = reader


def _read_in_worker(paths: Sequence[Path]) -> list[_Result]:
    assert _WORKER_READER is not None, "worker started without its reader"
    return _WORKER_READER(paths)


def _run_reader(reader: _Reader, paths: Sequence[Path]) -> list[_Result]:
    return reader(paths)


def _chunks(files: Sequence[Path], size: int) -> Iterator[Sequence[Path]]:
    for start in range(0, len(files), size):
        yield files[start : start + size]


def _chunk_size(n_files: int, workers: int) -> int:
    # Big enough to amortise a round trip, small enough to balance the load
    # and keep the progress bar moving.
    return max(1, min(64, n_files // (workers * _CHUNKS_IN_FLIGHT * 4) or 1))


def _in_order(
    submit: Callable[[Sequence[Path]], Future[list[_Result]]],
    chunks: Iterator[Sequence[Path]],
    window: int,
) -> _Results:
    """Results chunk by chunk in submission order, with at most ``window`` chunks pending."""
    pending: deque[Future[list[_Result]]] = deque()
    try:
        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _pool_context() -> multiprocessing.context.BaseContext:
    # Forking a process that runs threads (a Dask client, a notebook kernel)
    # can deadlock; a fork server starts workers from a clean process.
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Imported once in the server, so every worker starts with the package loaded
    # (no effect if the server is already running).
    context.set_forkserver_preload([__name__])
    return context


def _pool_results(workers: int, reader: _Reader, files: Sequence[Path]) -> _Results:
    workers = min(workers, len(files))
    size = _chunk_size(len(files), workers)
    log.info("extracting %d files on %d processes, %d per chunk", len(files), workers, size)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_pool_context(),
        initializer=_init_worker,
        initargs=(reader,),
    ) as pool:
        yield from _in_order(
            lambda chunk: pool.submit(_read_in_worker, chunk),
            _chunks(files, size),
            workers * _CHUNKS_IN_FLIGHT,
        )


def _dask_results(client: Any, reader: _Reader, files: Sequence[Path]) -> _Results:
    # Scattered once and kept on every worker, so each worker compiles the
    # automata once and reuses them for every chunk.
    [remote] = client.scatter([reader], broadcast=True, hash=False)
    threads = sum(client.nthreads().values()) or 1
    size = _chunk_size(len(files), threads)
    log.info("extracting %d files on a Dask cluster of %d threads", len(files), threads)
    yield from _in_order(
        lambda chunk: client.submit(_run_reader, remote, list(chunk), pure=False),
        _chunks(files, size),
        threads * _CHUNKS_IN_FLIGHT,
    )


# ------------------------------------------------------------------ progress
def _progress_bar(total: int, progress: bool | None) -> tqdm[Any] | None:
    delay = 0.0
    if progress is None:
        progress = _watched()
        # Unasked for, a bar only appears once the work has taken a while.
        delay = 2.0
    if not progress:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="article", desc="building", file=sys.stderr, delay=delay)


def _watched() -> bool:
    """Whether a person is likely watching: a terminal, or a notebook that can draw widgets."""
    try:
        if sys.stderr is not None and sys.stderr.isatty():
            return True
    except (AttributeError, ValueError):  # replaced or closed streams
        return False
    if "ipykernel" in sys.modules:
        import importlib.util

        return importlib.util.find_spec("ipywidgets") is not None
    return False
