"""The ``alliancegraph`` command line: a thin layer over the library.

Every subcommand calls the same functions a notebook would; this module only
parses arguments, prints results and turns the library's errors into one-line
messages and exit codes (0 success, 1 some inputs failed, 2 error, 130
interrupted). ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ._version import __version__
from .exceptions import AllianceGraphError, OutputError

__all__ = ["main"]

GRAPH_SUFFIXES = frozenset({".json", ".graphml", ".ttl", ".nt", ".jsonld", ".rdf", ".gexf"})


def _vocabulary(args: argparse.Namespace) -> Any:
    from .vocabulary import Vocabulary

    return Vocabulary.load(*args.vocabulary) if args.vocabulary else Vocabulary.default()


def _graph_from(args: argparse.Namespace, source: Sequence[str]) -> Any:
    """A graph read from a graph file, or built from article files and folders."""
    from .build import build_graph
    from .io import read_graph

    if (
        len(source) == 1
        and Path(source[0]).is_file()
        and Path(source[0]).suffix.lower() in GRAPH_SUFFIXES
    ):
        return read_graph(source[0], vocabulary=_vocabulary(args))
    graph = build_graph(source, vocabulary=_vocabulary(args), **_build_options(args))
    _report_problems(graph.problems)
    return graph


def _build_options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {"strict": getattr(args, "strict", False)}
    if getattr(args, "workers", None) is not None:
        options["workers"] = args.workers
    if getattr(args, "no_progress", False) or getattr(args, "quiet", False):
        options["progress"] = False
    if getattr(args, "dask_scheduler", None):
        options["client"] = args.dask_scheduler
    return options


def _max_bytes(args: argparse.Namespace) -> int:
    return int(args.max_mb * 1_000_000)


def _report_problems(problems: Sequence[Exception]) -> None:
    for problem in problems:
        print(f"alliancegraph: {problem}", file=sys.stderr)


def _check_outputs(outputs: Sequence[str], inputs: Sequence[str]) -> None:
    """Refuse an output that is one of the inputs, however it is reached.

    Files are compared by device and inode, so a symbolic or hard link to an
    input, or a path through a linked folder, is caught as well as the plain path.
    """
    existing: dict[tuple[int, int], str] = {}
    for out in outputs:
        with contextlib.suppress(OSError):
            info = os.stat(out)
            existing[(info.st_dev, info.st_ino)] = out
    if not existing:
        return  # nothing that exists can be overwritten
    for key in _input_files(inputs):
        if key in existing:
            raise OutputError(
                f"{existing[key]}: refusing to overwrite an input file; "
                "choose an output path outside the inputs"
            )


def _input_files(inputs: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(device, inode) of every file under ``inputs``, links followed, loops cut."""
    folders: set[tuple[int, int]] = set()
    for item in inputs:
        for dirpath, dirnames, filenames in os.walk(item, followlinks=True):
            with contextlib.suppress(OSError):
                info = os.stat(dirpath)
                if (info.st_dev, info.st_ino) in folders:
                    dirnames[:] = []
                    continue
                folders.add((info.st_dev, info.st_ino))
            for name in filenames:
                with contextlib.suppress(OSError):
                    info = os.stat(os.path.join(dirpath, name))
                    yield (info.st_dev, info.st_ino)
        if not os.path.isdir(item):
            with contextlib.suppress(OSError):
                info = os.stat(item)
                yield (info.st_dev, info.st_ino)


