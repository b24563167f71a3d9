"""Vocabularies are validated data, extendable by a user's file."""

from __future__ import annotations

import json

import pytest

from alliancegraph import Extractor, UnknownNameError, Vocabulary, VocabularyError, load_corpus


def test_every_un_member_and_the_four_others_are_states():
    vocab = Vocabulary.default()
    assert len(vocab.states) == 197
    assert {"TWN", "XKX", "PSE", "VAT"} <= set(vocab.states)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Japan", "JPN"),
        ("Japanese", "JPN"),
        ("Tokyo", "JPN"),
        ("U.S.", "USA"),
        ("South Koreans", "KOR"),
        ("New Delhi", "IND"),
        ("Taipei", "TWN"),
        ("DPRK", "PRK"),
    ],
)
def test_states_resolve_from_names_demonyms_and_capitals(name, code):
    assert Vocabulary.default().resolve_state(name) == code


def test_unknown_state_suggests_the_closest_names():
    with pytest.raises(UnknownNameError) as info:
        Vocabulary.default().resolve_state("Jappan")
    assert "japan" in info.value.suggestions


def test_domain_synonyms_resolve_to_concept_ids():
    vocab = Vocabulary.default()
    assert vocab.resolve_domain("chips") == "semiconductors"
    assert vocab.resolve_domain("Rare earths") == "critical_minerals"


def test_a_broader_concept_includes_everything_under_it():
    narrower = Vocabulary.default().narrower("technology")
    assert {"semiconductors", "artificial_intelligence", "space"} <= narrower
    assert "trade" not in narrower


def test_organizations_list_their_members():
    assert Vocabulary.default().organizations["quad"].members == ("AUS", "IND", "JPN", "USA")


def test_a_user_file_adds_an_alias_that_extraction_uses(tmp_path):
    (tmp_path / "vocab.json").write_text(
        json.dumps({"states": [{"id": "NZL", "aliases": ["Kiwiland"]}]})
    )
    article = tmp_path / "a.txt"
    article.write_text("Kiwiland and Australia agreed to expand cooperation on maritime security.")
    vocab = Vocabulary.load(tmp_path / "vocab.json")
    result = Extractor(vocab).extract(next(iter(load_corpus(article, vocabulary=vocab))))
    assert ("AUS", "NZL", "maritime_security") in {
        (r.subject[6:], r.object[6:], r.domain)
        for r in result.relations
        if r.predicate == "cooperates_with"
    }


def test_a_user_file_adds_a_domain_synonym(tmp_path):
    (tmp_path / "vocab.json").write_text(
        json.dumps({"domains": [{"id": "semiconductors", "alt_labels": ["logic wafers"]}]})
    )
    assert (
        Vocabulary.load(tmp_path / "vocab.json").resolve_domain("logic wafers") == "semiconductors"
    )


def test_a_user_file_adds_a_leader(tmp_path):
    (tmp_path / "vocab.json").write_text(
        json.dumps(
            {
                "persons": [
                    {
                        "name": "Jane Example",
                        "aliases": ["Example"],
                        "state": "KEN",
                        "role": "Foreign Minister",
                    }
                ]
            }
        )
    )
    vocab = Vocabulary.load(tmp_path / "vocab.json")
    assert any(p.name == "Jane Example" and p.state == "KEN" for p in vocab.persons)


def test_a_malformed_entry_names_the_file_the_entry_and_the_field(tmp_path):
    path = tmp_path / "vocab.json"
    path.write_text(json.dumps({"states": [{"id": "ATL", "name": "Atlantis", "wikidata": "17"}]}))
    with pytest.raises(VocabularyError, match=r"vocab\.json.*'ATL'.*wikidata"):
        Vocabulary.load(path)


def test_invalid_json_names_the_file_and_line(tmp_path):
    path = tmp_path / "vocab.json"
    path.write_text('{"states": [\n  {"id": "JPN",}\n]}')
    with pytest.raises(VocabularyError, match=r"vocab\.json: line 2"):
        Vocabulary.load(path)


def test_an_unknown_section_is_refused(tmp_path):
    path = tmp_path / "vocab.json"
    path.write_text(json.dumps({"countries": []}))
    with pytest.raises(VocabularyError, match="unknown section"):
        Vocabulary.load(path)


def test_a_person_for_an_unknown_state_is_refused(tmp_path):
    path = tmp_path / "vocab.json"
    path.write_text(json.dumps({"persons": [{"name": "A B", "state": "ZZZ"}]}))
    with pytest.raises(VocabularyError, match="ZZZ"):
        Vocabulary.load(path)


def test_a_narrowing_cue_outside_the_list_it_narrows_is_refused(tmp_path):
    # A verb only in target_owner_verbs would never be found: target_before finds them.
    path = tmp_path / "vocab.json"
    path.write_text(json.dumps({"cues": {"target_owner_verbs": ["outflank"]}}))
    with pytest.raises(VocabularyError, match="outflank"):
        Vocabulary.load(path)


def test_a_joint_domain_outside_the_scheme_is_refused(tmp_path):
    path = tmp_path / "vocab.json"
    path.write_text(json.dumps({"cues": {"joint_domains": ["military_drillz"]}}))
    with pytest.raises(VocabularyError, match="military_drillz"):
        Vocabulary.load(path)
