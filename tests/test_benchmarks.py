"""The benchmark harness keeps working (the figures themselves come from ``make bench``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from benchmarks import synthetic
from benchmarks.run import REPORT_KEYS
from conftest import ROOT


def test_synthetic_corpus_is_deterministic(tmp_path):
    first = synthetic.generate(tmp_path / "a", 5, seed=3)
    second = synthetic.generate(tmp_path / "b", 5, seed=3)
    assert [p.read_bytes() for p in first.files] == [p.read_bytes() for p in second.files]
    assert first.truth == second.truth


def test_synthetic_seed_changes_the_corpus(tmp_path):
    first = synthetic.generate(tmp_path / "a", 3, seed=0)
    second = synthetic.generate(tmp_path / "b", 3, seed=1)
    assert [p.read_bytes() for p in first.files] != [p.read_bytes() for p in second.files]


def test_synthetic_articles_are_news_sized_with_boilerplate(tmp_path):
    corpus = synthetic.generate(tmp_path, 10)
    for path in corpus.files:
        text = path.read_text(encoding="utf-8")
        assert 500 <= len(text.split()) <= 800
        assert "Share this article" in text
        assert "Reader Comments" in text
    assert all(corpus.truth[p.stem] for p in corpus.files)


def test_synthetic_truth_uses_known_states_and_leaf_domains(tmp_path):
    from alliancegraph.vocabulary import Vocabulary

    vocab = Vocabulary.default()
    corpus = synthetic.generate(tmp_path, 20)
    facts = [fact for facts in corpus.truth.values() for fact in facts]
    assert all(a < b and a in vocab.states and b in vocab.states for a, b, _ in facts)
    assert {d for _, _, d in facts} <= vocab.leaf_domains


def test_synthetic_corpus_is_reused_when_already_written(tmp_path):
    corpus = synthetic.generate(tmp_path, 4)
    stamp = corpus.files[0].stat().st_mtime_ns
    again = synthetic.generate(tmp_path, 4)
    assert again.files[0].stat().st_mtime_ns == stamp
    assert again.truth == corpus.truth


def test_score_counts_exact_matches_only():
    truth = {"a": [("IND", "JPN", "space")], "b": [("FRA", "IND", "defense")]}
    found = [("a", "IND", "JPN", "space"), ("b", "FRA", "IND", "trade"), ("z", "X", "Y", "d")]
    result = synthetic.score(truth, found)
    assert (result["correct"], result["found"], result["true"]) == (1, 2, 2)
    assert result["precision"] == result["recall"] == 0.5


@pytest.mark.slow
def test_harness_writes_a_report_with_every_figure(tmp_path):
    out = tmp_path / "results"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--sizes",
            "20",
            "--sample",
            "10",
            "--workers",
            "2",
            "--cache",
            str(tmp_path / "cache"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "N = 20 articles" in proc.stdout
    report = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    size = report["sizes"]["20"]
    assert "error" not in size, size.get("error")
    assert set(REPORT_KEYS) <= set(size)
    assert size["graph"]["articles"] == 20
    assert size["extraction"]["articles_per_s_per_core"] > 0
    assert size["extraction"]["aho_corasick_floor"]["matches"] > 0
    assert size["memory"]["build_process_peak_mb"] > 0
    assert size["synthetic_accuracy"]["true"] > 0
    assert isinstance(size["rdf"], dict)
