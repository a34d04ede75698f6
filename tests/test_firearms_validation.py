"""Every validation rule of the firearm and shotgun certificate pages, in English and in Welsh,
and the schema that checks the whole application again (the one other channels will use)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date
from babel.support import Translations
from marshmallow import ValidationError

from services.journeys.firearms import FirearmsApplicationSchema
from tests.firearms_journey import FIREARMS, FIVE_YEARS_AGO, TODAY, date_parts, firearms_pages, previous_address, upto
from tests.journeys import answer
from tests.pages import PageClient

TRANSLATIONS = Translations.load(str(Path(__file__).resolve().parent.parent / "translations"), ["cy"])
FUTURE = TODAY + timedelta(days=1)
RECENT = TODAY - timedelta(days=400)  # moved home recently, so previous addresses are asked

# The date each date error names, by the field its link points at.
DATE_NAMES = {
    "#date_of_birth-day": "Date of birth",
    "#date_of_birth-month": "Date of birth",
    "#moved_in-day": "The date you moved to this address",
    "#previous_addresses-0-moved_in-day": "The date you moved in",
    "#previous_addresses-0-moved_out-day": "The date you moved out",
}
REFEREE_FIELDS = ("name", "occupation", "address_line_1", "town", "postcode", "phone", "email", "years_known", "confirmed")
REFEREE = {f"first_referee-{name}": value for name, value in (
    ("name", "Sam Jones"), ("occupation", "Vet"), ("address_line_1", "3 Broad Street"), ("town", "Ludlow"),
    ("postcode", "SY8 1NG"), ("phone", "01632 960 123"), ("email", "sam@example.com"), ("years_known", "6"), ("confirmed", "confirmed"),
)}
ADDRESS = {"previous_addresses-0-line_1": "1 Road", "previous_addresses-0-town": "Bath",
           **date_parts("previous_addresses-0-moved_in", date(2015, 1, 1)), **date_parts("previous_addresses-0-moved_out", RECENT)}
FIREARM = {"firearms-0-description": "Rifle", "firearms-0-calibre": ".22", "firearms-0-reason": "target_shooting"}
LONG = "x" * 5001

# (page, journey options, posted data, expected [(message, link)]); messages are English msgids.
CASES: list[tuple[str, dict[str, Any], dict[str, Any], list[tuple[str, str]]]] = [
    ("certificate-type", {}, {}, [("Select which certificate you are applying for", "#certificate_type")]),
    ("certificate-type", {}, {"certificate_type": "air-rifle"}, [("Select which certificate you are applying for", "#certificate_type")]),
    ("application-type", {}, {}, [("Select if you are applying for a new certificate or a renewal", "#application_type")]),
    ("application-type", {}, {"application_type": "renewal"}, [("Enter your current certificate number", "#current_certificate_number")]),
    ("application-type", {}, {"application_type": "renewal", "current_certificate_number": "1" * 51},
     [("Certificate number must be 50 characters or fewer", "#current_certificate_number")]),
    ("application-type", {}, {"application_type": "renewal", "current_certificate_number": "12#34!"},
     [("Certificate number must only include letters, numbers, spaces, hyphens and slashes", "#current_certificate_number")]),
    ("personal-details", {}, {}, [
        ("Enter your full name", "#full_name"), ("Enter your date of birth", "#date_of_birth-day"),
        ("Enter your place of birth", "#place_of_birth"), ("Enter your nationality", "#nationality"),
    ]),
    ("personal-details", {}, {"full_name": "x" * 201, "previous_names": "x" * 501, "place_of_birth": "x" * 101, "nationality": "x" * 101,
                              **date_parts("date_of_birth", date(1980, 1, 1))}, [
        ("Full name must be 200 characters or fewer", "#full_name"), ("Other names must be 500 characters or fewer", "#previous_names"),
        ("Place of birth must be 100 characters or fewer", "#place_of_birth"), ("Nationality must be 100 characters or fewer", "#nationality"),
    ]),
    ("personal-details", {}, {"full_name": "A", "place_of_birth": "B", "nationality": "C", **date_parts("date_of_birth", FUTURE)},
     [("%(name)s must be today or in the past", "#date_of_birth-day")]),
    ("personal-details", {}, {"full_name": "A", "place_of_birth": "B", "nationality": "C",
                              "date_of_birth-day": "31", "date_of_birth-month": "2", "date_of_birth-year": "1990"},
     [("%(name)s must be a real date", "#date_of_birth-day")]),
    ("personal-details", {}, {"full_name": "A", "place_of_birth": "B", "nationality": "C",
                              "date_of_birth-day": "3", "date_of_birth-month": "", "date_of_birth-year": "1990"},
     [("%(name)s must include a month", "#date_of_birth-month")]),
    ("personal-details", {"certificate": "firearm"}, {"full_name": "A", "place_of_birth": "B", "nationality": "C",
                                                      **date_parts("date_of_birth", TODAY - timedelta(days=365 * 16))},
     [("You must be 18 or over to apply for a new firearm certificate", "#date_of_birth-day")]),
    ("home-address", {}, {"address_postcode": "SY8"}, [
        ("Enter address line 1, typically the building and street", "#address_line_1"), ("Enter town or city", "#address_town"),
        ("Enter a real postcode, like B4 6NQ", "#address_postcode"), ("Enter the date you moved to this address", "#moved_in-day"),
    ]),
    ("home-address", {}, {"address_line_1": "1 Road", "address_town": "Ludlow", "address_postcode": "SY8 1AA", **date_parts("moved_in", FUTURE)},
     [("%(name)s must be today or in the past", "#moved_in-day")]),
    ("previous-addresses", {"moved_in": RECENT}, {}, [
        ("Enter address line 1, typically the building and street", "#previous_addresses-0-line_1"),
        ("Enter town or city", "#previous_addresses-0-town"),
        ("Enter the date you moved in", "#previous_addresses-0-moved_in-day"),
        ("Enter the date you moved out", "#previous_addresses-0-moved_out-day"),
    ]),
    ("previous-addresses", {"moved_in": RECENT}, {**ADDRESS, "previous_addresses-0-line_1": "x" * 201, "previous_addresses-0-line_2": "x" * 201,
                                                 "previous_addresses-0-town": "x" * 101, "previous_addresses-0-postcode": "ZZ"}, [
        ("Address line 1 must be 200 characters or fewer", "#previous_addresses-0-line_1"),
        ("Address line 2 must be 200 characters or fewer", "#previous_addresses-0-line_2"),
        ("Town or city must be 100 characters or fewer", "#previous_addresses-0-town"),
        ("Enter a real postcode, like B4 6NQ", "#previous_addresses-0-postcode"),
    ]),
    ("previous-addresses", {"moved_in": RECENT}, {**ADDRESS, **date_parts("previous_addresses-0-moved_out", FUTURE)},
     [("%(name)s must be today or in the past", "#previous_addresses-0-moved_out-day")]),
    ("previous-addresses", {"moved_in": RECENT}, {**ADDRESS, **date_parts("previous_addresses-0-moved_out", date(2014, 1, 1))},
     [("The date you moved out must be after the date you moved in", "#previous_addresses-0-moved_out-day")]),
    ("gp-consent", {}, {}, [("Select yes if you give permission for us to contact your doctor", "#gp_consent")]),
    ("gp-details", {}, {}, [
        ("Enter the name of your GP practice", "#gp_practice_name"),
        ("Enter address line 1, typically the building and street", "#gp_address_line_1"),
        ("Enter town or city", "#gp_town"), ("Enter postcode", "#gp_postcode"), ("Enter the practice phone number", "#gp_phone"),
    ]),
    ("gp-details", {}, {"gp_practice_name": "x" * 201, "gp_address_line_1": "1 Road", "gp_address_line_2": "x" * 201, "gp_town": "Ludlow",
                        "gp_postcode": "SY8", "gp_phone": "doctor"}, [
        ("Name of the practice must be 200 characters or fewer", "#gp_practice_name"),
        ("Address line 2 must be 200 characters or fewer", "#gp_address_line_2"),
        ("Enter a real postcode, like B4 6NQ", "#gp_postcode"),
        ("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192", "#gp_phone"),
    ]),
    ("medical-conditions", {}, {}, [("Select the conditions you have been diagnosed with or treated for, or select no", "#medical_conditions")]),
    ("medical-conditions", {}, {"medical_conditions": ["dementia", "none"]},
     [("Select the conditions, or select no, but not both", "#medical_conditions")]),
    ("medical-details", {"conditions": ("dementia",)}, {}, [("Enter details of your conditions", "#medical_details")]),
    ("medical-details", {"conditions": ("dementia",)}, {"medical_details": LONG},
     [("Details of your conditions must be 5,000 characters or fewer", "#medical_details")]),
    ("convictions", {}, {}, [("Select yes if you have ever been convicted, cautioned, warned, reprimanded or bound over", "#convicted")]),
    ("convictions", {}, {"convicted": "yes"}, [("Enter details of your convictions or cautions", "#conviction_details")]),
    ("convictions", {}, {"convicted": "yes", "conviction_details": LONG},
     [("Details of convictions must be 5,000 characters or fewer", "#conviction_details")]),
    ("first-referee", {}, {}, [
        ("Enter your referee’s full name", "#first_referee-name"), ("Enter your referee’s occupation", "#first_referee-occupation"),
        ("Enter address line 1, typically the building and street", "#first_referee-address_line_1"),
        ("Enter town or city", "#first_referee-town"), ("Enter postcode", "#first_referee-postcode"),
        ("Enter your referee’s phone number", "#first_referee-phone"), ("Enter your referee’s email address", "#first_referee-email"),
        ("Enter how many years they have known you", "#first_referee-years_known"),
        ("Confirm that this person can be your referee", "#first_referee-confirmed"),
    ]),
    ("first-referee", {}, {**REFEREE, "first_referee-name": "x" * 201, "first_referee-occupation": "x" * 101,
                           "first_referee-address_line_2": "x" * 201, "first_referee-town": "x" * 101}, [
        ("Your referee’s name must be 200 characters or fewer", "#first_referee-name"),
        ("Your referee’s occupation must be 100 characters or fewer", "#first_referee-occupation"),
        ("Address line 2 must be 200 characters or fewer", "#first_referee-address_line_2"),
        ("Town or city must be 100 characters or fewer", "#first_referee-town"),
    ]),
    ("first-referee", {}, {**REFEREE, "first_referee-postcode": "nowhere", "first_referee-phone": "12", "first_referee-email": "sam@",
                           "first_referee-years_known": "1"}, [
        ("Enter a real postcode, like B4 6NQ", "#first_referee-postcode"),
        ("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192", "#first_referee-phone"),
        ("Enter an email address in the correct format, like name@example.com", "#first_referee-email"),
        ("Your referee must have known you for at least 2 years", "#first_referee-years_known"),
    ]),
    ("first-referee", {}, {**REFEREE, "first_referee-years_known": "two"},
     [("Years they have known you must be a whole number, like 5", "#first_referee-years_known")]),
    ("first-referee", {}, {**REFEREE, "first_referee-years_known": "100"},
     [("Years they have known you must be 99 or fewer", "#first_referee-years_known")]),
    ("second-referee", {}, {key.replace("first_", "second_"): value for key, value in REFEREE.items()},
     [("Your second referee must be a different person from your first", "#second_referee-name")]),
    ("second-referee", {}, {**{key.replace("first_", "second_"): value for key, value in REFEREE.items()}, "second_referee-name": "Sam Smith"},
     [("Your second referee must be a different person from your first", "#second_referee-name")]),
    ("firearms", {}, {}, [
        ("Enter the type of firearm", "#firearms-0-description"), ("Enter the calibre", "#firearms-0-calibre"),
        ("Select why you need the firearm", "#firearms-0-reason"),
    ]),
    ("firearms", {}, {**FIREARM, "firearms-0-description": "x" * 201, "firearms-0-calibre": "x" * 51, "firearms-0-reason": "fun"}, [
        ("Type of firearm must be 200 characters or fewer", "#firearms-0-description"),
        ("Calibre must be 50 characters or fewer", "#firearms-0-calibre"), ("Select why you need the firearm", "#firearms-0-reason"),
    ]),
    ("target-club", {}, {}, [("Enter the name of your club", "#target_club")]),
    ("target-club", {}, {"target_club": "x" * 201}, [("Name of your club must be 200 characters or fewer", "#target_club")]),
    ("shooting-land", {"reasons": ("deer_stalking",)}, {}, [("Enter where you have permission to shoot", "#shooting_land")]),
    ("shooting-land", {"reasons": ("deer_stalking",)}, {"shooting_land": LONG},
     [("Where you have permission to shoot must be 5,000 characters or fewer", "#shooting_land")]),
    ("other-reasons", {"reasons": ("collecting",)}, {}, [("Enter why you need these firearms", "#other_reasons")]),
    ("other-reasons", {"reasons": ("other",)}, {"other_reasons": LONG},
     [("Why you need these firearms must be 5,000 characters or fewer", "#other_reasons")]),
    ("shotgun-use", {}, {}, [("Enter how you will use your shotguns", "#shotgun_use")]),
    ("shotgun-use", {}, {"shotgun_use": "x" * 2001}, [("How you will use your shotguns must be 2,000 characters or fewer", "#shotgun_use")]),
    ("storage-address", {}, {}, [("Select yes if you will keep them at your home address", "#stored_at_home")]),
    ("storage-address", {}, {"stored_at_home": "no"}, [("Enter the address where they will be kept", "#storage_address")]),
    ("storage-address", {}, {"stored_at_home": "no", "storage_address": "x" * 501},
     [("Address where they will be kept must be 500 characters or fewer", "#storage_address")]),
    ("storage", {}, {}, [("Select what you will keep them in", "#storage_type"), ("Describe how your guns will be stored", "#storage_description")]),
    ("storage", {}, {"storage_type": "gun_room", "storage_description": "x" * 2001},
     [("How they will be stored must be 2,000 characters or fewer", "#storage_description")]),
    ("contact", {}, {}, [("Enter an email address or a phone number", "#email")]),
    ("contact", {}, {"email": "alex@", "phone": "ring me"}, [
        ("Enter an email address in the correct format, like name@example.com", "#email"),
        ("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192", "#phone"),
    ]),
    ("contact-preference", {}, {}, [("Select how you would prefer us to contact you", "#preferred_contact")]),
    ("contact-preference", {}, {"preferred_contact": "phone"},
     [("You have not given a phone number. Choose another way, or go back and add one", "#preferred_contact")]),
]


def expected_message(message: str, link: str, language: str) -> str:
    if language == "cy":
        welsh = TRANSLATIONS.gettext(message)
        assert welsh != message, f"no Welsh for {message!r}"
        message = welsh
    if "%(name)s" in message:
        name = DATE_NAMES[link]
        message = message % {"name": TRANSLATIONS.gettext(name) if language == "cy" else name}
    return message


def reach(client: PageClient, page_id: str, options: dict[str, Any]) -> None:
    pages = firearms_pages(**options)
    client.get(FIREARMS)
    for current, data in upto(pages, page_id):
        if current == "contact" and page_id == "contact-preference":
            data = {"email": "alex@example.com"}  # no phone, so choosing phone must be refused
        answer(client, FIREARMS, current, data)


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(("page_id", "options", "data", "errors"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_gives_its_message(
    app: Any, language: str, page_id: str, options: dict[str, Any], data: dict[str, Any], errors: list[tuple[str, str]]
) -> None:
    client = PageClient(app, language=language)
    reach(client, page_id, options)
    page = client.post(f"{FIREARMS}/{page_id}", {**data, "action": "continue"}, expected=400)
    expected = [(expected_message(message, link, language), link) for message, link in errors]
    assert page.error_summary() == expected
    assert page.error_messages()[: len(expected)] == [message for message, _link in expected]
    for _message, link in expected:
        assert page.soup.find(id=link[1:]) is not None, f"error link {link} goes nowhere"


def long_date(day: date, language: str) -> str:
    return format_date(day, format="long", locale=language)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_address_history_gaps_and_shortfalls_are_explained(app: Any, language: str) -> None:
    client = PageClient(app, language=language)
    reach(client, "previous-addresses", {"moved_in": RECENT})
    url = f"{FIREARMS}/previous-addresses"
    gap_end = RECENT - timedelta(days=32)
    gap = previous_address(0, "1 Road", date(2015, 1, 1), gap_end)
    page = client.post(url, gap, expected=400)
    english = "Add where you lived between %(start)s and %(end)s"
    message = TRANSLATIONS.gettext(english) if language == "cy" else english
    dates = {"start": long_date(gap_end, language), "end": long_date(RECENT, language)}
    assert page.error_summary() == [(message % dates, "#previous_addresses-0-moved_out-day")]

    short_from = FIVE_YEARS_AGO + timedelta(days=1)
    page = client.post(url, previous_address(0, "1 Road", short_from, RECENT), expected=400)
    english = "Your addresses must go back to %(start)s. Add where you lived before %(end)s"
    message = TRANSLATIONS.gettext(english) if language == "cy" else english
    dates = {"start": long_date(FIVE_YEARS_AGO, language), "end": long_date(short_from, language)}
    assert page.error_summary() == [(message % dates, "#previous_addresses-0-moved_in-day")]
    # The page says how far back to go and where to start.
    assert long_date(FIVE_YEARS_AGO, language) in page.text and long_date(RECENT, language) in page.text


def test_the_previous_addresses_page_needs_the_rule_bound() -> None:
    from forms.firearms import PAGE_FORMS
    from frontcounter.catalogue import SERVICES

    bound = SERVICES[FIREARMS[1:]].form_for("previous-addresses")
    assert bound.history_rule is not None and PAGE_FORMS["previous-addresses"].history_rule is None


# The schema is the single source of truth: what the pages refuse, it refuses too.
def application(**changes: Any) -> dict[str, Any]:
    referee = {"name": "Sam Jones", "occupation": "Vet", "address_line_1": "3 Broad Street", "town": "Ludlow", "postcode": "SY8 1NG",
               "phone": "01632 960 123", "email": "sam@example.com", "years_known": 6, "confirmed": True}
    data: dict[str, Any] = {
        "certificate_type": "both", "application_type": "grant", "full_name": "Alex Example", "date_of_birth": "1980-05-17",
        "place_of_birth": "Hereford", "nationality": "British", "address_line_1": "2 Mill Lane", "address_town": "Ludlow",
        "address_postcode": "SY8 1AA", "moved_in": RECENT.isoformat(),
        "previous_addresses": [{"line_1": "1 Road", "town": "Bath", "moved_in": "2015-01-01", "moved_out": RECENT.isoformat()}],
        "gp_consent": "yes", "gp_practice_name": "Surgery", "gp_address_line_1": "Portcullis Lane", "gp_town": "Ludlow",
        "gp_postcode": "SY8 1GT", "gp_phone": "01632 960 456", "convicted": "no",
        "first_referee": referee, "second_referee": {**referee, "name": "Priya Patel", "email": "priya@example.com"},
        "firearms": [{"description": "Rifle", "calibre": ".22", "reason": "target_shooting"}], "target_club": "Ludlow Rifle Club",
        "shotgun_use": "Clays", "stored_at_home": "yes", "storage_type": "cabinet_bs7558", "storage_description": "Cabinet",
        "email": "alex@example.com", "preferred_contact": "email",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def schema_errors(data: dict[str, Any]) -> set[str]:
    try:
        FirearmsApplicationSchema(today=TODAY).load(data)
    except ValidationError as error:
        return set(error.normalized_messages())
    return set()


def test_a_complete_application_passes_the_schema() -> None:
    assert schema_errors(application()) == set()
    assert schema_errors(application(certificate_type="shotgun", firearms=None, target_club=None)) == set()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"full_name": None}, "full_name"),
        ({"certificate_type": "air"}, "certificate_type"),
        ({"application_type": "renewal"}, "current_certificate_number"),
        ({"date_of_birth": (TODAY - timedelta(days=365 * 17)).isoformat()}, "date_of_birth"),
        ({"previous_addresses": []}, "previous_addresses"),
        ({"previous_addresses": [{"line_1": "1 Road", "town": "Bath", "moved_in": "2015-01-01",
                                  "moved_out": (RECENT - timedelta(days=32)).isoformat()}]}, "previous_addresses"),
        ({"previous_addresses": [{"line_1": "1 Road", "town": "Bath", "postcode": "ZZ", "moved_in": "2015-01-01",
                                  "moved_out": RECENT.isoformat()}]}, "previous_addresses"),
        ({"moved_in": FUTURE.isoformat()}, "previous_addresses"),
        ({"gp_consent": "no"}, "gp_consent"),
        ({"gp_postcode": "SY8"}, "gp_postcode"),
        ({"gp_phone": "doctor"}, "gp_phone"),
        ({"medical_conditions": ["dementia"]}, "medical_details"),
        ({"medical_conditions": ["none"]}, "medical_conditions"),
        ({"convicted": "yes"}, "conviction_details"),
        ({"first_referee": {**application()["first_referee"], "years_known": 1}}, "first_referee"),
        ({"first_referee": {**application()["first_referee"], "confirmed": False}}, "first_referee"),
        ({"first_referee": {**application()["first_referee"], "postcode": "nowhere"}}, "first_referee"),
        ({"second_referee": {**application()["first_referee"], "name": " sam  JONES "}}, "second_referee"),
        ({"second_referee": None}, "second_referee"),
        ({"firearms": None}, "firearms"),
        ({"target_club": None}, "target_club"),
        ({"firearms": [{"description": "Rifle", "calibre": ".243", "reason": "deer_stalking"}], "target_club": None}, "shooting_land"),
        ({"firearms": [{"description": "Revolver", "calibre": ".36", "reason": "collecting"}], "target_club": None}, "other_reasons"),
        ({"shotgun_use": None}, "shotgun_use"),
        ({"stored_at_home": "no"}, "storage_address"),
        ({"storage_type": "shoebox"}, "storage_type"),
        ({"email": None, "preferred_contact": None}, "email"),
        ({"preferred_contact": "phone"}, "phone"),
        ({"interests": "guns"}, "interests"),
    ],
)
def test_the_schema_refuses_what_the_pages_refuse(changes: dict[str, Any], field: str) -> None:
    assert field in schema_errors(application(**changes))