# ------------------------------------------------------------------ commands
def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_graph
    from .corpus import load_corpus

    _check_outputs(args.output, args.paths)
    corpus = load_corpus(
        args.paths, vocabulary=_vocabulary(args), strict=args.strict, max_bytes=_max_bytes(args)
    )
    graph = build_graph(corpus, **_build_options(args))
    _report_problems(graph.problems)
    for out in args.output:
        path = graph.write(out)
        print(f"wrote {path}")
    print(graph.summary() if hasattr(graph, "summary") else repr(graph))
    return 1 if graph.problems else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from .corpus import load_corpus
    from .extraction import Extractor

    corpus = load_corpus(
        args.paths, vocabulary=_vocabulary(args), strict=args.strict, max_bytes=_max_bytes(args)
    )
    extractor = Extractor(corpus.vocabulary)
    reports = [extractor.extract(doc).report() for doc in corpus]
    _report_problems(corpus.problems)
    if args.format == "jsonl":
        for report in reports:
            print(json.dumps(report, ensure_ascii=False))
    else:
        print(json.dumps(reports, indent=2, ensure_ascii=False))
    return 1 if corpus.problems else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .corpus import load_corpus
    from .evaluate import evaluate_reports, load_gold
    from .extraction import Extractor

    gold = load_gold(args.gold)
    corpus = load_corpus(args.paths, vocabulary=_vocabulary(args))
    extractor = Extractor(corpus.vocabulary)
    result = evaluate_reports((extractor.extract(doc).report() for doc in corpus), gold)
    _report_problems(corpus.problems)
    if args.json:
        from .io import atomic_write

        text = json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n"
        atomic_write(args.json, lambda f: f.write(text.encode("utf-8")))
    if args.details:
        for article in result.articles:
            errors = {k: v for k, v in article.items() if k != "article" and v}
            if errors:
                print(article["article"], json.dumps(errors, ensure_ascii=False))
    print(result.table())
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    graph = _graph_from(args, args.source)
    if args.summary:
        print(graph.summary())
        return 0
    if args.partners:
        result = graph.partners(args.partners, domain=args.domain, min_support=args.min_support)
    elif args.agreements:
        result = graph.agreements(party=args.state, kind=args.kind, domain=args.domain)
    elif args.members:
        result = graph.members(args.members)
    elif args.targets:
        result = graph.targets(state=args.state)
    elif args.persons:
        result = graph.persons(state=args.state)
    elif args.states:
        result = graph.states()
    else:
        result = graph.cooperation(
            domain=args.domain,
            state=args.state,
            between=tuple(args.between) if args.between else None,
            article=args.article,
            min_support=args.min_support,
            min_confidence=args.min_confidence,
        )
    frame = result.to_frame()
    if args.format == "json":
        print(frame.to_json(orient="records", indent=2, force_ascii=False))
    elif args.format == "csv":
        print(frame.to_csv(index=False), end="")
    else:
        print(frame.to_string(index=False, max_colwidth=70) if len(frame) else "(nothing matches)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    _check_outputs(args.output, args.source)
    graph = _graph_from(args, args.source)
    for out in args.output:
        options = {"base": args.base} if args.base else {}
        print(f"wrote {graph.write(out, **options)}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .rdf import validate

    report = validate(args.file)
    print(report.text())
    return 0 if report.conforms else 1


def cmd_plot(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from . import plot

    # Fail on a bad command line before spending time building the graph.
    if Path(args.output).suffix.lower() not in (".png", ".svg", ".pdf"):
        raise OutputError(f"{args.output}: a diagram is written as .png, .svg or .pdf")
    if args.kind == "ego" and not args.state:
        raise AllianceGraphError("plot --kind ego needs --state (for example --state Japan)")
    _check_outputs([args.output], args.source)
    graph = _graph_from(args, args.source)
    states = args.states.split(",") if args.states else None
    if args.kind == "network":
        ax = plot.network(
            graph, domain=args.domain, states=states, layout=args.layout, seed=args.seed
        )
    elif args.kind == "heatmap":
        ax = plot.domain_heatmap(graph, domain=args.domain, states=states)
    elif args.kind == "ego":
        ax = plot.ego(graph, args.state, seed=args.seed, domain=args.domain, layout=args.layout)
    else:
        ax = plot.timeline(graph)
    path = plot.save(ax.figure, args.output)
    print(f"wrote {path}")
    return 0


# ------------------------------------------------------------------ parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliancegraph",
        description="Read articles about international relations into a knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"alliancegraph {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--vocabulary",
        action="append",
        default=[],
        metavar="FILE",
        help="a JSON vocabulary file extending the packaged one (repeatable)",
    )
    common.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    common.add_argument("--quiet", action="store_true", help="only errors on standard error")
    common.add_argument("--version", action="version", version=f"alliancegraph {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "build",
        parents=[common],
        help="build a graph from articles and write it",
        description="Build a graph from article files and folders and write it "
        "(.json, .graphml, .gexf, .ttl, .nt, .jsonld, .csv).",
    )
    p.add_argument("paths", nargs="+", help="article files or folders")
    p.add_argument(
        "-o", "--output", action="append", required=True, help="output file (repeatable)"
    )
    p.add_argument("--strict", action="store_true", help="stop at the first unreadable file")
    p.add_argument(
        "--max-mb",
        type=float,
        default=20.0,
        metavar="MB",
        help="skip (and report) article files larger than this (default 20)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="extract on N processes (0: one per CPU; default 1)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    p.add_argument(
        "--dask-scheduler",
        metavar="ADDRESS",
        help="extract on a Dask cluster (e.g. tcp://10.0.0.5:8786); the workers must "
        "see the article files under the same paths",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "extract",
        parents=[common],
        help="print what each article says (gold shape)",
        description="Print one extraction report per article, in the gold-annotation shape.",
    )
    p.add_argument("paths", nargs="+", help="article files or folders")
    p.add_argument("--format", choices=["json", "jsonl"], default="json")
    p.add_argument("--strict", action="store_true", help="stop at the first unreadable file")
    p.add_argument(
        "--max-mb",
        type=float,
        default=20.0,
        metavar="MB",
        help="skip (and report) article files larger than this (default 20)",
    )
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "evaluate",
        parents=[common],
        help="score extraction against gold files",
        description="Score extraction of articles against gold annotation files.",
    )
    p.add_argument("paths", nargs="+", help="article files or folders")
    p.add_argument("--gold", required=True, help="folder of gold JSON files")
    p.add_argument("--json", metavar="FILE", help="also write the scores as JSON")
    p.add_argument("--details", action="store_true", help="list each article's errors")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser(
        "query",
        parents=[common],
        help="ask the graph: cooperation, partners, agreements, members ...",
        description="Answer a question about a graph file or about articles, as a table "
        "(or CSV, JSON) with the supporting sentence of each row. Without a question "
        "option, list cooperation edges filtered by --domain, --state, --between, "
        "--article, --min-support and --min-confidence.",
    )
    p.add_argument("source", nargs="+", help="a graph file, or article files and folders")
    p.add_argument(
        "--domain", help="a domain id, label or synonym (broader concepts include narrower)"
    )
    p.add_argument("--state", help="a state: code, name, demonym or capital")
    p.add_argument("--between", nargs=2, metavar=("A", "B"), help="two states")
    p.add_argument("--article", help="only edges an article (id or file name) supports")
    p.add_argument("--min-support", type=int, default=1, metavar="N", help="at least N sentences")
    p.add_argument(
        "--min-confidence", type=float, default=0.0, metavar="P", help="confidence at least P"
    )
    p.add_argument("--kind", help="agreement kind for --agreements (dialogue, pact, forum ...)")
    question = p.add_mutually_exclusive_group()
    question.add_argument(
        "--partners", metavar="STATE", help="partners of STATE, ranked (with --domain)"
    )
    question.add_argument(
        "--agreements",
        action="store_true",
        help="agreements (with --state as party, --kind, --domain)",
    )
    question.add_argument("--members", metavar="ORG", help="member states of an organisation")
    question.add_argument("--targets", action="store_true", help="who names whom as a threat")
    question.add_argument("--persons", action="store_true", help="named persons (with --state)")
    question.add_argument("--states", action="store_true", help="the states in the graph")
    question.add_argument("--summary", action="store_true", help="counts and top partnerships")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser(
        "export",
        parents=[common],
        help="write a graph in other formats",
        description="Write a graph (from a graph file or articles) by extension: "
        ".ttl .nt .jsonld .rdf .graphml .gexf .json .csv",
    )
    p.add_argument("source", nargs="+", help="a graph file, or article files and folders")
    p.add_argument(
        "-o", "--output", action="append", required=True, help="output file (repeatable)"
    )
    p.add_argument("--base", help="namespace base for RDF resources")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "validate",
        parents=[common],
        help="check an RDF file against the SHACL shapes",
        description="Validate an RDF graph file against the alliancegraph SHACL shapes.",
    )
    p.add_argument("file", help="an RDF file (.ttl, .nt, .jsonld, .rdf)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "plot",
        parents=[common],
        help="draw an alliance network diagram",
        description="Draw a diagram of a graph file or of articles (.png, .svg, .pdf).",
    )
    p.add_argument("source", nargs="+", help="a graph file, or article files and folders")
    p.add_argument("-o", "--output", required=True, help="image file (.png, .svg, .pdf)")
    p.add_argument("--kind", choices=["network", "heatmap", "ego", "timeline"], default="network")
    p.add_argument("--domain", help="only cooperation in this domain (or under it)")
    p.add_argument("--states", help="comma-separated states to keep")
    p.add_argument("--state", help="the centre state for --kind ego")
    p.add_argument(
        "--layout", choices=["spring", "circular", "kamada_kawai", "geographic"], default="spring"
    )
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=cmd_plot)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.DEBUG if args.debug else logging.ERROR if args.quiet else logging.WARNING
    logging.basicConfig(level=level, format="alliancegraph: %(levelname)s: %(message)s")
    if args.command in ("build", "extract"):
        # Bad files are reported once, as one line each, by the command itself.
        logging.getLogger("alliancegraph.corpus").setLevel(
            logging.ERROR if not args.debug else logging.DEBUG
        )
    try:
        code: int = args.func(args)
    except AllianceGraphError as err:
        if args.debug:
            raise
        print(f"alliancegraph: error: {_one_line(err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("alliancegraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep Python from
        # complaining when it flushes standard output on the way out.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as err:
        # Not raised on purpose: a bug. Still one line, with the way to learn more.
        if args.debug:
            raise
        print(
            f"alliancegraph: internal error: {type(err).__name__}: {_one_line(err)} "
            "(a bug; rerun with --debug for the traceback and report it)",
            file=sys.stderr,
        )
        return 2
    return code


def _one_line(err: BaseException) -> str:
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    return "; ".join(lines) or type(err).__name__


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
