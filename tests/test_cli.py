"""The command line, invoked as users do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from alliancegraph import __version__
from alliancegraph.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "data" / "seed_articles"
SEED_GOLD = ROOT / "data" / "seed_gold"


def test_version_is_printed(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_python_dash_m_runs_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "alliancegraph", "extract", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "gold-annotation shape" in out.stdout


def test_extract_prints_one_gold_shaped_record_per_article(capsys):
    assert main(["extract", str(SEED_DIR), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["article"] for r in records] == sorted(p.name for p in SEED_DIR.glob("*.txt"))
    assert set(records[0]) == {
        "article",
        "states",
        "cooperation",
        "agreements",
        "targets",
        "persons",
    }


def test_build_writes_graphml_that_networkx_reads_with_all_states(tmp_path, capsys):
    out = tmp_path / "seed.graphml"
    assert main(["build", str(SEED_DIR), "-o", str(out)]) == 0
    graph = nx.read_graphml(out)
    records = [json.loads(line) for line in _extract_jsonl(capsys)]
    states = {f"state:{s}" for r in records for s in r["states"]}
    assert states <= set(graph.nodes)


def _extract_jsonl(capsys):
    capsys.readouterr()
    main(["extract", str(SEED_DIR), "--format", "jsonl"])
    return capsys.readouterr().out.splitlines()


def test_evaluate_prints_scores_per_section_and_writes_json(tmp_path, capsys):
    report = tmp_path / "scores.json"
    assert main(["evaluate", "--gold", str(SEED_GOLD), str(SEED_DIR), "--json", str(report)]) == 0
    table = capsys.readouterr().out
    for section in ("states", "cooperation", "agreements", "targets", "persons"):
        assert section in table
    assert json.loads(report.read_text())["sections"]["states"]["f1"] >= 0.95


def test_a_library_error_is_one_line_and_exit_code_2(tmp_path, capsys):
    assert main(["evaluate", "--gold", str(tmp_path), str(SEED_DIR)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("alliancegraph: error:")
    assert err.count("\n") == 1


def test_build_refuses_to_overwrite_an_input_file(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Japan and India agreed to cooperate on chips.")
    assert main(["build", str(tmp_path), "-o", str(article), "--quiet"]) == 2
    assert "refusing to overwrite an input file" in capsys.readouterr().err
    assert article.read_text().startswith("Japan and India")
