"""Extraction, specified behaviour by behaviour on short texts, then scored on gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliancegraph import Extractor, evaluate_reports, load_corpus, load_gold

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR, SEED_GOLD = ROOT / "data" / "seed_articles", ROOT / "data" / "seed_gold"
OWN_DIR, OWN_GOLD = ROOT / "tests" / "articles", ROOT / "tests" / "gold"


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.fixture
def extract(tmp_path, extractor):
    def run(text: str):
        path = tmp_path / "article.txt"
        path.write_text(text, encoding="utf-8")
        return extractor.extract(next(iter(load_corpus(path))))

    return run


def coop(result):
    return {
        (r.subject[6:], r.object[6:], r.domain)
        for r in result.relations
        if r.predicate == "cooperates_with"
    }


def targets(result):
    return {(r.subject[6:], r.object[6:]) for r in result.relations if r.predicate == "targets"}


# ------------------------------------------------------------------ states
def test_states_are_found_by_name_demonym_capital_and_possessive(extract):
    result = extract(
        "Seoul welcomed Japan's offer, and Filipino officials met Australians in Canberra."
    )
    assert set(result.states) == {"KOR", "JPN", "PHL", "AUS"}


def test_hyphen_and_dash_compounds_name_both_states(extract):
    result = extract(
        "The U.S.–Japan alliance and Taiwan-Japan coast guard talks deepened cooperation."
    )
    assert {"USA", "JPN", "TWN"} <= set(result.states)


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("Sino-US trade talks resumed in Geneva.", {"CHN", "USA"}),
        ("The Franco-German compact covers defence cooperation.", {"DEU", "FRA"}),
        ("Anglo-French drone work ended; General Franco is history.", {"FRA", "GBR"}),
        ("Greco-Roman wrestling drew crowds, and Japan and India agreed on trade.", {"IND", "JPN"}),
    ],
)
def test_the_first_half_of_a_compound_names_its_state_only_before_a_hyphen(extract, text, states):
    assert set(extract(text).states) == states


def test_a_capital_strung_into_a_route_s_name_is_no_state(extract):
    result = extract(
        "Pakistan and Turkey agreed to revive the Islamabad-Tehran-Istanbul freight train, "
        "and the Washington-Tokyo alliance held."
    )
    assert set(result.states) == {"JPN", "PAK", "TUR", "USA"}


def test_the_north_stands_for_north_korea_where_north_korea_is_named(extract):
    result = extract(
        "Japan, South Korea and the United States condemned North Korea's launch. The three "
        "allies pledged to deter the North's nuclear and missile threats."
    )
    assert {("JPN", "PRK"), ("KOR", "PRK"), ("USA", "PRK")} <= targets(result)


def test_the_north_alone_is_no_state(extract):
    result = extract(
        "Japan and India agreed on trade, a boost for the North and the North Atlantic."
    )
    assert set(result.states) == {"IND", "JPN"}


def test_a_state_compared_with_is_not_a_partner(extract):
    result = extract(
        "Finland, Sweden, Norway and Denmark pool their air forces, which has done more for "
        "defence cooperation than any Franco-German communiqué."
    )
    assert ("DNK", "FIN", "defense") in coop(result)
    assert not {c for c in coop(result) if "DEU" in c or "FRA" in c}


def test_seas_and_publications_are_not_states(extract):
    result = extract(
        "Tensions in the South China Sea worried readers of China Daily and the Japan Times."
    )
    assert result.states == ()


def test_seas_named_together_in_the_plural_are_not_states(extract):
    result = extract("Leaders opposed coercion in the East and South China Seas.")
    assert result.states == ()


def test_states_flying_together_in_an_exercise_cooperate_on_exercises(extract):
    result = extract(
        "German, French and Spanish fighters flew alongside Japan's air force over "
        "Hokkaido in an exercise dubbed Nippon Skies."
    )
    assert ("DEU", "FRA", "military_exercises") in coop(result)


def test_an_exercise_in_futility_is_no_drill(extract):
    result = extract("Japan and China agreed that the talks were an exercise in futility.")
    assert not any(d == "military_exercises" for _, _, d in coop(result))


@pytest.mark.parametrize(
    "text",
    [
        "Translated from Spanish\nBrazil and Uruguay agreed to expand trade.",
        (
            "Brazil and Uruguay agreed to expand trade, said a fellow at the Norwegian Institute "
            "of International Affairs."
        ),
    ],
)
def test_a_language_or_an_institute_named_for_a_state_is_no_state(extract, text):
    assert set(extract(text).states) == {"BRA", "URY"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The four run a maritime domain awareness partnership jointly.",
        "The four are running joint work on maritime security.",
    ],
)
def test_a_number_standing_alone_before_a_verb_stands_for_the_states_just_named(extract, sentence):
    result = extract(
        "Japan and India agreed to expand trade. Japan and India also agreed to cooperate on "
        "semiconductors. Separately, Australia, Britain, Canada and New Zealand met in "
        "Ottawa. " + sentence
    )
    assert ("AUS", "CAN", "maritime_security") in coop(result)
    assert ("IND", "JPN", "maritime_security") not in coop(result)


def test_officials_in_a_capital_stand_for_its_government(extract):
    result = extract("Officials in Tokyo and Manila agreed to expand coast guard cooperation.")
    assert {"JPN", "PHL"} <= set(result.states)


def test_an_ambiguous_name_in_a_list_of_states_is_a_state(extract):
    result = extract("Kazakhstan, Azerbaijan, Georgia and Turkey coordinate rail tariffs.")
    assert "GEO" in result.states


def test_an_ambiguous_name_alone_is_not_a_state(extract):
    assert "GEO" not in extract("Japan and India agreed a chip deal in Georgia.").states


@pytest.mark.parametrize(
    ("text", "states"),
    [
        pytest.param(
            "Japan and India agreed to cooperate on semiconductors, a researcher at a "
            "Dakar-based institute said, and a Singapore-registered affiliate won the port.",
            {"IND", "JPN"},
            id="a place compound",
        ),
        pytest.param(
            "Australia and Papua New Guinea agreed to deepen defence cooperation, said Ms "
            "Clare Wexford of the Pacific and Timor-Leste Division.",
            {"AUS", "PNG"},
            id="an office named for a state",
        ),
        pytest.param(
            "Japan and India agreed to cooperate on semiconductors; Taiwan Semiconductor "
            "Manufacturing Co (2330.TW) fell and Brazil Strategic Minerals (BSM.AX) rose.",
            {"IND", "JPN"},
            id="a company",
        ),
        pytest.param(
            "Nigeria and Ghana will coordinate maritime security under the Yaoundé Code of "
            "Conduct and the Paris Agreement.",
            {"GHA", "NGA"},
            id="a document named for a capital",
        ),
        pytest.param(
            "Trade talks between China and the U.S. concluded in Lisbon, Portugal, and the two "
            "sides will meet again at Kuala Lumpur.",
            {"CHN", "USA"},
            id="a venue",
        ),
    ],
)
def test_a_name_made_a_place_or_an_office_by_what_follows_names_no_state(extract, text, states):
    assert set(extract(text).states) == states


def test_a_named_strait_or_gap_between_states_is_a_place(extract):
    result = extract(
        "Canada and Norway agreed to deepen maritime security as submarines transit the "
        "Greenland–Iceland–United Kingdom gap."
    )
    assert set(result.states) == {"CAN", "NOR"}


def test_a_known_leader_stands_for_the_state(extract):
    assert "IND" in extract("Modi spoke about the economy.").states


# ------------------------------------------------------------- cooperation
def test_coordinated_states_with_a_cue_cooperate_on_each_listed_domain(extract):
    result = extract(
        "Japan and India agreed to cooperate on semiconductors, critical minerals and clean energy."
    )
    assert coop(result) == {
        ("IND", "JPN", d) for d in ("semiconductors", "critical_minerals", "clean_energy")
    }


def test_states_named_together_in_a_drill_exercise_together_without_a_cue_word(extract):
    result = extract("Ships from China, Russia and Iran gathered for their annual naval drill.")
    assert coop(result) == {
        ("CHN", "IRN", "military_exercises"),
        ("CHN", "RUS", "military_exercises"),
        ("IRN", "RUS", "military_exercises"),
    }


def test_a_collective_in_a_drill_exercises_together(extract):
    result = extract(
        "Japan and Australia are close partners.\n\n"
        "The two navies held their annual exercise in the Coral Sea."
    )
    assert ("AUS", "JPN", "military_exercises") in coop(result)


def test_states_named_as_the_place_of_a_drill_do_not_exercise_together(extract):
    assert coop(extract("China began a naval drill off Taiwan and Japan.")) == set()


@pytest.mark.parametrize(
    "sentence",
    [
        "Japan and Australia pledged to come to each other's aid if attacked.",
        "Japan and Australia agreed to treat an attack on either as an attack on both.",
    ],
)
def test_a_mutual_defence_clause_is_defence_cooperation_not_hostility(extract, sentence):
    assert coop(extract(sentence)) == {("AUS", "JPN", "defense")}


def test_a_pair_phrase_means_the_article_s_pair_when_one_of_it_is_named(extract):
    result = extract(
        "Australia and Papua New Guinea sign treaty\n\n"
        "Fiji and Samoa are watching closely.\n\n"
        "The treaty, signed in Canberra, commits the two neighbours to integrate their forces."
    )
    assert ("AUS", "PNG", "defense") in coop(result)
    assert not {c for c in coop(result) if "FJI" in c}


def test_states_in_a_closing_relative_clause_about_a_thing_do_not_cooperate(extract):
    result = extract(
        "Officials agreed to coordinate coast guard patrols near the islands, "
        "which Japan administers and China claims."
    )
    assert coop(result) == set()


def test_a_pair_phrase_does_not_take_states_from_a_closing_relative_clause(extract):
    result = extract(
        "Japan and Taiwan deepen coast guard ties\n\n"
        "The two coast guards agreed to share information on patrols near the Senkaku "
        "Islands, which Japan administers and Beijing claims."
    )
    assert coop(result) == {("JPN", "TWN", "coast_guard")}


def test_a_multilateral_undertaking_gives_every_pair(extract):
    result = extract(
        "Australia, Britain and the United States agreed to expand joint military exercises."
    )
    assert coop(result) == {
        ("AUS", "GBR", "military_exercises"),
        ("AUS", "USA", "military_exercises"),
        ("GBR", "USA", "military_exercises"),
    }


@pytest.mark.parametrize(
    "text",
    [
        (
            "India and Japan agreed to cooperate on semiconductors, officials at Japan's Ministry "
            "of Economy, Trade and Industry said."
        ),
        (
            "India and Japan agreed to cooperate on semiconductors, India's Commerce and Industry "
            "Minister said."
        ),
        (
            "India and Japan agreed to cooperate on semiconductors, Japan's Minister for Trade and "
            "Industry said."
        ),
        (
            "India and Japan agreed to cooperate on semiconductors, said the director of the "
            "Indo-Pacific Maritime Risk Centre."
        ),
    ],
)
def test_a_domain_word_naming_an_institution_or_office_is_no_domain(extract, text):
    assert coop(extract(text)) == {("IND", "JPN", "semiconductors")}


def test_an_exercise_named_by_its_kind_is_a_military_exercise(extract):
    result = extract("Australia and Japan agreed to hold their first air exercise next year.")
    assert ("AUS", "JPN", "military_exercises") in coop(result)


def test_negated_domains_give_no_cooperation(extract):
    result = extract(
        "Japan and South Korea agreed on hydrogen cooperation but did not agree on fisheries. "
        "The pact does not cover intelligence sharing."
    )
    assert coop(result) == {("JPN", "KOR", "clean_energy")}


def test_failed_talks_give_no_cooperation(extract):
    result = extract("Fisheries talks between Japan and South Korea collapsed again this week.")
    assert coop(result) == set()


@pytest.mark.parametrize(
    "sentence",
    [
        "A proposal to put the two countries' coast guards under a joint command was not adopted.",
        (
            "Officials dismissed reports that the pact would allow Nigeria to station warships at "
            "Ghanaian ports."
        ),
    ],
)
def test_a_proposal_not_adopted_or_a_report_dismissed_gives_no_cooperation(extract, sentence):
    result = extract("Nigeria and Ghana agreed to cooperate on maritime security. " + sentence)
    assert coop(result) == {("GHA", "NGA", "maritime_security")}


def test_tentative_statements_give_no_cooperation(extract):
    result = extract("Tokyo might consider coordinating with Seoul on export controls.")
    assert coop(result) == set()


def test_the_two_sides_refers_to_the_states_the_article_is_about(extract):
    result = extract(
        "India and Japan held talks in New Delhi on strengthening their partnership.\n"
        "The two sides agreed to work together on pharmaceuticals."
    )
    assert ("IND", "JPN", "pharmaceuticals") in coop(result)


def test_the_three_leaders_refers_to_the_last_trio_that_met(extract):
    result = extract(
        "Japan and the Philippines signed a defence pact last year.\n"
        "In April, President Joe Biden hosted Marcos and Prime Minister Fumio Kishida "
        "at a trilateral summit.\n"
        "The three leaders agreed to hold joint coast guard patrols."
    )
    assert {
        ("JPN", "PHL", "coast_guard"),
        ("JPN", "USA", "coast_guard"),
        ("PHL", "USA", "coast_guard"),
    } <= coop(result)


def test_pacts_with_each_partner_do_not_pair_the_partners(extract):
    result = extract("Tokyo signed defence pacts with Australia in 2022 and with Britain in 2023.")
    assert coop(result) == {("AUS", "JPN", "defense"), ("GBR", "JPN", "defense")}


def test_states_with_their_own_pacts_with_a_partner_are_not_paired_together(extract):
    result = extract(
        "Qatar and the United Arab Emirates have their own security pacts with the United States."
    )
    assert coop(result) == {("ARE", "USA", "defense"), ("QAT", "USA", "defense")}


def test_a_failure_word_outside_a_relative_clause_leaves_the_clause_alone(extract):
    result = extract(
        "Qatar, which has a security pact with the United States, declined to comment."
    )
    assert coop(result) == {("QAT", "USA", "defense")}


def test_security_arrangements_are_defence_cooperation(extract):
    result = extract("Japan and Australia signed security arrangements with the Philippines.")
    assert ("JPN", "PHL", "defense") in coop(result)


@pytest.mark.parametrize(
    "text",
    [
        (
            "Australia and Japan agreed to expand intelligence sharing and to hold a trilateral "
            "air exercise next year."
        ),
        (
            "Australia and Japan agreed to expand intelligence sharing and to hold an air exercise "
            "with the United States."
        ),
    ],
)
def test_a_partner_brought_in_by_a_later_conjunct_joins_only_its_domains(extract, text):
    result = extract(
        f"The United States backs Japan and Australia as they deepen cooperation. {text}"
    )
    found = coop(result)
    assert ("AUS", "JPN", "intelligence_sharing") in found
    assert ("AUS", "USA", "military_exercises") in found
    assert ("AUS", "USA", "intelligence_sharing") not in found


def test_cooperation_with_a_partner_counts_amid_hostile_words(extract):
    result = extract(
        "North Korea, which has attacked South Korean ships, deepened its military "
        "cooperation with Russia."
    )
    assert coop(result) == {("PRK", "RUS", "defense")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Australian and Japanese ships took part in naval exercises off Guam.",
            ("AUS", "JPN", "military_exercises"),
        ),
        (
            "Japanese officials are working with the Commerce Department on export controls.",
            ("JPN", "USA", "export_controls"),
        ),
    ],
)
def test_taking_part_and_working_with_are_cooperation(extract, text, expected):
    assert expected in coop(extract(text))


def test_a_state_named_as_a_place_does_not_join_the_demonyms_after_it(extract):
    result = extract(
        "Berlin has stationed a brigade in Lithuania and Polish and German engineers are "
        "building joint fortifications."
    )
    assert coop(result) == {("DEU", "POL", "defense")}


def test_military_mobility_is_defence_cooperation(extract):
    result = extract("Germany and Poland agreed to a joint fund for military mobility.")
    assert coop(result) == {("DEU", "POL", "defense")}


def test_a_place_named_in_passing_is_not_a_partner(extract):
    result = extract(
        "India and Japan agreed to cooperate on connectivity.\n"
        "Japanese assistance will fund rail links in India's Northeast "
        "and trade routes via Myanmar."
    )
    assert all("MMR" not in pair[:2] for pair in coop(result))


def test_attacks_are_not_cooperation(extract):
    result = extract(
        "Russia launched more than 800 drones and missiles at Ukraine overnight, officials said."
    )
    assert coop(result) == set()
    assert ("RUS", "UKR") in targets(result)


def test_a_small_grouping_that_acts_acts_through_its_members(extract):
    result = extract("The Quad leaders agreed to expand maritime domain awareness.")
    members = ("AUS", "IND", "JPN", "USA")
    assert coop(result) == {
        (a, b, "maritime_security") for i, a in enumerate(members) for b in members[i + 1 :]
    }


def test_an_organisation_that_acts_is_not_a_state_pair(extract):
    result = extract("The EU and India agreed to cooperate on semiconductors.")
    assert coop(result) == set()


def test_cooperation_carries_the_sentence_as_evidence(extract):
    text = "Intro line without facts.\nJapan and India agreed to cooperate on semiconductors."
    relation = next(r for r in extract(text).relations if r.predicate == "cooperates_with")
    (evidence,) = relation.evidence
    assert (
        text[evidence.start : evidence.end]
        == evidence.sentence
        == "Japan and India agreed to cooperate on semiconductors."
    )
    assert 0 < evidence.confidence <= 1


def test_hedged_statements_have_lower_confidence(extract):
    firm = extract("Japan and India agreed to cooperate on semiconductors.")
    hedged = extract("Japan and India could cooperate on semiconductors.")
    assert hedged.relations[0].confidence < firm.relations[0].confidence


def test_power_lines_and_transit_routes_are_connectivity(extract):
    result = extract(
        "Greece and Cyprus agreed to build an electricity interconnector. Armenia and "
        "Azerbaijan agreed to open a transit route."
    )
    assert {
        ("CYP", "GRC", "infrastructure_connectivity"),
        ("ARM", "AZE", "infrastructure_connectivity"),
    } <= coop(result)


# An article about Japan and India, then a lead-in line naming another pair.
_PAIR_THEN_LEAD_IN = (
    "Japan and India agreed to cooperate on semiconductors. Japan and India will "
    "also hold joint drills, and Japan and India will share intelligence.\n"
    "Canada and Denmark will also:\n"
)


def test_items_under_a_lead_in_line_take_its_subject(extract):
    result = extract(
        _PAIR_THEN_LEAD_IN + "- Cooperate on critical minerals in Greenland\n"
        "- Co-fund surveys of rare-earth deposits\n"
    )
    assert ("CAN", "DNK", "critical_minerals") in coop(result)
    assert ("IND", "JPN", "critical_minerals") not in coop(result)


def test_a_lead_in_gives_its_subject_only_to_the_list_below_it(extract):
    result = extract(
        _PAIR_THEN_LEAD_IN + "- Cooperate on critical minerals\n"
        "Cooperation on clean energy will deepen too.\n"
    )
    assert ("IND", "JPN", "clean_energy") in coop(result)
    assert ("CAN", "DNK", "clean_energy") not in coop(result)


def test_a_collective_phrase_in_a_new_section_means_the_group_named_there(extract):
    result = extract(
        "Moscow and Pyongyang\n\n"
        "North Korea and Russia signed a defence treaty last year.\n\n"
        "A visit to Warsaw\n\n"
        "Seoul's president arrived in Warsaw as shelling hit the border. "
        "The two sides agreed to cooperate on critical minerals.\n"
    )
    assert ("KOR", "POL", "critical_minerals") in coop(result)
    assert ("PRK", "RUS", "critical_minerals") not in coop(result)


def test_a_small_alliance_acts_through_its_members(extract):
    result = extract("AES ministers signed an agreement with Russia on satellites.")
    assert {("BFA", "RUS", "space"), ("MLI", "RUS", "space"), ("MLI", "NER", "space")} <= coop(
        result
    )


def test_the_juntas_are_a_group_of_states(extract):
    result = extract(
        "Japan and Vietnam agreed to cooperate on coast guards. Japan and Vietnam will "
        "also cooperate on trade.\n"
        "Burkina Faso, Mali and Niger met in Niamey.\n"
        "The three juntas agreed to cooperate on defence."
    )
    assert ("BFA", "NER", "defense") in coop(result)
    assert ("JPN", "VNM", "defense") not in coop(result)


def test_its_members_are_the_members_of_the_group_just_named(extract):
    result = extract(
        "The Joint Expeditionary Force met in Oslo on Monday. Its members agreed to "
        "cooperate on maritime security."
    )
    assert ("GBR", "NOR", "maritime_security") in coop(result)
    assert ("EST", "LTU", "maritime_security") in coop(result)


def test_the_signatories_are_the_states_that_just_signed(extract):
    result = extract(
        "Japan and the United States agreed to deepen trade cooperation. Japan and the "
        "United States also agreed to cooperate on semiconductors. In New Delhi, India, "
        "Saudi Arabia, France and Germany signed a memorandum. The signatories committed "
        "to work together on electricity cables and undersea data cables."
    )
    assert ("DEU", "IND", "digital_infrastructure") in coop(result)
    assert ("FRA", "SAU", "infrastructure_connectivity") in coop(result)
    assert ("JPN", "USA", "digital_infrastructure") not in coop(result)


def test_states_listed_as_a_military_coalition_cooperate_on_defence(extract):
    result = extract(
        "London set it up in 2014 as a standing military coalition: four countries — "
        "the United Kingdom, Norway, Iceland and Estonia — able to deploy together."
    )
    assert ("EST", "ISL", "defense") in coop(result)
    assert ("GBR", "NOR", "defense") in coop(result)


# ----------------------------------------------------------------- targets
@pytest.mark.parametrize(
    "sentence",
    [
        "The allies aim to deter China.",
        "The partnership is meant to counter Chinese coercion.",
        "It reflects strategic competition with China.",
        "They responded to threats, particularly from China.",
        "They promoted export controls to limit China's access to chips.",
        "The pact was a response to China's missile strikes on Palau.",
        "The pact is meant to keep China from gaining a foothold in the Pacific.",
        "Both want to lock China out of the island chain.",
        "The patrols are meant to watch, and deter, China's maritime militia.",
        "The controls are meant to keep their most advanced tools out of China.",
        "The controls are meant to limit China's ability to make advanced chips.",
    ],
)
def test_cooperation_aimed_at_a_state_makes_it_a_target(extract, sentence):
    result = extract("Japan and Australia agreed to deepen defence cooperation. " + sentence)
    assert {("AUS", "CHN"), ("JPN", "CHN")} <= targets(result)


def test_coercive_actions_by_a_state_make_it_the_target_of_their_deterrence(extract):
    result = extract(
        "Japan and the Philippines held a joint maritime exercise. A Philippine Navy "
        'spokesperson said the drill was meant to deter what he called "coercive actions" '
        "by China."
    )
    assert ("PHL", "CHN") in targets(result)


def test_an_aim_at_what_the_speakers_call_a_state_s_doing_names_that_state(extract):
    result = extract(
        "North Korea and Russia signed a defence treaty. Both governments cast it as a "
        "bulwark against what they call U.S.-led hegemonism."
    )
    assert targets(result) == {("PRK", "USA"), ("RUS", "USA")}


def test_a_threat_with_two_joined_modifiers_names_its_owner(extract):
    result = extract(
        "Japan and Australia agreed to deepen cooperation. "
        "The allies pledged to deter North Korea's nuclear and missile threats."
    )
    assert targets(result) == {("AUS", "PRK"), ("JPN", "PRK")}


def test_they_after_a_people_just_named_are_those_people_not_the_last_group(extract):
    result = extract(
        "China, Russia and Iran began their annual naval drill. "
        "Iranian commanders say they see it as a way to push back against American power."
    )
    assert targets(result) == {("IRN", "USA")}


def test_a_likeness_to_an_organisation_is_not_the_organisation_acting(extract):
    result = extract(
        "Japan, South Korea and the United States agreed to deepen defence cooperation. "
        'North Korea denounced the pact as an "Asian NATO", and its military cooperation '
        "with Russia deepened. The three governments pledged to deter North Korea's "
        "nuclear threats."
    )
    assert targets(result) == {("JPN", "PRK"), ("KOR", "PRK"), ("USA", "PRK")}


@pytest.mark.parametrize(
    "sentence",
    [
        "The pact is not directed against China.",
        "The drills were not aimed at China, officials said.",
    ],
)
def test_an_aim_that_is_denied_names_no_target(extract, sentence):
    result = extract("Japan and Australia agreed to deepen defence cooperation. " + sentence)
    assert not targets(result)


def test_the_object_of_another_state_s_attack_is_not_the_actors_target(extract):
    result = extract(
        "Japan and Australia agreed to deepen defence cooperation. "
        "The pact was a response to China's missile strikes on Palau."
    )
    assert not {t for t in targets(result) if t[1] == "PLW"}


def test_a_target_named_after_the_clause_s_own_subject_is_that_subject_s(extract):
    result = extract(
        "India and the UAE agreed to deepen trade cooperation. In his reading, Riyadh "
        "is hedging against Iran."
    )
    assert targets(result) == {("SAU", "IRN")}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "India and the UAE agreed to deepen trade cooperation. She conceded that "
            "Iran's missile strike on Al Udeid had changed the public mood.",
            id="a remark on an attack is no aim of the article's core",
        ),
        pytest.param(
            "Qatar and Turkey agreed to deepen defence cooperation. Doha is not part of "
            "any arrangement directed at Tehran.",
            id="an aim denied a few words before its cue",
        ),
        pytest.param(
            "Japan and India agreed to cooperate on trade, a way to balance Washington's "
            "demands on tariffs.",
            id="the owner of what is balanced",
        ),
        pytest.param(
            "Britain and Italy agreed to cooperate on defence, and folded their own "
            "future-fighter plans into Japan's programme.",
            id="a fighter jet is no fight",
        ),
        pytest.param(
            "Japan and India agreed to cooperate on semiconductors, building India's "
            "capacity to make chips.",
            id="a capacity built, not limited",
        ),
    ],
)
def test_a_sentence_that_aims_at_no_one_names_no_target(extract, text):
    assert targets(extract(text)) == set()


def test_a_state_s_access_is_a_target_only_when_limited(extract):
    opened = extract(
        "Japan and Australia agreed to cooperate on critical minerals, securing "
        "India's access to rare earths."
    )
    assert targets(opened) == set()
    limited = extract(
        "Japan and the Netherlands agreed to cooperate on semiconductors to restrict "
        "China's access to advanced chips."
    )
    assert ("JPN", "CHN") in targets(limited)


def test_pressure_from_a_state_is_a_target_only_when_resisted(extract):
    resisted = extract(
        "Japan and the Philippines will cooperate on maritime security to resist "
        "pressure from China."
    )
    assert ("JPN", "CHN") in targets(resisted)
    prompted = extract(
        "Mexico and Guatemala agreed to cooperate on trade, a package that owes "
        "something to pressure from Washington."
    )
    assert targets(prompted) == set()


# -------------------------------------------------------------- agreements
def test_named_agreements_with_acronyms_dates_and_parties(extract):
    result = extract(
        "India and Japan launched the Japan-India AI Cooperation Initiative (JAI) in August 2025 "
        "to cooperate on artificial intelligence."
    )
    (agreement,) = result.agreements
    assert agreement.name == "Japan-India AI Cooperation Initiative"
    assert agreement.aliases == ("JAI",)
    assert (agreement.kind, agreement.parties, agreement.date) == (
        "initiative",
        ("IND", "JPN"),
        "2025-08",
    )
    assert agreement.domains == ("artificial_intelligence",)
    assert agreement.status == "launched"


def test_a_described_trilateral_pact_takes_the_three_states(extract):
    result = extract(
        "The United States affirmed a new trilateral pact with Japan and South Korea on defence."
    )
    (agreement,) = result.agreements
    assert (agreement.name, agreement.kind, agreement.parties) == (
        "trilateral pact",
        "pact",
        ("JPN", "KOR", "USA"),
    )


def test_a_grouping_that_acts_is_an_agreement_with_its_members(extract):
    result = extract("India and Japan reaffirmed Quad cooperation on maritime security.")
    quad = next(a for a in result.agreements if a.kind == "grouping")
    assert quad.parties == ("AUS", "IND", "JPN", "USA")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A defence pact was signed by Britain and Poland last week.", "defence pact"),
        (
            "Tokyo and Canberra will sign a reciprocal access agreement.",
            "reciprocal access agreement",
        ),
        (
            "Washington and Tokyo signed a memorandum on critical minerals on Tuesday.",
            "memorandum on critical minerals",
        ),
        (
            "India and Japan signed a memorandum of cooperation on semiconductor supply chains.",
            "memorandum of cooperation on semiconductor supply chains",
        ),
        (
            "New Delhi and Washington agreed to cooperate on space under the iCET initiative.",
            "iCET initiative",
        ),
        (
            (
                "The Supply Chain Early Warning System was launched by Japan, South Korea and the "
                "United States."
            ),
            "Supply Chain Early Warning System",
        ),
        (
            "Russia and Iran signed a comprehensive strategic partnership treaty last year.",
            "comprehensive strategic partnership treaty",
        ),
        (
            (
                "Taipei and Tokyo agreed to start talks on a supply-chain resilience framework "
                "covering semiconductors and critical materials."
            ),
            "supply-chain resilience framework",
        ),
    ],
)
def test_unnamed_but_clearly_identified_agreements_are_found(extract, text, name):
    assert [a.name for a in extract(text).agreements] == [name]


def test_another_pair_s_own_agreement_is_not_merged_into_a_named_one(extract):
    result = extract(
        "Germany, France and Poland signed the Weimar Defence Procurement Pact. "
        "Britain signed its own defence agreement with Germany in 2024."
    )
    found = {a.name: a.parties for a in result.agreements}
    assert found == {
        "Weimar Defence Procurement Pact": ("DEU", "FRA", "POL"),
        "defence agreement": ("DEU", "GBR"),
    }


def test_a_comparison_is_not_a_name(extract):
    text = (
        "Japan and South Korea deny plans for a NATO-like alliance but agreed on missile defense."
    )
    assert extract(text).agreements == ()


def test_an_edition_number_is_not_part_of_a_dialogue_s_name(extract):
    result = extract(
        "China, Afghanistan and Pakistan agreed to expand trade at the Seventh "
        "China-Afghanistan-Pakistan Foreign Ministers' Dialogue. The Eighth Foreign "
        "Ministers' Dialogue will be held in Beijing."
    )
    assert [a.name for a in result.agreements] == [
        "China-Afghanistan-Pakistan Foreign Ministers' Dialogue"
    ]


def test_a_committee_is_a_mechanism_only_when_its_name_says_between_whom(extract):
    result = extract(
        "Wang Yi, a member of the Political Bureau of the CPC Central Committee, said China "
        "and Indonesia agreed to expand trade, and the China-Indonesia Joint Commission "
        "will meet in Jakarta."
    )
    assert [a.name for a in result.agreements] == ["China-Indonesia Joint Commission"]


def test_a_grouping_of_the_article_s_core_is_an_agreement_wherever_it_is_named(extract):
    result = extract(
        "Australia, Britain and the United States agreed to deepen defence cooperation. "
        "Australia, Britain and the United States also agreed on hypersonic missiles. "
        "Let's start with AUKUS."
    )
    assert "AUKUS" in [a.name for a in result.agreements]


def test_institutions_are_not_agreements(extract):
    result = extract(
        "India and Japan agreed to push for reform at the UN Security Council on global governance."
    )
    assert result.agreements == ()


# ----------------------------------------------------------------- persons
def test_persons_get_their_state_from_the_title_or_the_vocabulary(extract):
    result = extract(
        "Kenyan Foreign Minister Jane Example met External Affairs Minister S. Jaishankar "
        "and his Japanese counterpart, Toshimitsu Motegi."
    )
    persons = {(p.name, p.state) for p in result.persons}
    assert persons == {
        ("Jane Example", "KEN"),
        ("S. Jaishankar", "IND"),
        ("Toshimitsu Motegi", "JPN"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            (
                "Japanese Defence Minister Kenji Morioka and British Defence Secretary "
                "Alistair Rowe met."
            ),
            {
                ("Kenji Morioka", "JPN", "Defence Minister"),
                ("Alistair Rowe", "GBR", "Defence Secretary"),
            },
        ),
        (
            "The Prime Minister of the Republic of Poland, Tomasz Nowak, welcomed the visit.",
            {("Tomasz Nowak", "POL", "Prime Minister of the Republic of Poland")},
        ),
        (
            (
                "Chinese foreign ministry spokesperson Lin Wei told a briefing the drills "
                "were provocative."
            ),
            {("Lin Wei", "CHN", "foreign ministry spokesperson")},
        ),
        (
            '"The sea is our front yard," said Tran Van An, Vietnam\'s deputy foreign minister.',
            {("Tran Van An", "VNM", "deputy foreign minister")},
        ),
        (
            "India's Commerce and Industry Minister Ravi Kumar met the delegation.",
            {("Ravi Kumar", "IND", "Commerce and Industry Minister")},
        ),
        (
            "Chancellor Friedrich Merz and Prime Minister Donald Tusk agreed.",
            {
                ("Friedrich Merz", "DEU", "Chancellor"),
                ("Donald Tusk", "POL", "Prime Minister"),
            },
        ),
        (
            "South Korean President Lee Jae-myung met the delegation.",
            {("Lee Jae-myung", "KOR", "President")},
        ),
        (
            (
                "Talks between External Affairs Minister S. Jaishankar and Japanese Foreign "
                "Minister Toshimitsu Motegi ended."
            ),
            {
                ("S. Jaishankar", "IND", "External Affairs Minister"),
                ("Toshimitsu Motegi", "JPN", "Foreign Minister"),
            },
        ),
        (
            (
                "Chile's Mining Minister Ana Rojas and Argentina's Secretary of Mining Luis "
                "Lucero signed the memorandum."
            ),
            {
                ("Ana Rojas", "CHL", "Mining Minister"),
                ("Luis Lucero", "ARG", "Secretary of Mining"),
            },
        ),
        (
            (
                "Brazil's Minister of Science, Technology and Innovation, Luciana Santos, "
                "signed the agreement."
            ),
            {("Luciana Santos", "BRA", "Minister of Science, Technology and Innovation")},
        ),
        (
            "China's ambassador to Brazil, Zhu Qingqiao, praised the programme.",
            {("Zhu Qingqiao", "CHN", "ambassador to Brazil")},
        ),
        (
            "Kenya's Ambassador to Japan, Grace Wanjiru, attended.",
            {("Grace Wanjiru", "KEN", "Ambassador to Japan")},
        ),
        (
            "Nigeria's Minister of Foreign Affairs, Amb. Musa Bello Kano, signed the memorandum.",
            {("Musa Bello Kano", "NGA", "Minister of Foreign Affairs")},
        ),
        (
            (
                "Ghana and Togo agreed to patrol together. His Ghanaian counterpart, Rear Admiral "
                "Kofi Mensah Asante, said patrols would begin in March."
            ),
            {("Kofi Mensah Asante", "GHA", "Rear Admiral")},
        ),
        (
            (
                "Japan and the Philippines signed the pact. His Japanese counterpart, Defense "
                "Minister Kenji Mori, attended."
            ),
            {("Kenji Mori", "JPN", "Defense Minister")},
        ),
        (
            (
                "India and Indonesia signed nine memorandums. H.E. Mr. Budi Santoso Wibowo, "
                "Coordinating Minister for Economic Affairs of Indonesia, co-chaired the forum."
            ),
            {("Budi Santoso Wibowo", "IDN", "Coordinating Minister for Economic Affairs")},
        ),
        (
            "Britain's Minister for the Middle East, Jane Roe MP, said the talks went well.",
            {("Jane Roe", "GBR", "Minister for the Middle East")},
        ),
        (
            "UAE Energy Minister Suhail al-Nuaimi hosted the meeting.",
            {("Suhail al-Nuaimi", "ARE", "Energy Minister")},
        ),
        (
            "Uruguay's canciller, Mario Rossi, signed the agreement.",
            {("Mario Rossi", "URY", "canciller")},
        ),
        (
            "Kang Min-ho, Seoul's special representative for peace, held phone talks.",
            {("Kang Min-ho", "KOR", "special representative")},
        ),
        (
            (
                "MONTEVIDEO — European Commission President Anna Berg welcomed the trade deal "
                "between Brazil and Uruguay."
            ),
            set(),
        ),
    ],
)
def test_titles_in_the_forms_journalists_write_them(extract, text, expected):
    assert {(p.name, p.state, p.role) for p in extract(text).persons} == expected


def test_an_official_named_without_a_state_acts_for_the_dateline_s_state(extract):
    result = extract(
        "TAIPEI — Japan and Taiwan agreed to expand coast guard cooperation. "
        "Economics Minister Kung Ming-hsin said talks would start next year."
    )
    assert {(p.name, p.state) for p in result.persons} == {("Kung Ming-hsin", "TWN")}


@pytest.mark.parametrize(
    "text",
    [
        "NATO Secretary General Mark Rutte welcomed the defence pact of Poland and Lithuania.",
        (
            "Kaja Kallas, the EU's foreign-policy chief, welcomed the defence pact of Poland and "
            "Lithuania."
        ),
    ],
)
def test_a_former_leader_in_an_organisation_s_office_acts_for_it_not_their_state(extract, text):
    result = extract(text)
    assert set(result.states) == {"LTU", "POL"}
    assert result.persons == ()


def test_the_dateline_may_stand_below_a_masthead_and_a_headline(extract):
    result = extract(
        "THE NATIONAL COURIER\nWednesday, November 18, 2026\n"
        "Nigeria, Ghana sign maritime security pact\n"
        "ABUJA — Nigeria and Ghana on Tuesday agreed to coordinate maritime security.\n"
        "The Minister of Marine, Alhaji Sani Musa Bello, said patrols would start soon."
    )
    assert {(p.name, p.state) for p in result.persons} == {("Sani Musa Bello", "NGA")}


def test_an_official_without_a_state_in_the_title_acts_for_the_state_they_say_will_act(
    extract,
):
    result = extract(
        "Brazil and the United States held talks on tariffs in Washington. Mexico and "
        "Guatemala agreed on a migration plan. Foreign Minister Mauro Vieira said "
        "Brasília would not negotiate under threat."
    )
    assert {(p.name, p.state) for p in result.persons} == {("Mauro Vieira", "BRA")}


def test_a_namesake_of_a_known_office_holder_acts_for_the_state_before_their_title(extract):
    # The vocabulary knows Pedro Sánchez as Spain's prime minister.
    result = extract(
        "Colombia's Defence Minister Pedro Sánchez and Ecuador's Interior Minister "
        "John Reimberg failed to agree on border patrols."
    )
    assert ("Pedro Sánchez", "COL") in {(p.name, p.state) for p in result.persons}
    assert "ESP" not in result.states


def test_a_biography_ends_at_the_next_heading(extract):
    result = extract(
        "Japan and India agreed to cooperate on semiconductors.\nAbout the speakers\n"
        "Dr Ananya Raghavan, visiting fellow in Singapore.\nANALYSIS\n"
        "Brazil and Mexico agreed to cooperate on trade."
    )
    assert set(result.states) == {"BRA", "IND", "JPN", "MEX"}


def test_a_known_person_behind_a_title_and_an_honorific_is_found_once(extract):
    result = extract(
        "Qatar shares a gas field with Iran, and Prime Minister and Foreign Minister "
        "Sheikh Mohammed bin Abdulrahman Al Thani speaks regularly with Tehran."
    )
    assert {(p.name, p.state) for p in result.persons} == {
        ("Mohammed bin Abdulrahman Al Thani", "QAT")
    }


def test_a_lower_case_word_is_not_a_country_code(extract):
    # "and" is not Andorra (AND), "can" is not Canada (CAN).
    result = extract("Trade and Industry Minister Jo Bloggs of Kenya said talks can resume.")
    assert "AND" not in {p.state for p in result.persons}


# ------------------------------------------------------- boilerplate, speed
def test_reader_comments_and_related_links_carry_no_facts(extract):
    result = extract(
        "Japan and India agreed to cooperate on semiconductors.\n\nRelated Articles\n"
        "Germany and France sign defence pact\n\nReader Comments\nBrazil should join them on trade!"
    )
    assert set(result.states) == {"IND", "JPN"}


@pytest.mark.parametrize(
    "line",
    [
        "Also read: Germany and France sign defence pact",
        "Read more: Brazil weighs a trade deal with Mexico",
        "Topics: Germany, France, defence",
        "More explainers\nBrazil and the Gulf: the new corridor politics",
        "What we're reading\n- Brazil pauses its trade deal with Mexico",
        "Coming up after the break: Brazil's election results",
        "In case you missed it\n- Portugal's new golden-visa rules, explained",
        "Associated links\n- Minister's travel to Brazil",
        "Most viewed\n1. Argentina's peso slides after midterm surprise",
        "Sponsored: Expanding into Peru? We handle customs from Callao to Cusco.",
        'Notes and references\n[1] "Uzbekistan\'s Rail Ambitions", Transport Review, 2024.',
        'References[edit]\n1. ^ "Cyprus pitches power link". Cyprus Mail.',
        "Baca Juga:\n• Timnas U-23 Tahan Imbang Vietnam",
        "Komentar (3)\nnina.kartika: Kenapa tidak dengan Brazil?",
        "Trending: Iran nuclear talks | Ukraine ceasefire | Fed minutes | Oil",
        "CORRECTION: An earlier version wrongly said Malaysia's coast guard took part.",
        '"IMEC" redirects here. Not to be confused with imec, the Belgian research centre.',
        "Not to be confused with the Belgian research centre of the same name.",
        "Research | Regions: Africa · Europe · Russia & Eurasia | Events | Experts",
        '13. ^ "Red Sea attacks revive interest in overland routes". Oman Observer. 2024.',
        (
            "SPEAKERS\nHelen Whitcombe (chair)\nDirector, Gulf Programme. She served for "
            "fifteen years in the UK Foreign Office, with postings in Amman and Ankara."
        ),
        "About the author\nA former diplomat, she has been a visiting fellow in Singapore.",
    ],
)
def test_a_labelled_link_or_topic_line_carries_no_facts(extract, line):
    result = extract(f"Japan and India agreed to cooperate on semiconductors.\n{line}\n")
    assert set(result.states) == {"IND", "JPN"}


def test_extraction_is_deterministic(extractor):
    docs = list(load_corpus(SEED_DIR))
    assert [extractor.extract(d) for d in docs] == [Extractor().extract(d) for d in docs]


# --------------------------------------------------------------- yardsticks
def _scores(articles, gold):
    ex = Extractor()
    return evaluate_reports(
        (ex.extract(d).report() for d in load_corpus(articles)), load_gold(gold)
    )


@pytest.fixture(scope="module")
def seed_scores():
    return _scores(SEED_DIR, SEED_GOLD)


@pytest.mark.parametrize(
    ("section", "floor"),
    [
        ("states", 0.95),
        ("cooperation", 0.85),
        ("agreements", 0.85),
        ("persons", 0.95),
        ("targets", 0.70),
    ],
)
def test_seed_articles_meet_the_extraction_targets(seed_scores, section, floor):
    assert seed_scores.sections[section].f1 >= floor


def test_no_trap_state_is_found_in_the_seed_articles(seed_scores):
    assert seed_scores.traps == 0


#: Floors a little under what the rules score on each set of our articles, so a
#: change that generalises worse fails here even when the seeds still pass.
_FLOORS = {
    # Written by the project blind to the rules, then used to improve them.
    "articles": {
        "states": 0.98,
        "cooperation": 0.93,
        "agreements": 0.86,
        "persons": 0.96,
        "targets": 0.83,
    },
    # Written by people who never saw the rules; first scored before any change.
    "outside": {
        "states": 0.97,
        "cooperation": 0.68,
        "agreements": 0.72,
        "persons": 0.87,
        "targets": 0.58,
    },
    # Never used to tune the rules: a guard against regressions.
    "heldout": {
        "states": 0.96,
        "cooperation": 0.56,
        "agreements": 0.8,
        "persons": 0.85,
        "targets": 0.28,
    },
}


def _article_set(name: str) -> tuple[Path, Path]:
    if name == "articles":
        return OWN_DIR, OWN_GOLD
    return ROOT / "tests" / name / "articles", ROOT / "tests" / name / "gold"


@pytest.fixture(scope="module")
def set_scores():
    scores = {}

    def get(name):
        if name not in scores:
            scores[name] = _scores(*_article_set(name))
        return scores[name]

    return get


@pytest.mark.parametrize(
    ("articles", "section", "floor"),
    [
        (name, section, floor)
        for name, floors in _FLOORS.items()
        for section, floor in floors.items()
    ],
)
def test_each_set_of_our_articles_stays_above_its_measured_floor(
    set_scores, articles, section, floor
):
    assert set_scores(articles).sections[section].f1 >= floor
