"""The default triage rules, signal by signal: English and Welsh texts that fire each one,
and a near miss that does not; answers-based signals; urgency; quality flags; suggestions;
units; completeness checks; targets. Pure unit tests: no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from frontcounter.triage_rules import rules_vocabulary
from services.rules import (
    DEFAULT_RULES_PATH,
    Rules,
    RulesOutcome,
    TargetState,
    evaluate,
    facts_for,
    load_rules_file,
    target_for,
    target_state,
    urgency_score,
    warning_window,
)
from services.rules.matching import WordList, welsh_mutations, words_of

TODAY = date(2026, 11, 26)
CRIME = "report-a-crime"


@pytest.fixture(scope="module")
def rules() -> Rules:
    # Checked against the real services and answer fields, as create_app checks it.
    return load_rules_file(DEFAULT_RULES_PATH, rules_vocabulary())


def run(rules: Rules, data: dict[str, Any], service: str = CRIME, kind: str = "crime", language: str = "en",
        raised: tuple[str, ...] = ()) -> RulesOutcome:
    facts = facts_for(rules, service=service, kind=kind, data=data, today=TODAY)
    return evaluate(rules, facts, language=language, raised=raised)


def fired(rules: Rules, text: str, service: str = CRIME) -> set[str]:
    outcome = run(rules, {"description": text}, service=service)
    return {signal.rule for signal in outcome.signals} | {flag["flag"] for flag in outcome.quality_flags}


# (rule id, English text that fires it, Welsh text that fires it, a near miss that does not)
WORD_RULES = [
    ("words_self_harm", "My brother says he wants to kill himself.", "Mae fy mrawd yn sôn am hunanladdiad.",
     "I overdid it at the gym and hurt my back."),
    ("words_threat_to_life", "He threatened to kill me if I went to the police.", "Roedd e'n bygwth fy lladd.",
     "He killed the engine and drove off."),
    ("words_weapon", "He pulled a knife on me outside the shop.", "Roedd ganddo gyllell yn ei law.",
     "The match had begun when someone took my penknifeless bag."),
    ("words_domestic_abuse", "My husband is very controlling and strangled me last week.", "Mae e'n fy nhagu pan mae'n flin.",
     "The remote control for the gate was broken."),
    ("words_partner", "My ex-partner keeps sending messages.", "Mae fy mhartner wedi newid y cloeon.",
     "The partnership office was broken into."),
    ("partner_with_violence", "My ex-partner punched me in the street.", "Gwnaeth fy nghyn-bartner fy nharo.",
     "My partner and I came home to find the shed open."),
    ("words_stalking", "A man keeps following me home and watching my house.", "Mae rhywun yn fy stelcian ers mis.",
     "The flower stalks in the planter were cut."),
    ("words_sexual_violence", "She was raped after the party.", "Cafodd ei threisio ar ôl y parti.",
     "Someone stole grapes and drapes from the stall."),
    ("words_exploitation", "They took my passport and I was forced to work for nothing.",
     "Rwy'n credu bod hyn yn gaethwasiaeth fodern.", "The traffic lights at the junction were smashed."),
    ("words_child_at_risk", "The children are left home alone every night.", "Mae plentyn mewn perygl yn y tŷ drws nesaf.",
     "My son's bike was stolen from school."),
    ("words_children", "My kids were in the back of the car.", "Roedd y plant yn y car.",
     "There was childish graffiti on the wall."),
    ("words_hate", "They shouted racist abuse at me.", "Roedd y sylwadau yn hiliol.",
     "The race was cancelled because of the rain."),
    ("words_elder_abuse", "Her carer has been taking money from her account.", "Mae'r gofalwr yn dwyn ei harian.",
     "I care for my garden and someone took the gnome."),
    ("words_mental_health_crisis", "He is hearing voices and has not slept.", "Mae hi'n cael argyfwng iechyd meddwl.",
     "My car had a breakdown on the ring road."),
    ("words_honour_based_abuse", "Her family is planning a forced marriage abroad.", "Mae ei theulu yn trefnu priodas dan orfod.",
     "They were married last year at a lovely wedding."),
    ("words_disability", "My neighbour uses a wheelchair.", "Mae fy nghymydog mewn cadair olwyn.",
     "The burglars disabled the alarm first."),
    # Quality checks
    ("officer_named", "PC Jones took my statement last week.", "Siaradais â'r Cwnstabl Jones ddoe.",
     "The pcb in the alarm was damaged."),
    ("complaint_about_police", "I want to make a complaint about the police officer who came.",
     "Rwyf eisiau gwneud cwyn am yr heddlu.", "I complained about the noise to the council."),
    ("safeguarding_words", "Her social worker knows about this.", "Mae'r gweithiwr cymdeithasol yn gwybod.",
     "The photos were shared on social media."),
    ("special_category_data", "They stole my bank details and my password.", "Cafodd fy manylion banc eu dwyn.",
     "The bank on the corner was closed."),
    ("media_interest", "A journalist called me about it.", "Mae newyddiadurwr wedi cysylltu â fi.",
     "I had to press the buzzer twice."),
]


@pytest.mark.parametrize(("rule", "english", "welsh", "near_miss"), WORD_RULES, ids=[case[0] for case in WORD_RULES])
def test_each_word_rule_fires_in_english_and_welsh_and_not_on_a_near_miss(
    rules: Rules, rule: str, english: str, welsh: str, near_miss: str
) -> None:
    assert rule in fired(rules, english)
    assert rule in fired(rules, welsh)
    assert rule not in fired(rules, near_miss)


def test_every_word_signal_and_quality_check_of_the_default_rules_is_tested(rules: Rules) -> None:
    with_words = {rule.id for rule in (*rules.signals, *rules.quality) if rule.match.words is not None}
    assert with_words == {case[0] for case in WORD_RULES}


def test_a_fired_signal_says_why_in_words_a_call_handler_reads(rules: Rules) -> None:
    outcome = run(rules, {"description": "Roedd ganddo gyllell."}, language="cy")
    weapon = next(signal for signal in outcome.signals if signal.rule == "words_weapon")
    assert (weapon.flag, weapon.weight, weapon.reason) == ("weapon", 45, "free text mentions a weapon")
    assert rules.rule_reason("words_weapon").cy == "mae'r testun yn sôn am arf"


@pytest.mark.parametrize("text", ["Roedd ganddo gyllell.", "Daeth e â chyllell.", "Roedd fy nghyllell ar goll.",
                                  "Roedd ganddo GWN.", "Daeth â'i ddryll", "Roedd gyda ni ngwn"])
def test_welsh_weapons_match_in_their_mutated_forms(rules: Rules, text: str) -> None:
    assert "words_weapon" in fired(rules, text)


def test_words_match_whole_words_only_in_any_case_and_with_or_without_accents() -> None:
    words = WordList(["gun", "knife", "strangl*", "won't leave me alone"], ["tŷ"])
    assert words.find(words_of("It had begun")) is None
    assert words.find(words_of("a knifeless fork")) is None
    assert words.find(words_of("a KNIFE-wielding man")) == "knife"
    assert words.find(words_of("he was strangling her")) == "strangl*"
    assert words.find(words_of("He won\u2019t leave me alone")) == "won't leave me alone"
    assert words.find(words_of("yn y ty")) == "tŷ"
    assert words.find(words_of("Gwnaeth rhywun")) is None


def test_welsh_mutations_cover_soft_nasal_and_aspirate_forms_but_not_too_short_ones() -> None:
    assert set(welsh_mutations("cyllell")) == {"cyllell", "gyllell", "nghyllell", "chyllell"}
    assert set(welsh_mutations("partner")) == {"partner", "bartner", "mhartner", "phartner"}
    assert set(welsh_mutations("llafn")) == {"llafn", "lafn"}
    assert set(welsh_mutations("gwn")) == {"gwn", "ngwn"}  # "wn" would be too short to trust
    assert set(welsh_mutations("anabl")) == {"anabl", "hanabl"}
    assert welsh_mutations("chwalfa") == ["chwalfa"]


def test_the_firearms_application_does_not_raise_weapon_or_stalking_flags_for_its_own_subject(rules: Rules) -> None:
    service = "apply-for-a-firearm-or-shotgun-certificate"
    outcome = run(rules, {"other_reasons": "x", "medical_details": "Deer stalking with a rifle and a shotgun."},
                  service=service, kind="application")
    assert {signal.flag for signal in outcome.signals} == set()


# --- From answers ---

@pytest.mark.parametrize(
    ("data", "rule", "flag"),
    [
        ({"risk_factors": ["under_18"]}, "risk_under_18", "under_18"),
        ({"risk_factors": ["disability"]}, "risk_disability", "disability"),
        ({"risk_factors": ["mental_health"]}, "risk_mental_health", "mental_health"),
        ({"risk_factors": ["repeat_victim"]}, "risk_repeat_victim", "repeat_victim"),
        ({"risk_factors": ["domestic_abuse"]}, "risk_domestic_abuse", "domestic_abuse"),
        ({"date_of_birth": date(2010, 1, 1)}, "age_under_18", "under_18"),
        ({"date_of_birth": date(1945, 1, 1)}, "age_75_or_over", "elderly"),
        ({"category": "hate", "hostility": ["race"]}, "hate_category", "hate_crime"),
        ({"category": "assault", "hostility": ["disability"]}, "hostility_given", "hate_crime"),
        ({"interpreter_needed": "yes"}, "interpreter_needed", "language_barrier"),
    ],
)
def test_answers_raise_signals(rules: Rules, data: dict[str, Any], rule: str, flag: str) -> None:
    outcome = run(rules, {"category": "theft", **data})
    assert (rule, flag) in {(signal.rule, signal.flag) for signal in outcome.signals}


def test_answers_that_do_not_raise_anything(rules: Rules) -> None:
    outcome = run(rules, {"category": "theft", "risk_factors": [], "hostility": [], "date_of_birth": date(1990, 2, 14),
                          "interpreter_needed": "no", "description": "My phone was taken."})
    assert outcome.signals == ()


def test_answers_of_other_services_raise_their_signals(rules: Rules) -> None:
    sarah = run(rules, {"children": [{"first_name": "Amy", "age": 7}], "immediate_danger": "no"},
                service="sarahs-law-disclosure-request", kind="information_request")
    assert {signal.rule for signal in sarah.signals} == {"sarahs_law_children"}
    road = run(rules, {"injury_severity": "serious", "injury_details": "Broken leg"},
               service="report-a-road-traffic-incident", kind="incident")
    assert {signal.flag for signal in road.signals} == {"serious_injury"}
    asb = run(rules, {"reported_before": "yes", "impact": ["children"]}, service="report-anti-social-behaviour", kind="incident")
    assert {signal.flag for signal in asb.signals} == {"repeat_victim", "children_involved"}


# --- Urgency ---

def test_urgency_orders_reports_by_what_they_raise(rules: Rules) -> None:
    def score(text: str, **data: Any) -> int:
        outcome = run(rules, {"category": "theft", "description": text, **data})
        return urgency_score(rules, (), outcome.signals)

    plain = score("My phone was taken from the table.")
    weapon = score("He had a knife and took my phone.")
    weapon_and_suicide = score("He had a knife. Since then I have thought about suicide.")
    assert plain == 0
    assert weapon == 45
    assert weapon_and_suicide == 45 + 60
    assert plain < weapon < weapon_and_suicide


def test_a_flag_raised_twice_counts_once_at_its_highest_weight(rules: Rules) -> None:
    outcome = run(rules, {"category": "assault", "risk_factors": ["domestic_abuse"],
                          "description": "It was domestic abuse again."}, raised=("domestic_abuse",))
    assert [signal.flag for signal in outcome.signals].count("domestic_abuse") == 2
    assert urgency_score(rules, ("domestic_abuse",), outcome.signals) == 50
    crisis = run(rules, {"risk_factors": ["mental_health"], "description": "He is hearing voices."})
    # The crisis words weigh more than the answer alone: the higher weight counts.
    assert urgency_score(rules, ("mental_health",), crisis.signals) == 40


# --- Suggestions, units, completeness ---

@pytest.mark.parametrize(
    ("data", "category", "crime_class"),
    [
        ({"category": "theft", "description": "My bike was taken from the rack."}, "Crime - Theft", "Bicycle theft"),
        ({"category": "theft", "description": "Someone took my purse from my bag on the bus."}, "Crime - Theft", "Theft from the person"),
        ({"category": "theft", "description": "Fe wnaeth rhywun gipio fy ffôn."}, "Crime - Theft", "Theft from the person"),
        ({"category": "theft", "description": "He was shoplifting from our store."}, "Crime - Theft", "Shoplifting"),
        ({"category": "theft", "description": "I was mugged on the way home."}, "Crime - Robbery", "Robbery of personal property"),
        ({"category": "theft", "description": "My lawnmower went missing."}, "Crime - Theft", "Other theft"),
        ({"category": "burglary", "description": "Torrodd rhywun i mewn i'r siop."}, "Crime - Burglary", "Burglary - business and community"),
        ({"category": "burglary", "description": "They came in through the back."}, "Crime - Burglary", "Burglary - residential"),
        ({"category": "criminal_damage", "description": "My car was keyed."}, "Crime - Criminal Damage", "Criminal damage to a vehicle"),
        ({"category": "criminal_damage", "description": "Someone set fire to the bins."}, "Crime - Criminal Damage", "Arson not endangering life"),
        ({"category": "criminal_damage", "description": "They broke my front door."}, "Crime - Criminal Damage", "Criminal damage to a dwelling"),
        ({"category": "hate", "hostility": ["race"], "description": "Shouting."}, "Crime - Public Order",
         "Racially/religiously aggravated public fear, alarm or distress"),
        ({"category": "hate", "hostility": ["disability"], "description": "Shouting."}, "Crime - Public Order", "Public fear, alarm or distress"),
        ({"category": "harassment", "description": "He keeps following me home."}, "Crime - Violence Against the Person", "Stalking"),
        ({"category": "harassment", "description": "Nasty messages."}, "Crime - Violence Against the Person", "Harassment"),
        ({"category": "assault", "anyone_hurt": "yes", "description": "Punched."}, "Crime - Violence Against the Person", "Assault with injury"),
        ({"category": "assault", "anyone_hurt": "no", "description": "Pushed."}, "Crime - Violence Against the Person", "Assault without injury"),
        ({"category": "other", "description": "Something else."}, "Crime - Other", None),
    ],
)
def test_crime_reports_get_an_nsir_category_and_a_counting_rules_class(
    rules: Rules, data: dict[str, Any], category: str, crime_class: str | None
) -> None:
    outcome = run(rules, data)
    assert (outcome.incident_category, outcome.crime_class) == (category, crime_class)


@pytest.mark.parametrize(
    ("service", "data", "category", "crime_class"),
    [
        ("report-a-vehicle", {"report_type": "stolen"}, "Crime - Vehicle Crime", "Theft or unauthorised taking of a motor vehicle"),
        ("report-a-vehicle", {"report_type": "abandoned"}, "ASB - Environmental", None),
        ("report-a-road-traffic-incident", {"incident_type": "dangerous_driving", "injury_severity": "none"},
         "Transport - Road Related Offence", "Dangerous driving"),
        ("report-a-road-traffic-incident", {"incident_type": "collision", "injury_severity": "minor"}, "Transport - RTC Injury", None),
        ("report-a-road-traffic-incident", {"incident_type": "collision", "injury_severity": "none"}, "Transport - RTC Damage Only", None),
        ("report-anti-social-behaviour", {"asb_type": "personal"}, "ASB - Personal", None),
        ("report-anti-social-behaviour", {"asb_type": "nuisance"}, "ASB - Nuisance", None),
        ("request-information-foi", {}, "Admin - Information Request", None),
        ("apply-for-a-firearm-or-shotgun-certificate", {}, "Admin - Firearms Licensing", None),
        ("clares-law-right-to-ask", {"asking_for": "self"}, "Public Safety - Domestic Incident", None),
    ],
)
def test_other_services_get_a_category(rules: Rules, service: str, data: dict[str, Any], category: str,
                                       crime_class: str | None) -> None:
    outcome = run(rules, data, service=service, kind="incident")
    assert (outcome.incident_category, outcome.crime_class) == (category, crime_class)


@pytest.mark.parametrize(
    ("service", "data", "unit"),
    [
        (CRIME, {"category": "hate", "hostility": ["race"]}, "hate_crime_unit"),
        (CRIME, {"category": "theft", "description": "Roedd e'n hiliol."}, "hate_crime_unit"),
        (CRIME, {"category": "assault", "risk_factors": ["domestic_abuse"]}, "public_protection_unit"),
        (CRIME, {"category": "assault", "description": "My ex-partner slapped me."}, "public_protection_unit"),
        # Domestic abuse with hostility: public protection comes first.
        (CRIME, {"category": "hate", "hostility": ["race"], "risk_factors": ["domestic_abuse"]}, "public_protection_unit"),
        (CRIME, {"category": "theft", "description": "My bike was taken."}, "force_contact"),
        ("report-a-road-traffic-incident", {"incident_type": "collision"}, "roads_policing"),
        ("apply-for-a-firearm-or-shotgun-certificate", {}, "firearms_licensing"),
        ("request-information-foi", {}, "information_management"),
        ("request-your-personal-information", {}, "information_management"),
        ("report-anti-social-behaviour", {"asb_type": "nuisance"}, "neighbourhood_policing"),
        ("sarahs-law-disclosure-request", {"children": [{"first_name": "Amy", "age": 7}]}, "public_protection_unit"),
    ],
)
def test_allocation_suggests_a_unit(rules: Rules, service: str, data: dict[str, Any], unit: str) -> None:
    outcome = run(rules, data, service=service, kind="crime")
    assert outcome.unit == unit
    assert rules.unit_label(unit) and rules.unit_label(unit, "cy") != rules.unit_label(unit, "en")


def test_completeness_checks_find_missing_details_and_word_the_question_in_the_reporters_language(rules: Rules) -> None:
    sparse = {"category": "theft", "description": "Taken.", "postcode": "B4 6NQ", "email": "a@example.com",
              "safe_to_contact": "yes"}
    english = run(rules, sparse)
    assert {issue["check"] for issue in english.completeness_issues} == {"crime_no_suspect_or_location_detail", "theft_no_property"}
    property_issue = next(issue for issue in english.completeness_issues if issue["check"] == "theft_no_property")
    assert property_issue["reason"] == "no stolen property described"
    assert property_issue["question"].startswith("What was taken?")
    welsh = run(rules, sparse, language="cy")
    assert next(issue for issue in welsh.completeness_issues if issue["check"] == "theft_no_property")["question"].startswith("Beth gafodd")
    assert next(issue for issue in welsh.completeness_issues if issue["check"] == "theft_no_property")["reason"] == "no stolen property described"

    complete = {**sparse, "location_description": "Outside the library", "property_items": [{"description": "Phone", "value": 100}]}
    assert run(rules, complete).completeness_issues == []


def test_completeness_checks_of_other_services(rules: Rules) -> None:
    vehicle = run(rules, {"report_type": "stolen", "registration": "", "email": "a@example.com"}, service="report-a-vehicle")
    assert [issue["check"] for issue in vehicle.completeness_issues] == ["stolen_vehicle_no_identifier"]
    with_reg = run(rules, {"report_type": "stolen", "registration": "AB12 CDE", "email": "a@example.com"}, service="report-a-vehicle")
    assert with_reg.completeness_issues == []
    nobody = run(rules, {"category": "other", "location_description": "Park", "suspect_name": "Bob", "safe_to_contact": "yes"})
    assert [issue["check"] for issue in nobody.completeness_issues] == ["no_contact_details"]
    not_safe = run(rules, {"category": "other", "location_description": "Park", "suspect_name": "Bob", "safe_to_contact": "no"})
    assert not_safe.completeness_issues == []


# --- Targets ---

def test_targets_per_grade_and_for_untriaged_items(rules: Rules) -> None:
    assert target_for(None, False, rules) == timedelta(hours=24)
    assert target_for(None, True, rules) == timedelta(hours=4)
    assert target_for("emergency", False, rules) == timedelta(minutes=15)
    assert target_for("priority", True, rules) == timedelta(hours=1)
    assert target_for("scheduled", False, rules) == timedelta(days=2)
    assert target_for("resolution_without_deployment", False, rules) == timedelta(days=3)
    assert warning_window(None, False, rules) == timedelta(hours=4)
    assert warning_window(None, True, rules) == timedelta(hours=1)
    assert warning_window("emergency", False, rules) == timedelta(minutes=5)


def test_an_item_is_on_time_then_near_then_past_its_target(rules: Rules) -> None:
    made = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    target_at = made + target_for(None, True, rules)

    def state(minutes: int) -> TargetState:
        return target_state(target_at, None, True, made + timedelta(minutes=minutes), rules)

    assert state(0) is TargetState.ON_TIME
    assert state(179) is TargetState.ON_TIME
    assert state(180) is TargetState.NEAR
    assert state(239) is TargetState.NEAR
    assert state(240) is TargetState.PAST
