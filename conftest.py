"""Shared fixtures, and the names doctests may use without importing them."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

# The suite is a specification: its property tests try the same examples on
# every run, so a change passes or fails for what it is, not for the draw.
# Searching for new failures is a job of its own, with fresh draws each time:
# ALLIANCEGRAPH_EXAMPLES=5000 pytest tests/test_property.py (and make fuzz).
settings.register_profile("suite", derandomize=True)
settings.register_profile("search", derandomize=False)
settings.load_profile("search" if os.environ.get("ALLIANCEGRAPH_EXAMPLES") else "suite")

ROOT = Path(__file__).resolve().parent
SEED_DIR = ROOT / "data" / "seed_articles"
SEED_GOLD_DIR = ROOT / "data" / "seed_gold"
OWN_DIR = ROOT / "tests" / "articles"
OWN_GOLD_DIR = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def seed_graph():
    from alliancegraph import build_graph

    return build_graph(SEED_DIR)


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace, request):
    doctest_namespace["SEED_DIR"] = SEED_DIR
    doctest_namespace["SEED_GOLD_DIR"] = SEED_GOLD_DIR
    if "SEED_GRAPH" not in doctest_namespace and request.node.__class__.__name__ == "DoctestItem":
        doctest_namespace["SEED_GRAPH"] = request.getfixturevalue("seed_graph")
