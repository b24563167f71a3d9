"""Property-based tests: whatever text or graph file comes in, only our own errors come out.

Hypothesis generates and mutates articles (splices of real articles, Unicode,
control characters, very long tokens, raw bytes) and graph files (the seed
graph in every readable format, cut, spliced, with bytes changed or values
replaced). Reading and extracting may refuse an input, but only with an
:class:`~alliancegraph.AllianceGraphError`; extraction is deterministic and
every piece of evidence points at its sentence in the text.

``tools/fuzz.py`` runs the same checks for as long as you like.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import alliancegraph
from alliancegraph import AllianceGraphError, Corpus, CorpusError, Extractor
from alliancegraph.corpus import html_to_text

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [
    p.read_text(encoding="utf-8")
    for folder in (ROOT / "data" / "seed_articles", ROOT / "tests" / "articles")
    for p in sorted(folder.glob("*.txt"))
]
READABLE = [".json", ".nodelink.json", ".graphml", ".gexf", ".ttl", ".nt", ".jsonld", ".rdf"]

# ALLIANCEGRAPH_EXAMPLES=5000 pytest tests/test_property.py searches longer.
EXAMPLES = settings(
    max_examples=int(os.environ.get("ALLIANCEGRAPH_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text with nothing left out but lone surrogates, which no file can hold.
ANY_CHARACTER = st.characters(blacklist_categories=("Cs",))
AWKWARD = st.sampled_from(
    [
        "\x00",
        "\x1b[0m",
        "\r",
        "\u2028",
        "\ufeff",
        "\u200b",
        "\u0301",
        "U.S.",
        "Japan",
        "India's",
        "the Quad",
        "pact",
        "agreed to cooperate on semiconductors",
        "Reader Comments",
        "---\ntitle: x\n---\n",
        "<p>",
        "&amp;",
        "[1]",
        "\n\n",
    ]
)


@st.composite
def articles(draw) -> str:
    """A real article cut, spliced and sprinkled with awkward text."""
    text = draw(st.sampled_from(ARTICLES))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["splice", "insert", "awkward", "cut", "long token"]))
        if edit == "splice":
            other = draw(st.sampled_from(ARTICLES))
            start = draw(st.integers(0, len(other)))
            text = text[:at] + other[start : start + draw(st.integers(0, 2000))] + text[at:]
        elif edit == "insert":
            text = text[:at] + draw(st.text(ANY_CHARACTER, max_size=200)) + text[at:]
        elif edit == "awkward":
            text = text[:at] + draw(AWKWARD) + text[at:]
        elif edit == "cut":
            text = text[:at] + text[at + draw(st.integers(0, 3000)) :]
        else:
            token = draw(st.sampled_from(["a", "Japan", "x.", "—", "日本"])) * draw(
                st.integers(100, 5000)
            )
            text = text[:at] + token + text[at:]
    return text


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("property")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _extract_twice(path: Path, extractor: Extractor) -> None:
    """Read and extract ``path`` twice; only library errors may escape."""
    try:
        doc = Corpus([]).read(path)
    except CorpusError:
        return
    first = extractor.extract(doc)
    second = extractor.extract(Corpus([]).read(path))
    assert first.report() == second.report()
    for relation in first.relations:
        for evidence in relation.evidence:
            assert doc.text[evidence.start : evidence.end] == evidence.sentence


@EXAMPLES
@given(text=articles(), encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_mutated_articles_extract_deterministically_or_raise_only_library_errors(
    text, encoding, workdir, extractor
):
    path = workdir / "article.txt"
    path.write_bytes(text.encode(encoding))

    _extract_twice(path, extractor)


@EXAMPLES
@given(text=st.text(ANY_CHARACTER, max_size=3000))
def test_random_text_extracts_deterministically_or_raises_only_library_errors(
    text, workdir, extractor
):
    path = workdir / "random.txt"
    path.write_text(text, encoding="utf-8")

    _extract_twice(path, extractor)


@EXAMPLES
@given(data=st.data())
def test_mutated_article_bytes_raise_only_library_errors(data, workdir, extractor):
    raw = bytearray(data.draw(st.sampled_from(ARTICLES)).encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 20))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    suffix = data.draw(st.sampled_from([".txt", ".md", ".html"]))
    path = workdir / f"bytes{suffix}"
    path.write_bytes(bytes(raw))

    _extract_twice(path, extractor)


@EXAMPLES
@given(raw=st.binary(max_size=4000))
def test_random_bytes_raise_only_library_errors(raw, workdir, extractor):
    path = workdir / "noise.txt"
    path.write_bytes(raw)

    _extract_twice(path, extractor)


TAGS = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<!--", "-->", "<br/>",
     "<article>", "</article>", "<nav>", "<table><tr><td>", "<![CDATA[", "]]>", "&#0;",
     "&#x110000;", "&nbsp;", "<html", "<meta charset='koi8-r'>", '<a href="', "</"]
)  # fmt: skip


@EXAMPLES
@given(parts=st.lists(st.one_of(TAGS, st.sampled_from(ARTICLES[:5]), st.text(max_size=50))))
def test_broken_html_raises_only_library_errors(parts, workdir, extractor):
    markup = "".join(part[:800] for part in parts)
    html_to_text(markup)
    path = workdir / "page.html"
    path.write_text(markup, encoding="utf-8")

    _extract_twice(path, extractor)


# ------------------------------------------------------------ graph readers
class _GraphFiles(dict):
    def __repr__(self) -> str:  # Hypothesis prints fixtures with a failing example
        return f"<the seed graph in {', '.join(self)}>"


@pytest.fixture(scope="module")
def graph_files(tmp_path_factory, seed_graph) -> dict[str, bytes]:
    """The seed graph written in every format alliancegraph reads."""
    folder = tmp_path_factory.mktemp("graphs")
    files = _GraphFiles()
    for suffix in READABLE:
        path = folder / f"seed{suffix}"
        seed_graph.write(path)
        files[suffix] = path.read_bytes()
    return files


def _read(path: Path) -> None:
    try:
        graph = alliancegraph.read(path)
    except AllianceGraphError:
        return
    assert isinstance(graph, alliancegraph.AllianceGraph)


# An edit is (what, where as a fraction of the length, how much, inserted text):
# small to print when a test fails, unlike the mutated file itself.
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["cut", "delete", "repeat", "byte", "insert"]),
        st.floats(0, 1),
        st.integers(0, 500),
        st.text(ANY_CHARACTER, max_size=40),
    ),
    min_size=1,
    max_size=6,
)


def _edited(original: bytes, edits) -> bytes:
    data = bytearray(original)
    for what, where, size, text in edits:
        at = int(where * len(data))
        if what == "cut":
            del data[at:]
        elif what == "delete":
            del data[at : at + size + 1]
        elif what == "repeat":
            data[at:at] = data[at : at + size + 1]
        elif what == "byte" and at < len(data):
            data[at] = size % 256
        else:
            data[at:at] = text.encode("utf-8")
    return bytes(data)


@EXAMPLES
@given(suffix=st.sampled_from(READABLE), edits=EDITS)
def test_mutated_graph_files_raise_only_library_errors(suffix, edits, graph_files, workdir):
    path = workdir / f"mutated{suffix}"
    path.write_bytes(_edited(graph_files[suffix], edits))

    _read(path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


def _replace_somewhere(tree, path: list[int], value):
    """``tree`` with the node reached by ``path`` (indices into children) replaced."""
    if not path or not isinstance(tree, (dict, list)) or not tree:
        return value
    keys = list(tree) if isinstance(tree, dict) else list(range(len(tree)))
    key = keys[path[0] % len(keys)]
    copy = dict(tree) if isinstance(tree, dict) else list(tree)
    copy[key] = _replace_somewhere(tree[key], path[1:], value)
    return copy


@EXAMPLES
@given(
    suffix=st.sampled_from([".json", ".nodelink.json", ".jsonld"]),
    where=st.lists(st.integers(0, 10_000), max_size=8),
    value=JSON_VALUES,
)
def test_json_graphs_with_a_value_replaced_raise_only_library_errors(
    suffix, where, value, graph_files, workdir
):
    tree = json.loads(graph_files[suffix])
    path = workdir / f"replaced{suffix}"
    path.write_text(json.dumps(_replace_somewhere(tree, where, value)), encoding="utf-8")

    _read(path)
