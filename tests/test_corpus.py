"""Reading articles: cleaning drops page furniture; offsets stay in the original text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from alliancegraph import load_corpus
from alliancegraph.corpus import clean
from alliancegraph.vocabulary import Vocabulary

SEED_DIR = Path(__file__).resolve().parent.parent / "data" / "seed_articles"
SEEDS = sorted(p.name for p in SEED_DIR.glob("*.txt"))

# Text that is not the article, one sample per kind of page furniture in the seeds.
FURNITURE = {
    "001_f1c8b973f13670ff.txt": [
        "Share Article",
        "Related Articles",
        "No related articles found",
        "Aerial shot of vibrant rice fields",
    ],
    "003_c0629a4c97f7456d.txt": [
        "No time to read?",
        "Get a summary",
        "World Cup Highlights",
        "Kakhovka Dam",
    ],
    "004_f865b4992f864025.txt": [
        "Priya S",
        "trade deficit with Japan",
        "Leave a Comment",
        "Minimum 50 characters",
        "Share this article",
        "2 min read",
        "New Delhi, Jan 23",
    ],
}


def _doc(name: str):
    return next(iter(load_corpus(SEED_DIR / name)))


@pytest.mark.parametrize("name", SEEDS)
def test_seed_body_spans_point_into_the_original_text(name):
    doc = _doc(name)
    original = (SEED_DIR / name).read_bytes().decode("utf-8")
    assert doc.text == original
    for start, end in doc.body + doc.sentences:
        assert doc.text[start:end].strip() == doc.text[start:end]
        assert 0 <= start < end <= len(original)


@pytest.mark.parametrize("name", sorted(FURNITURE))
def test_page_furniture_does_not_survive_cleaning(name):
    body = _doc(name).body_text()
    for furniture in FURNITURE[name]:
        assert furniture not in body


@pytest.mark.parametrize("name", SEEDS)
def test_cleaning_keeps_the_article_itself(name):
    doc = _doc(name)
    paragraphs = [p for p in doc.text.split("\n") if len(p) > 300]
    body = doc.body_text()
    assert paragraphs
    assert all(p.strip() in body for p in paragraphs)


def test_reader_comments_section_is_dropped_to_the_end():
    body = _doc("004_f865b4992f864025.txt").body_text()
    assert body.rstrip().endswith("- IANS") is False
    assert "Karthik V" not in body
    assert "ethical AI frameworks" not in body


def test_sentences_do_not_break_after_abbreviations_or_initials():
    doc = _doc("004_f865b4992f864025.txt")
    sentences = [doc.text[s:e] for s, e in doc.sentences]
    assert any(
        s.startswith("External Affairs Minister S. Jaishankar and his Japanese") for s in sentences
    )


def test_manifest_supplies_title_and_publisher():
    doc = _doc("004_f865b4992f864025.txt")
    assert doc.article.title.startswith("India, Japan Forge Stronger Ties")
    assert doc.article.publisher == "IANS"


def test_article_records_the_sha256_of_its_bytes():
    doc = _doc("000_9468f97f7389ab17.txt")
    digest = hashlib.sha256((SEED_DIR / "000_9468f97f7389ab17.txt").read_bytes()).hexdigest()
    assert doc.article.sha256 == digest


def test_front_matter_gives_metadata_and_is_not_body(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Quad Summit\ndate: 2024-09-21\n---\nIndia and Japan agreed.\n")
    doc = next(iter(load_corpus(path)))
    assert (doc.article.title, doc.article.date) == ("Quad Summit", "2024-09-21")
    assert doc.body_text() == "India and Japan agreed."


def test_html_articles_are_reduced_to_their_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><script>var x = 'Japan';</script></head><body><nav>Home | World</nav>"
        "<article><h1>Allies meet</h1><p>India and Japan agreed to cooperate on semiconductors "
        "and critical minerals in a new dialogue launched this week in New Delhi.</p></article>"
        "</body></html>"
    )
    doc = next(iter(load_corpus(path)))
    assert "India and Japan agreed" in doc.body_text()
    assert "var x" not in doc.text


def test_clean_drops_a_byline_and_breadcrumbs():
    cues = Vocabulary.default().cues
    text = (
        "WORLD | ASIA\nBy Jane Roe and John Doe | 7 September\nJapan and India agreed to cooperate."
    )
    kept = [text[s:e] for s, e in clean(text, cues)[1]]
    assert kept == ["Japan and India agreed to cooperate."]


def _body(text: str) -> list[str]:
    return [text[s:e] for s, e in clean(text, Vocabulary.default().cues)[1]]


def test_the_short_line_after_an_advertisement_marker_is_the_advertisement():
    text = (
        "Nigeria and Ghana signed a maritime pact.\nADVERTISEMENT\n"
        "Send money home FAST from the UK, USA & Canada!\nThe navies will drill in 2027."
    )
    assert _body(text) == [
        "Nigeria and Ghana signed a maritime pact.",
        "The navies will drill in 2027.",
    ]


def test_a_bracketed_image_caption_is_dropped():
    text = "[Image] French marines in a drill. [Photo/AFP]\nJapan and India agreed."
    assert _body(text) == ["Japan and India agreed."]


def test_a_navigation_header_with_a_time_word_opens_a_list_of_links():
    prose = (
        "Nigeria and Ghana on Tuesday signed a memorandum of understanding on maritime "
        "security that commits the two countries to coordinated patrols."
    )
    text = f"TRENDING NOW\n1. Super Eagles edge South Africa 2-1\n2. Petrol price cut\n{prose}"
    assert _body(text) == [prose]


@pytest.mark.parametrize(
    "furniture",
    [
        "REPLY OF THE WEEK\nA reader in Ankara writes: Turkey is the key to every corridor.",
        "PRESENTED BY HALDEN MARITIME\nReefer capacity from Jebel Ali to Rotterdam in 19 days.",
        "Sources\n- Norwegian Institute of International Affairs, briefing paper",
        "Meridian Briefs SA, Rue du Rhone 42, 1204 Geneva, Switzerland",
        "The Northern route through Russia and Belarus is shown in grey. Map: The Ledger",
        "📢 COMMUNITY NOTICES\n• Japanese Embassy Grassroots Grants: applications close soon.",
        "BREAKING  |  Greek coast guard, migrants ... | Russian, Ukrainian talks resume ...",
        "People also viewed\n• Why South Korea's battery makers are betting on Morocco",
    ],
)
def test_newsletter_and_explainer_furniture_is_dropped(furniture):
    prose = (
        "Brazil and Peru agreed on Tuesday to build a rail link across the Andes, the first "
        "of the corridor projects their leaders announced last year."
    )
    text = f"Japan and India agreed.\n{furniture}\nWHAT TO WATCH\n{prose}"
    kept = _body(text)
    assert kept[0] == "Japan and India agreed."
    assert kept[-1] == prose
    assert not set(kept) & set(furniture.splitlines())


@pytest.mark.parametrize(
    "header",
    ["💬 47 Comments          Sort by: Most relevant ▾", "Most relevant ▾"],
)
def test_a_comments_sort_control_ends_the_article(header):
    text = f"Japan and India agreed.\n{header}\nTaiwan gave us rice for 36 years."
    assert _body(text) == ["Japan and India agreed."]


def test_a_bulleted_item_that_reads_like_a_header_is_kept():
    text = "Japan and India agreed on:\n• Sport\n• Trade\nBrazil and Peru agreed too."
    assert _body(text) == [
        "Japan and India agreed on:",
        "• Sport",
        "• Trade",
        "Brazil and Peru agreed too.",
    ]


def test_a_comments_header_with_its_count_before_it_ends_the_article():
    text = "Japan and India agreed.\n23 COMMENTS\nCameroon should join."
    assert _body(text) == ["Japan and India agreed."]


def _body_with_patterns(text: str, *patterns: str) -> list[str]:
    cues = Vocabulary.default().cues.model_copy(update={"boilerplate_patterns": patterns})
    return [text[s:e] for s, e in clean(text, cues)[1]]


def test_a_boilerplate_pattern_anchored_at_the_line_start_drops_only_lines_starting_so():
    text = "Watch: the summit.\nJapan and India agreed to watch: closely.\n"
    assert _body_with_patterns(text, "^watch:") == ["Japan and India agreed to watch: closely."]


def test_a_boilerplate_pattern_whose_caret_anchors_one_branch_still_matches_the_other_anywhere():
    text = "Japan and India agreed.\nThe talks, sponsored content, went on.\n"
    assert _body_with_patterns(text, "^advert|sponsored content") == ["Japan and India agreed."]


def test_a_boilerplate_pattern_with_a_global_flag_keeps_working():
    text = "Japan and India agreed.\nBREAKING NEWS\n"
    assert _body_with_patterns(text, "(?i)^breaking news$") == ["Japan and India agreed."]
