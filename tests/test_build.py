"""Building a graph: serially, on a process pool and on a Dask cluster, all alike."""

from __future__ import annotations

import json
import shutil
import time
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from conftest import OWN_DIR, SEED_DIR

from alliancegraph import build_graph
from alliancegraph.build import _in_order
from alliancegraph.cli import main
from alliancegraph.corpus import load_corpus
from alliancegraph.exceptions import CorpusError

SOURCES = [SEED_DIR, OWN_DIR]


@pytest.fixture(scope="module")
def serial_graph():
    return build_graph(SOURCES, progress=False)


@pytest.fixture
def messy_corpus(tmp_path):
    """Good articles mixed with files the reader must reject, and a broken manifest."""
    good = tmp_path / "a_good"
    shutil.copytree(OWN_DIR, good, ignore=shutil.ignore_patterns("*.md"))
    (tmp_path / "b_bad").mkdir()
    (tmp_path / "b_bad" / "001_empty.txt").write_text("   \n")
    (tmp_path / "b_bad" / "002_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    shutil.copy(SEED_DIR / "000_9468f97f7389ab17.txt", tmp_path / "b_bad" / "003_fine.txt")
    (tmp_path / "b_bad" / "004_notes.docx").write_bytes(b"PK")
    (tmp_path / "b_bad" / "manifest.json").write_text('{"articles": [{"file": 1}]}')
    (tmp_path / "c_more").mkdir()
    (tmp_path / "c_more" / "001_pdf.txt").write_bytes(b"%PDF-1.7 ...")
    return tmp_path


def test_parallel_build_equals_serial_build(serial_graph):
    parallel = build_graph(SOURCES, workers=2, progress=False)
    assert parallel == serial_graph
    assert list(parallel.articles) == list(serial_graph.articles)


def test_workers_zero_means_one_per_cpu(serial_graph):
    assert build_graph(SOURCES, workers=0, progress=False) == serial_graph


def test_parallel_build_accepts_a_corpus_object(serial_graph):
    corpus = load_corpus(SOURCES)
    assert build_graph(corpus, workers=2, progress=False) == serial_graph


def test_parallel_build_reports_the_same_problems_in_the_same_order(messy_corpus):
    serial = build_graph(messy_corpus, progress=False)
    parallel = build_graph(messy_corpus, workers=2, progress=False)
    problems = [str(p) for p in serial.problems]
    assert [str(p) for p in parallel.problems] == problems
    assert len(problems) == 5
    assert all(isinstance(p, CorpusError) for p in parallel.problems)
    assert parallel == serial


def test_manifest_problem_is_reported_once(messy_corpus):
    graph = build_graph(messy_corpus, workers=2, progress=False)
    manifest = [p for p in graph.problems if p.path.endswith("manifest.json")]
    assert len(manifest) == 1


def test_strict_parallel_build_raises_the_first_problem(messy_corpus):
    with pytest.raises(CorpusError) as serial:
        build_graph(messy_corpus, strict=True, progress=False)
    with pytest.raises(CorpusError) as parallel:
        build_graph(messy_corpus, strict=True, workers=2, progress=False)
    assert str(parallel.value) == str(serial.value)


def test_no_progress_bar_when_asked(capfd):
    build_graph(SEED_DIR, workers=2, progress=False)
    assert capfd.readouterr().err == ""


def test_no_progress_bar_by_default_when_stderr_is_not_a_terminal(capfd):
    build_graph(SEED_DIR)
    assert capfd.readouterr().err == ""


def test_progress_bar_when_asked(capsys):
    build_graph(SEED_DIR, progress=True)
    err = capsys.readouterr().err
    assert "5/5" in err
    assert "building" in err


def test_in_flight_work_is_bounded():
    """Chunks are submitted only as fast as results are taken, whatever the corpus size."""
    submitted: list[int] = []
    taken: list[int] = []

    with ThreadPoolExecutor(2) as pool:

        def submit(chunk: list[int]) -> Future[list[int]]:
            submitted.append(chunk[0])
            return pool.submit(lambda: list(chunk))

        for item in _in_order(submit, ([i] for i in range(100)), window=3):  # type: ignore[arg-type]
            taken.append(item)  # type: ignore[arg-type]
            assert len(submitted) - len(taken) <= 3
    assert taken == list(range(100))


@pytest.mark.slow
def test_dask_build_equals_serial_build(serial_graph):
    distributed = pytest.importorskip("dask.distributed")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert build_graph(SOURCES, client=client, progress=False) == serial_graph


@pytest.mark.slow
def test_dask_build_reports_the_same_problems(messy_corpus):
    distributed = pytest.importorskip("dask.distributed")
    serial = build_graph(messy_corpus, progress=False)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = build_graph(messy_corpus, client=client, progress=False)
    assert [str(p) for p in on_dask.problems] == [str(p) for p in serial.problems]


def test_cli_build_with_workers_writes_the_same_graph(tmp_path, serial_graph, capsys):
    out = tmp_path / "graph.json"
    code = main(["build", str(SEED_DIR), str(OWN_DIR), "-o", str(out), "--workers", "2"])
    assert code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == serial_graph.to_dict()
    assert capsys.readouterr().err == ""


def test_cli_build_no_progress_prints_no_bar(tmp_path, capsys):
    out = tmp_path / "graph.json"
    assert main(["build", str(SEED_DIR), "-o", str(out), "--no-progress"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.slow
def test_cli_build_with_an_unreachable_scheduler_is_an_error(tmp_path, capsys):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "graph.json"
    start = time.monotonic()
    code = main(["build", str(SEED_DIR), "-o", str(out), "--dask-scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "Dask scheduler" in capsys.readouterr().err
    assert not out.exists()
    assert time.monotonic() - start < 60
