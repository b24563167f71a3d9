"""Fuzz the extractor and the graph readers for as long as you like.

    python tools/fuzz.py --seconds 600          # what ``make fuzz`` runs
    python tools/fuzz.py --seconds 60 --target read

Every input is either an article file (plain text or HTML, read through
:class:`alliancegraph.Corpus` and extracted twice) or a graph file in one of
the readable formats (read with :func:`alliancegraph.io.read_graph`). The
only exceptions allowed are the library's own, subclasses of
:class:`~alliancegraph.AllianceGraphError`; the two extractions of one
article must give the same report. Anything else is a crash: its input is
saved under ``--crashes`` (default ``out/fuzz-crashes/``) and the run goes on, so
one run counts every distinct crash.

With atheris installed (``pip install atheris``; ``make fuzz`` does it) the
inputs come from libFuzzer's coverage-guided mutations of the seed articles,
our own test articles and the seed graph written in every format. Without it,
a Hypothesis loop mutates the same seeds (splices, deletions, repeated and
random bytes) for the same time. Both end with one line::

    fuzz: 123456 inputs in 600 s (atheris), 0 crashes
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_DIRS = (ROOT / "data" / "seed_articles", ROOT / "tests" / "articles")
ONE_ARTICLE = ROOT / "data" / "seed_articles" / "000_9468f97f7389ab17.txt"

# The first byte of an input chooses what the rest is; the suffix decides how
# alliancegraph reads it.
KINDS: tuple[str, ...] = (
    ".txt",
    ".html",
    ".json",
    ".graphml",
    ".gexf",
    ".ttl",
    ".nt",
    ".jsonld",
    ".rdf",
    ".nodelink.json",
)
ARTICLE_KINDS = frozenset({".txt", ".html"})


class Harness:
    """Runs one input, counts inputs and keeps every distinct crash."""

    def __init__(self, crashes: Path, kinds: Sequence[str]) -> None:
        from alliancegraph import Corpus, Extractor

        self.kinds = tuple(kinds)
        self.workdir = Path(tempfile.mkdtemp(prefix="alliancegraph-fuzz-"))
        self.crashes = crashes
        self.corpus = Corpus([])
        self.extractor = Extractor(self.corpus.vocabulary)
        self.inputs = 0
        self.signatures: dict[str, Path] = {}

    def __call__(self, data: bytes) -> None:
        self.inputs += 1
        if not data:
            return
        kind = self.kinds[data[0] % len(self.kinds)]
        try:
            self.run(kind, data[1:])
        except Exception as err:
            self.crash(data, err)

    def run(self, kind: str, payload: bytes) -> None:
        from alliancegraph import AllianceGraphError
        from alliancegraph.io import read_graph

        path = self.workdir / f"input{kind}"
        path.write_bytes(payload)
        try:
            if kind in ARTICLE_KINDS:
                doc = self.corpus.read(path)
                first = self.extractor.extract(doc).report()
                again = self.extractor.extract(self.corpus.read(path)).report()
                if first != again:
                    raise AssertionError("two extractions of one article differ")
            else:
                read_graph(path)
        except AllianceGraphError:
            pass

    def crash(self, data: bytes, err: Exception) -> None:
        frame = traceback.extract_tb(err.__traceback__)[-1]
        signature = f"{type(err).__name__} at {Path(frame.filename).name}:{frame.lineno}"
        if signature in self.signatures:
            return
        self.crashes.mkdir(parents=True, exist_ok=True)
        saved = self.crashes / f"crash-{hashlib.sha1(data).hexdigest()[:16]}"
        saved.write_bytes(data)
        self.signatures[signature] = saved
        print(f"fuzz: crash {signature}: {err!r} (input saved to {saved})", file=sys.stderr)


def seeds(kinds: Sequence[str]) -> list[bytes]:
    """Starting inputs: real articles and a small graph written in every format."""
    from alliancegraph import build_graph

    out: list[bytes] = []
    articles = [p.read_bytes() for folder in ARTICLE_DIRS for p in sorted(folder.glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        # A graph of one article's first paragraphs: every format stays a few
        # kilobytes, so each input parses fast and mutations reach its structure.
        short = Path(tmp) / "short.txt"
        short.write_bytes(ONE_ARTICLE.read_bytes()[:1500])
        graph = build_graph(short)
        for index, kind in enumerate(kinds):
            tag = bytes([index])
            if kind == ".txt":
                out.extend(tag + text for text in articles)
            elif kind == ".html":
                out.extend(tag + _as_html(text) for text in articles[:5])
            else:
                path = Path(tmp) / f"seed{kind}"
                graph.write(path)
                out.append(tag + path.read_bytes())
    return out


def _as_html(text: bytes) -> bytes:
    paragraphs = b"".join(b"<p>" + line + b"</p>\n" for line in text.splitlines() if line)
    return b"<html><head><title>t</title></head><body><article>" + paragraphs + b"</article>"


# ---------------------------------------------------------------- engines
def fuzz_with_atheris(harness: Harness, seconds: float, corpus_dir: Path) -> None:
    import atheris

    corpus_dir.mkdir(parents=True, exist_ok=True)
    for data in seeds(harness.kinds):
        (corpus_dir / hashlib.sha1(data).hexdigest()).write_bytes(data)
    deadline = time.monotonic() + seconds

    def one_input(data: bytes) -> None:
        if time.monotonic() > deadline:
            # libFuzzer's own time limit ends the process without a word
            # from Python; stopping here prints the summary first.
            report(harness, seconds, "atheris")
            os._exit(1 if harness.signatures else 0)
        harness(data)

    args = [
        sys.argv[0],
        str(corpus_dir),
        f"-max_total_time={int(seconds) + 60}",
        "-timeout=60",
        "-max_len=262144",
        "-rss_limit_mb=4096",
        "-print_final_stats=0",
    ]
    atheris.Setup(args, one_input)
    atheris.Fuzz()


def fuzz_with_hypothesis(harness: Harness, seconds: float) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    starts = seeds(harness.kinds)

    @st.composite
    def mutated(draw: Any) -> bytes:
        data = bytearray(draw(st.sampled_from(starts)))
        for _ in range(draw(st.integers(0, 8))):
            at = draw(st.integers(1, max(1, len(data))))
            action = draw(st.sampled_from(["insert", "delete", "repeat", "splice", "byte"]))
            if action == "insert":
                data[at:at] = draw(st.binary(max_size=64))
            elif action == "delete":
                del data[at : at + draw(st.integers(1, 4096))]
            elif action == "repeat":
                data[at:at] = bytes(data[at : at + 64]) * draw(st.integers(2, 200))
            elif action == "splice":
                other = draw(st.sampled_from(starts))
                data[at:] = other[draw(st.integers(1, max(1, len(other) - 1))) :]
            elif at < len(data):
                data[at] = draw(st.integers(0, 255))
        return bytes(data)

    deadline = time.monotonic() + seconds

    @settings(
        max_examples=500,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(mutated() | st.binary(max_size=4096))
    def batch(data: bytes) -> None:
        if time.monotonic() < deadline:
            harness(data)

    while time.monotonic() < deadline:
        batch()
    report(harness, seconds, "hypothesis")


def report(harness: Harness, seconds: float, engine: str) -> None:
    crashes = len(harness.signatures)
    print(
        f"fuzz: {harness.inputs} inputs in {seconds:g} s ({engine}), {crashes} crashes",
        flush=True,
    )
    for signature, saved in sorted(harness.signatures.items()):
        print(f"fuzz:   {signature}: {saved}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600, help="how long to fuzz")
    parser.add_argument(
        "--target",
        choices=["all", "extract", "read"],
        default="all",
        help="articles through the extractor, graph files through the readers, or both",
    )
    parser.add_argument("--crashes", type=Path, default=Path("out/fuzz-crashes"))
    parser.add_argument(
        "--engine",
        choices=["auto", "atheris", "hypothesis"],
        default="auto",
        help="atheris when installed (auto), or the Hypothesis fallback",
    )
    args = parser.parse_args(argv)
    # The library logs every bad input; a fuzzer makes millions of them.
    logging.disable(logging.CRITICAL)
    kinds = {
        "all": KINDS,
        "extract": tuple(k for k in KINDS if k in ARTICLE_KINDS),
        "read": tuple(k for k in KINDS if k not in ARTICLE_KINDS),
    }[args.target]
    engine = args.engine
    if engine == "auto":
        engine = "atheris" if importlib.util.find_spec("atheris") else "hypothesis"
        if engine == "hypothesis":
            print("fuzz: atheris is not installed; using the Hypothesis loop", file=sys.stderr)
    if engine == "atheris":
        import atheris

        with atheris.instrument_imports(include=["alliancegraph"]):
            import alliancegraph.extraction
            import alliancegraph.io
            import alliancegraph.rdf  # noqa: F401
        harness = Harness(args.crashes, kinds)
        fuzz_with_atheris(harness, args.seconds, harness.workdir / "corpus")
    else:
        harness = Harness(args.crashes, kinds)
        fuzz_with_hypothesis(harness, args.seconds)
    return 1 if harness.signatures else 0


if __name__ == "__main__":
    sys.exit(main())
