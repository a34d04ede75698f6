"""Templates get a plain snapshot of the globals, and still see every one of them; fixed parts are drawn once.

Both are performance work (docs/performance.md) that must not change a page or keep anyone's answers."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from forms.base import QuestionPage
from forms.fields import GovRadioField
from frontcounter.templating import SnapshotGlobalsEnvironment
from tests.journeys import crime_pages, walk
from tests.pages import PageClient


def test_templates_see_every_global_through_a_plain_dict(app: Flask) -> None:
    assert isinstance(app.jinja_env, SnapshotGlobalsEnvironment)
    template = app.jinja_env.get_template("base.html")
    assert type(template.globals) is dict
    for name in ("csp_nonce", "get_locale", "url_for", "LANGUAGE_NAMES"):
        assert name in template.globals, name


def test_an_imported_macro_file_is_rendered_once_and_reused(app: Flask) -> None:
    importing = app.jinja_env.from_string('{% from "govuk_frontend_jinja/components/button/macro.html" import govukButton %}'
                                          "{{ govukButton({'text': 'Go'}) }}")
    with app.test_request_context("/"):
        first = importing.render()
        macros = app.jinja_env.get_template("govuk_frontend_jinja/components/button/macro.html")
        module = macros._get_default_module(importing.new_context())
        assert importing.render() == first and "Go" in first
        # The cached module is reused: the snapshot has every global the importing template has.
        assert macros._get_default_module(importing.new_context()) is module


# Layout fragments and unanswered questions are drawn once and reused (docs/performance.md).

CRIME = "/report-a-crime"


def _cache(app: Flask) -> dict[tuple[object, ...], str]:
    return app.jinja_env.fragment_cache  # type: ignore[attr-defined, no-any-return]


def test_layout_fragments_are_drawn_once_for_each_language(app: Flask, client: PageClient, welsh_client: PageClient) -> None:
    _cache(app).clear()
    english = client.get("/").text
    welsh = welsh_client.get("/").text
    assert ("en", "footer") in _cache(app) and ("cy", "footer") in _cache(app)
    assert "Accessibility statement" in english and "Accessibility statement" not in welsh
    try:
        # The page is served from the cache: a planted footer shows up, in its language only.
        _cache(app)[("cy", "footer")] = Markup("<footer>planted footer</footer>")
        assert "planted footer" in welsh_client.get("/").text
        assert "planted footer" not in client.get("/").text
    finally:
        _cache(app).clear()


def test_an_unanswered_question_is_drawn_once_and_reused(app: Flask, client: PageClient) -> None:
    _cache(app).clear()
    first = client.get(f"{CRIME}/happening-now").response.get_data(as_text=True)
    keys = [key for key in _cache(app) if key[0] == "field" and '"happening_now"' in str(key[2])]
    assert len(keys) == 1
    try:
        _cache(app)[keys[0]] = Markup('<div class="planted">planted radios</div>')
        # (A raw client: the planted field has no heading, which the page client would refuse.)
        assert "planted radios" in app.test_client().get(f"{CRIME}/happening-now").get_data(as_text=True)
    finally:
        _cache(app).clear()
    again = client.get(f"{CRIME}/happening-now").response.get_data(as_text=True)
    assert again.count('name="happening_now"') == first.count('name="happening_now"') == 2


def test_nothing_a_person_typed_or_was_told_is_remembered(app: Flask, client: PageClient) -> None:
    _cache(app).clear()
    typed = "Quokka-stole-7731 my bike"
    walk(client, CRIME, crime_pages(description=typed))
    # Back to the page with the words on it, then an answer refused with the words kept.
    assert typed in client.get(f"{CRIME}/description?change=1").text
    refused = client.post(f"{CRIME}/description?change=1", {"description": typed + " x" * 11000}, expected=400)
    assert refused.error_summary()
    # Errors are not remembered either, though their words are ours.
    refused_date = client.post(f"{CRIME}/when-date?change=1", {"occurred_on-day": "31", "occurred_on-month": "2",
                                                               "occurred_on-year": "2026"}, expected=400)
    assert refused_date.error_summary()
    remembered = " ".join(f"{key} {value}" for key, value in _cache(app).items())
    assert "Quokka" not in remembered and "Black mountain bike" not in remembered and "B4 6NQ" not in remembered
    assert refused_date.error_summary()[0][0] not in remembered
    assert any(key[0] == "field" for key in _cache(app)), "blank questions were remembered"


class _Choices(QuestionPage):
    ours = GovRadioField(_l("Which one?"), choices=[("a", _l("Yes")), ("b", _l("No"))])
    theirs = GovRadioField(_l("Which vehicle?"), choices=[])


def test_a_question_built_from_someone_s_answers_is_drawn_every_time(app: Flask) -> None:
    _cache(app).clear()
    with app.test_request_context("/"):
        form = _Choices(meta={"csrf": False})
        form.theirs.choices = [("v1", "Vehicle 1: AB12 CDE, red Ford")]
        assert "Yes" in form.ours() and "AB12 CDE" in form.theirs()
    remembered = " ".join(str(key) for key in _cache(app))
    assert "Which one?" in remembered
    assert "AB12 CDE" not in remembered and "Which vehicle?" not in remembered
