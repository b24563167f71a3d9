"""Scoring against gold follows the rules of the gold format."""

from __future__ import annotations

import json

import pytest

from alliancegraph import GoldFormatError, evaluate_reports, load_gold
from alliancegraph.evaluate import GoldArticle

GOLD = GoldArticle.model_validate(
    {
        "article": "a.txt",
        "states": ["IND", "JPN"],
        "not_states": ["CHN"],
        "cooperation": [["IND", "JPN", "semiconductors"]],
        "optional_cooperation": [["IND", "JPN", "trade"]],
        "agreements": [
            {
                "name": "Act East Forum",
                "aliases": ["AEF"],
                "kind": "forum",
                "parties": ["IND", "JPN"],
            },
            {"name": "Code of Conduct", "kind": "agreement", "parties": ["IND", "JPN"]},
        ],
        "optional_agreements": [{"name": "Foreign Ministers' dialogue", "kind": "dialogue"}],
        "targets": [["JPN", "CHN"]],
        "persons": [{"name": "Narendra Modi", "state": "IND", "role": "Prime Minister"}],
    }
)


def report(**overrides):
    base = {
        "article": "a.txt",
        "states": ["IND", "JPN"],
        "cooperation": [["IND", "JPN", "semiconductors"]],
        "agreements": [],
        "targets": [["JPN", "CHN"]],
        "persons": [{"name": "Narendra Modi", "state": "IND", "role": None}],
    }
    return {**base, **overrides}


def score(**overrides):
    return evaluate_reports([report(**overrides)], {"a": GOLD})


def test_a_perfect_report_scores_one_everywhere_but_missed_agreements():
    result = score()
    assert result.sections["cooperation"].f1 == 1.0
    assert result.sections["agreements"].fn == 2


def test_optional_cooperation_is_neither_rewarded_nor_penalised():
    with_optional = score(cooperation=[["IND", "JPN", "semiconductors"], ["JPN", "IND", "trade"]])
    assert (
        with_optional.sections["cooperation"].as_dict() == score().sections["cooperation"].as_dict()
    )


def test_cooperation_pairs_are_unordered():
    assert score(cooperation=[["JPN", "IND", "semiconductors"]]).sections["cooperation"].tp == 1


def test_a_trap_state_is_counted():
    assert score(states=["CHN", "IND", "JPN"]).traps == 1


def test_agreement_names_match_ignoring_case_punctuation_and_the():
    found = [{"name": "the act-east forum", "kind": "forum", "parties": []}]
    assert score(agreements=found).sections["agreements"].tp == 1


def test_an_alias_of_either_side_matches():
    found = [{"name": "AEF", "aliases": [], "kind": "forum", "parties": []}]
    assert score(agreements=found).sections["agreements"].tp == 1


def test_kind_and_parties_with_a_shared_word_match_when_names_differ():
    found = [{"name": "India-Japan Forum", "kind": "forum", "parties": ["IND", "JPN"]}]
    assert score(agreements=found).sections["agreements"].tp == 1


def test_an_exact_name_is_matched_before_a_loose_one():
    found = [
        {"name": "Conduct Forum", "kind": "forum", "parties": ["IND", "JPN"]},
        {"name": "Act East Forum", "kind": "forum", "parties": ["IND", "JPN"]},
    ]
    agreements = score(agreements=found).sections["agreements"]
    assert (agreements.tp, agreements.fp) == (1, 1)


def test_an_optional_agreement_found_is_not_a_false_positive():
    found = [{"name": "Foreign Ministers' Dialogue", "kind": "dialogue", "parties": []}]
    assert score(agreements=found).sections["agreements"].fp == 0


def test_a_person_matches_by_surname_and_state():
    assert score(persons=[{"name": "Modi", "state": "IND"}]).sections["persons"].tp == 1
    assert score(persons=[{"name": "Modi", "state": "PAK"}]).sections["persons"].fp == 1


@pytest.mark.parametrize(
    ("extracted", "annotated"),
    [("Phạm Minh Chính", "Pham Minh Chinh"), ("Abdel Fattah el-Sisi", "Abdel Fattah al-Sisi")],
)
def test_a_person_matches_without_diacritics_or_a_surname_particle(extracted, annotated):
    gold = GoldArticle.model_validate(
        {**GOLD.model_dump(), "persons": [{"name": annotated, "state": "IND"}]}
    )
    found = [{"name": extracted, "state": "IND"}]
    result = evaluate_reports([report(persons=found)], {"a": gold})
    assert result.sections["persons"].tp == 1


def test_targets_are_ordered_pairs():
    assert score(targets=[["CHN", "JPN"]]).sections["targets"].tp == 0


def test_an_article_without_gold_is_listed_not_scored():
    result = evaluate_reports([report(article="other.txt")], {"a": GOLD})
    assert result.missing_gold == ["other"]
    assert result.articles == []


def test_a_gold_file_with_a_bad_field_names_file_and_field(tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps({"article": "a.txt", "states": "JPN", "persons": [{}]})
    )
    with pytest.raises(GoldFormatError, match=r"a\.json: field"):
        load_gold(tmp_path)


def test_a_folder_without_gold_files_is_an_error(tmp_path):
    with pytest.raises(GoldFormatError, match="no gold files"):
        load_gold(tmp_path)
