"""The typed model: validation with clear messages, immutability, JSON round trips."""

from __future__ import annotations

import pytest
from pydantic import PrivateAttr, ValidationError

from alliancegraph import (
    Agreement,
    Article,
    ArticleExtraction,
    Evidence,
    Person,
    Relation,
    State,
)


def test_state_rejects_a_code_that_is_not_alpha3():
    with pytest.raises(ValidationError, match="not an ISO 3166-1 alpha-3 code"):
        State(id="JP", name="Japan")


def test_state_rejects_a_malformed_wikidata_id():
    with pytest.raises(ValidationError, match="not a Wikidata item id"):
        State(id="JPN", name="Japan", wikidata="17")


def test_agreement_rejects_a_malformed_domain_id():
    with pytest.raises(ValidationError, match="not a domain id"):
        Agreement(name="Chip Pact", kind="pact", domains=("Semi Conductors",))


def test_agreement_rejects_an_unknown_domain_when_checked_against_the_vocabulary():
    from alliancegraph import Vocabulary

    with pytest.raises(ValidationError, match="unknown domain 'chipz'"):
        Agreement.model_validate(
            {"name": "Chip Pact", "kind": "pact", "domains": ["chipz"]},
            context={"vocabulary": Vocabulary.default()},
        )


@pytest.mark.parametrize("date", ["2023-13", "2023-02-40", "23", "August 2025"])
def test_agreement_rejects_bad_dates(date):
    with pytest.raises(ValidationError, match=r"date|month|day"):
        Agreement(name="X Pact", kind="pact", date=date)


def test_agreement_rejects_an_unknown_kind():
    with pytest.raises(ValidationError, match="kind"):
        Agreement(name="X Pact", kind="alliance")


def test_agreement_parties_are_sorted_and_deduplicated():
    assert Agreement(name="A", parties=("USA", "JPN", "USA")).parties == ("JPN", "USA")


def test_models_are_immutable():
    person = Person(name="Sanae Takaichi", state="JPN", role="Prime Minister")
    with pytest.raises(ValidationError):
        person.role = "Foreign Minister"  # type: ignore[misc]


def test_cooperation_is_stored_in_alphabetical_order():
    rel = Relation(
        subject="state:USA", predicate="cooperates_with", object="state:JPN", domain="trade"
    )
    assert (rel.subject, rel.object) == ("state:JPN", "state:USA")


def test_cooperation_needs_a_domain():
    with pytest.raises(ValidationError, match="needs a domain"):
        Relation(subject="state:JPN", predicate="cooperates_with", object="state:USA")


def test_evidence_end_cannot_precede_start():
    with pytest.raises(ValidationError, match="before its start"):
        Evidence(article="a", sentence="x", start=10, end=5)


def test_article_sha256_must_be_hex():
    with pytest.raises(ValidationError, match="SHA-256"):
        Article(id="a", sha256="not-a-digest")


@pytest.mark.parametrize(
    "model",
    [
        State(id="KOR", name="South Korea", short_names=("ROK",), wikidata="Q884"),
        Agreement(name="Act East Forum", kind="forum", parties=("IND", "JPN"), date="2017-09"),
        Relation(
            subject="state:IND",
            predicate="cooperates_with",
            object="state:JPN",
            domain="semiconductors",
            evidence=(Evidence(article="a", sentence="s", start=0, end=1, confidence=0.5),),
        ),
    ],
)
def test_models_round_trip_through_json(model):
    assert type(model).model_validate_json(model.model_dump_json()) == model


def _extraction() -> ArticleExtraction:
    said = Evidence(
        article="a",
        sentence="s",
        start=0,
        end=1,
        extractor="alliancegraph.rules",
        extractor_version="1",
        confidence=0.5,
    )
    return ArticleExtraction(
        article=Article(id="a", title="T"),
        states=("IND", "JPN"),
        persons=(Person(name="N. Modi", state="IND"),),
        agreements=(Agreement(name="Act East Forum", kind="forum", parties=("IND", "JPN")),),
        relations=(
            Relation(
                subject="state:JPN",
                predicate="cooperates_with",
                object="state:IND",
                domain="semiconductors",
                evidence=(said, said.model_copy(update={"start": 2, "end": 3})),
            ),
        ),
    )


# Workers send their extractions back pickled: what arrives must be what was sent,
# down to which fields were given.
def test_a_pickled_extraction_comes_back_equal_with_the_fields_each_model_was_given():
    import pickle

    sent = _extraction()
    back = pickle.loads(pickle.dumps(sent))
    assert back == sent
    assert back.model_dump_json() == sent.model_dump_json()
    for before, after in [
        (sent, back),
        (sent.article, back.article),
        (sent.persons[0], back.persons[0]),
        (sent.agreements[0], back.agreements[0]),
        (sent.relations[0], back.relations[0]),
        (sent.relations[0].evidence[1], back.relations[0].evidence[1]),
    ]:
        assert type(after) is type(before)
        assert after.model_fields_set == before.model_fields_set
    assert back.article.model_dump(exclude_unset=True) == {"id": "a", "title": "T"}


def test_unpickled_models_given_the_same_fields_share_one_fields_set():
    import pickle

    first, second = pickle.loads(pickle.dumps([_extraction(), _extraction()]))
    assert first.relations[0].__pydantic_fields_set__ is second.relations[0].__pydantic_fields_set__
    assert first.article.__pydantic_fields_set__ is second.article.__pydantic_fields_set__


class _Noted(Evidence):
    _note: str = PrivateAttr(default="")


def test_a_model_with_private_attributes_pickles_them_too():
    import pickle

    noted = _Noted(article="a", sentence="s", start=0, end=1)
    noted._note = "checked"
    back = pickle.loads(pickle.dumps(noted))
    assert back == noted
    assert back._note == "checked"


def test_an_unpickled_model_is_still_frozen():
    import pickle

    back = pickle.loads(pickle.dumps(_extraction()))
    with pytest.raises(ValidationError):
        back.relations[0].evidence[0].start = 5  # type: ignore[misc]


def test_models_publish_a_json_schema():
    schema = Relation.model_json_schema()
    assert schema["properties"]["predicate"]["enum"][0] == "cooperates_with"


# A graph of 100,000 articles holds millions of evidence objects: they share
# what they can, without any difference a caller could see.
def _evidence(start: int) -> Evidence:
    return Evidence(article="a1", sentence="Japan and India agreed.", start=start, end=start + 23)


def test_evidence_given_the_same_fields_shares_one_fields_set():
    a, b = _evidence(0), _evidence(40)
    assert a.model_fields_set == {"article", "sentence", "start", "end"}
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__


def test_a_copy_with_changes_leaves_the_shared_fields_set_alone():
    a = _evidence(0)
    changed = a.model_copy(update={"confidence": 0.5})
    assert changed.confidence == 0.5
    assert "confidence" not in _evidence(80).model_fields_set


def test_unpickled_evidence_is_equal_and_shares_the_fields_set():
    import pickle

    a = _evidence(0)
    back = pickle.loads(pickle.dumps(a))
    assert back == a
    assert back.__pydantic_fields_set__ is a.__pydantic_fields_set__


def test_evidence_read_from_json_holds_one_copy_of_each_article_id():
    first = Evidence.model_validate_json(_evidence(0).model_dump_json())
    second = Evidence.model_validate_json(_evidence(40).model_dump_json())
    assert first.article is second.article
