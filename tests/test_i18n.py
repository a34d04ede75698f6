"""English and Welsh: choosing the language, and a Welsh catalogue with nothing missing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from tests.pages import CATALOGUE, PageClient

ROOT = Path(__file__).resolve().parent.parent


def test_lang_parameter_switches_and_is_remembered(app) -> None:
    http = app.test_client()
    response = http.get("/report-a-crime?lang=cy")
    assert 'lang="cy"' in response.get_data(as_text=True)
    assert "lang=cy" in response.headers["Set-Cookie"]
    assert 'lang="cy"' in http.get("/report-a-crime").get_data(as_text=True)
    http.get("/?lang=en")
    assert 'lang="en"' in http.get("/report-a-crime").get_data(as_text=True)


def test_accept_language_is_used_when_nothing_was_chosen(app) -> None:
    http = app.test_client()
    page = http.get("/", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"})
    assert 'lang="cy"' in page.get_data(as_text=True)
    page = app.test_client().get("/", headers={"Accept-Language": "fr"})
    assert 'lang="en"' in page.get_data(as_text=True)


def test_language_switch_links_keep_the_page(client: PageClient) -> None:
    page = client.get("/report-a-crime/happening-now")
    link = page.soup.find("a", attrs={"hreflang": "cy"})
    assert link["href"] == "/report-a-crime/happening-now?lang=cy"
    assert link["lang"] == "cy"


def test_every_page_of_the_catalogue_is_welsh(welsh_client: PageClient) -> None:
    for url in ("/", "/report-a-crime", "/report-a-crime/happening-now", "/accessibility", "/privacy", "/cookies", "/contact"):
        welsh_client.get(url)  # the page checks fail on any English string of ours


def test_every_string_in_the_code_has_a_welsh_translation(tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "."],
        cwd=ROOT, check=True,
    )
    with pot.open("rb") as handle:
        wanted = {message.id for message in read_po(handle) if message.id}
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    translated = {message.id for message in catalogue if message.id and message.string and not message.fuzzy}
    missing = sorted(str(message_id) for message_id in wanted - translated)
    assert missing == [], f"{len(missing)} strings have no Welsh translation, e.g. {missing[:5]}"
    fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
    assert fuzzy == []


def test_placeholders_survive_translation() -> None:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    problems = list(catalogue.check())
    assert problems == []
    import re

    for message in catalogue:
        if message.id and message.string and isinstance(message.id, str):
            for placeholder in re.findall(r"%\([a-z_]+\)s|%\{[a-z]+\}", message.id):
                assert placeholder in message.string, f"{message.id!r} lost {placeholder} in Welsh"


def test_the_catalogue_lists_services_and_signposts_that_store_nothing(client: PageClient, welsh_client: PageClient) -> None:
    home = client.get("/")
    links = {a.get_text(strip=True): a["href"] for a in home.soup.select("main a.govuk-link")}
    assert links["Report a crime"] == "/report-a-crime"
    for title, path in (("Report fraud or cybercrime", "/report-fraud"), ("Lost or found property", "/lost-property"),
                        ("An emergency", "/emergency")):
        assert links[title] == path
        page = client.get(path)
        assert page.h1 and "<form" not in page.text
        welsh_client.get(path)  # checked for English left on a Welsh page
    assert [h.get_text(strip=True) for h in home.soup.select("main h2")][:3] == ["Report", "Apply", "Request information"]
    every_service = {
        "/report-a-crime", "/report-anti-social-behaviour", "/report-a-road-traffic-incident", "/report-a-vehicle",
        "/apply-for-a-firearm-or-shotgun-certificate", "/register-business-cctv", "/request-information-foi",
        "/request-your-personal-information", "/clares-law-right-to-ask", "/sarahs-law-disclosure-request",
        "/request-a-collision-report", "/solicitor-request-for-documents",
    }
    assert every_service <= set(links.values())
    for path in every_service:
        client.get(path)  # each start page renders, with one h1 and a title that matches it
