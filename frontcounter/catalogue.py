"""The services the public can use, pairing each journey with its question-page forms.

Adding a service: a forms module (`PAGE_FORMS`), a journey in `services/journeys/`, a start
page template, and one `WebService` entry below. The views are shared by every service.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from forms import cctv as cctv_forms
from forms import crime as crime_forms
from forms import firearms as firearms_forms
from forms.base import QuestionPage
from services.enums import ServiceKind
from services.journeys import Journey
from services.journeys.cctv import CCTV_JOURNEY
from services.journeys.crime import CRIME_JOURNEY
from services.journeys.firearms import FIREARMS_JOURNEY, check_address_history


class Group(StrEnum):
    """The headings of the catalogue page ("What do you want to do?")."""

    REPORT = "report"
    APPLY = "apply"
    REQUEST = "request"


GROUP_TITLES = {
    Group.REPORT: _l("Report"),
    Group.APPLY: _l("Apply"),
    Group.REQUEST: _l("Request information"),
}


@dataclass(frozen=True)
class Wording:
    """What a sent thing is called, so check answers and confirmation fit the service."""

    check_title: str
    send_heading: str
    declaration: str
    sent_title: str
    keep_reference: str
    next_steps: str


WORDING = {
    ServiceKind.CRIME: Wording(
        check_title=_l("Check your answers before sending your report"),
        send_heading=_l("Now send your report"),
        declaration=_l("By sending this report you are confirming that, to the best of your knowledge, the details you are providing are correct."),  # noqa: E501
        sent_title=_l("Report sent"),
        keep_reference=_l("Keep this reference. You will need it if you contact us about your report."),
        next_steps=_l("A member of our contact team will read your report. We will contact you within 48 hours, using the contact details you gave, if it is safe to do so."),  # noqa: E501
    ),
    ServiceKind.APPLICATION: Wording(
        check_title=_l("Check your answers before sending your application"),
        send_heading=_l("Now send your application"),
        declaration=_l("By sending this application you are confirming that, to the best of your knowledge, the details you are providing are correct."),  # noqa: E501
        sent_title=_l("Application sent"),
        keep_reference=_l("Keep this reference. You will need it if you contact us about your application."),
        next_steps=_l("We will check your application and contact you, using the contact details you gave, if we need anything more or when we have decided."),  # noqa: E501
    ),
    ServiceKind.INFORMATION_REQUEST: Wording(
        check_title=_l("Check your answers before sending your request"),
        send_heading=_l("Now send your request"),
        declaration=_l("By sending this request you are confirming that, to the best of your knowledge, the details you are providing are correct."),  # noqa: E501
        sent_title=_l("Request sent"),
        keep_reference=_l("Keep this reference. You will need it if you contact us about your request."),
        next_steps=_l("We will check your request and reply within the time the law allows for this kind of request, using the contact details you gave."),  # noqa: E501
    ),
}
WORDING[ServiceKind.INCIDENT] = WORDING[ServiceKind.CRIME]


@dataclass(frozen=True)
class WebService:
    title: str
    summary: str
    group: Group
    journey: Journey
    pages: dict[str, type[QuestionPage]]
    start_template: str
    # A partial saying what happens next for this service; the kind's words when None.
    next_steps_template: str | None = None

    @property
    def slug(self) -> str:
        return self.journey.slug

    @property
    def wording(self) -> Wording:
        return WORDING[self.journey.kind]

    def form_for(self, page_id: str) -> type[QuestionPage]:
        return self.pages[page_id]


SERVICES: dict[str, WebService] = {
    service.slug: service
    for service in (
        WebService(
            title=_l("Report a crime"),
            summary=_l("Tell us about a crime that has already happened, as a victim, a witness, or for someone else."),
            group=Group.REPORT,
            journey=CRIME_JOURNEY,
            pages=crime_forms.PAGE_FORMS,
            start_template="public/start/report-a-crime.html",
        ),
        WebService(
            title=_l("Apply for a firearm or shotgun certificate"),
            summary=_l("Apply for a new firearm or shotgun certificate, or renew one you have."),
            group=Group.APPLY,
            journey=FIREARMS_JOURNEY,
            pages=firearms_forms.page_forms(check_address_history),
            start_template="public/start/apply-for-a-firearm-or-shotgun-certificate.html",
            next_steps_template="public/next/apply-for-a-firearm-or-shotgun-certificate.html",
        ),
        WebService(
            title=_l("Register your business CCTV"),
            summary=_l("Tell us about your business’s CCTV cameras, so officers know where to ask for footage after a crime nearby."),
            group=Group.APPLY,
            journey=CCTV_JOURNEY,
            pages=cctv_forms.PAGE_FORMS,
            start_template="public/start/register-business-cctv.html",
            next_steps_template="public/next/register-business-cctv.html",
        ),
    )
}


def services_by_group() -> list[tuple[str, list[WebService]]]:
    """The catalogue's sections in order, each with its services, leaving out empty ones."""
    return [
        (GROUP_TITLES[group], [s for s in SERVICES.values() if s.group is group])
        for group in Group
        if any(s.group is group for s in SERVICES.values())
    ]


def check_catalogue() -> None:
    """Every journey page must have a form and every form a page: fail at start-up, not mid-journey."""
    for service in SERVICES.values():
        journey_pages = set(service.journey.page_ids())
        form_pages = set(service.pages)
        if journey_pages != form_pages:
            raise RuntimeError(
                f"{service.slug}: pages without forms {sorted(journey_pages - form_pages)}, "
                f"forms without pages {sorted(form_pages - journey_pages)}"
            )


def service_names(languages: tuple[str, ...]) -> dict[tuple[str, str], str]:
    """Every service's name in every language, for messages sent outside a request (email)."""
    names: dict[tuple[str, str], str] = {}
    for language in languages:
        with force_locale(language):
            for slug, service in SERVICES.items():
                names[(slug, language)] = str(service.title)
    return names
