"""The services the public can use, pairing each journey with its question-page forms.

Adding a service: a forms module (`PAGE_FORMS`), a journey in `services/journeys/`, a start
page template, and one `WebService` entry below. The views are shared by every service.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from forms import asb as asb_forms
from forms import cctv as cctv_forms
from forms import clares_law as clares_law_forms
from forms import collision_report as collision_report_forms
from forms import crime as crime_forms
from forms import firearms as firearms_forms
from forms import foi as foi_forms
from forms import road_traffic as road_traffic_forms
from forms import sarahs_law as sarahs_law_forms
from forms import solicitor_documents as solicitor_documents_forms
from forms import subject_access as subject_access_forms
from forms import vehicle as vehicle_forms
from forms.base import QuestionPage
from services.enums import ServiceKind
from services.journeys import Journey
from services.journeys.asb import ASB_JOURNEY
from services.journeys.cctv import CCTV_JOURNEY
from services.journeys.clares_law import CLARES_LAW_JOURNEY
from services.journeys.collision_report import COLLISION_REPORT_JOURNEY
from services.journeys.crime import CRIME_JOURNEY
from services.journeys.firearms import FIREARMS_JOURNEY, check_address_history
from services.journeys.foi import FOI_JOURNEY
from services.journeys.road_traffic import ROAD_TRAFFIC_JOURNEY
from services.journeys.sarahs_law import SARAHS_LAW_JOURNEY
from services.journeys.solicitor_documents import SOLICITOR_DOCUMENTS_JOURNEY
from services.journeys.subject_access import SUBJECT_ACCESS_JOURNEY
from services.journeys.vehicle import VEHICLE_JOURNEY


class Group(StrEnum):
    """The headings of the catalogue page ("What do you want to do?")."""

    REPORT = "report"
    APPLY = "apply"
    REQUEST = "request"
    FOLLOW_UP = "follow_up"


GROUP_TITLES = {
    Group.REPORT: _l("Report"),
    Group.APPLY: _l("Apply"),
    Group.REQUEST: _l("Request information"),
    Group.FOLLOW_UP: _l("Follow up"),
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
            title=_l("Make a Freedom of Information request"),
            summary=_l("Ask for recorded information we hold, such as figures, policies, or how we spend public money."),
            group=Group.REQUEST,
            journey=FOI_JOURNEY,
            pages=foi_forms.PAGE_FORMS,
            start_template="public/start/request-information-foi.html",
            next_steps_template="public/next/request-information-foi.html",
        ),
        WebService(
            title=_l("Ask for your personal information"),
            summary=_l("Ask for a copy of the information we hold about you, or about someone you can act for (a subject access request)."),
            group=Group.REQUEST,
            journey=SUBJECT_ACCESS_JOURNEY,
            pages=subject_access_forms.PAGE_FORMS,
            start_template="public/start/request-your-personal-information.html",
            next_steps_template="public/next/request-your-personal-information.html",
        ),
        WebService(
            title=_l("Get a copy of a road traffic collision report"),
            summary=_l("For people involved in a road traffic collision, and the insurers and solicitors acting for them."),
            group=Group.REQUEST,
            journey=COLLISION_REPORT_JOURNEY,
            pages=collision_report_forms.PAGE_FORMS,
            start_template="public/start/request-a-collision-report.html",
            next_steps_template="public/next/request-a-collision-report.html",
        ),
        WebService(
            title=_l("Report a road traffic incident"),
            summary=_l("Tell us about a collision, a driver who did not stop, or dangerous or careless driving you saw or recorded."),
            group=Group.REPORT,
            journey=ROAD_TRAFFIC_JOURNEY,
            pages=road_traffic_forms.PAGE_FORMS,
            start_template="public/start/report-a-road-traffic-incident.html",
            next_steps_template="public/next/report-a-road-traffic-incident.html",
        ),
        WebService(
            title=_l("Ask about a partner's history of abuse (Clare's Law)"),
            summary=_l("Ask whether your partner, or the partner of someone you know, has a history of abuse or violence."),
            group=Group.REQUEST,
            journey=CLARES_LAW_JOURNEY,
            pages=clares_law_forms.PAGE_FORMS,
            start_template="public/start/clares-law-right-to-ask.html",
            next_steps_template="public/next/clares-law-right-to-ask.html",
        ),
        WebService(
            title=_l("Ask about a child's safety (Sarah's Law)"),
            summary=_l("Ask whether someone who has contact with a child has a record of sexual offences against children."),
            group=Group.REQUEST,
            journey=SARAHS_LAW_JOURNEY,
            pages=sarahs_law_forms.PAGE_FORMS,
            start_template="public/start/sarahs-law-disclosure-request.html",
            next_steps_template="public/next/sarahs-law-disclosure-request.html",
        ),
        WebService(
            title=_l("Ask for documents as a solicitor"),
            summary=_l("Ask for custody records, interview recordings, statements and other documents for a client."),
            group=Group.REQUEST,
            journey=SOLICITOR_DOCUMENTS_JOURNEY,
            pages=solicitor_documents_forms.PAGE_FORMS,
            start_template="public/start/solicitor-request-for-documents.html",
            next_steps_template="public/next/solicitor-request-for-documents.html",
        ),
        WebService(
            title=_l("Report anti-social behaviour"),
            summary=_l("Tell us about behaviour that is harassing, alarming or distressing you or others, such as intimidation, rowdiness or vandalism."),  # noqa: E501
            group=Group.REPORT,
            journey=ASB_JOURNEY,
            pages=asb_forms.PAGE_FORMS,
            start_template="public/start/report-anti-social-behaviour.html",
            next_steps_template="public/next/report-anti-social-behaviour.html",
        ),
        WebService(
            title=_l("Report a stolen or an abandoned vehicle"),
            summary=_l("Tell us your vehicle has been stolen, or about an abandoned vehicle that is dangerous, in the way or may be linked to a crime."),  # noqa: E501
            group=Group.REPORT,
            journey=VEHICLE_JOURNEY,
            pages=vehicle_forms.PAGE_FORMS,
            start_template="public/start/report-a-vehicle.html",
            next_steps_template="public/next/report-a-vehicle.html",
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


@dataclass(frozen=True)
class Signpost:
    """A catalogue entry that stores nothing: it sends the person to the right place."""

    path: str
    title: str
    summary: str
    group: Group
    template: str


SIGNPOSTS = (
    Signpost("report-fraud", _l("Report fraud or cybercrime"), _l("Fraud and cybercrime are reported to Report Fraud, not to us."),
             Group.REPORT, "public/signposts/report-fraud.html"),
    Signpost("lost-property", _l("Lost or found property"), _l("Where to report something lost, or hand in something you found."),
             Group.REPORT, "public/signposts/lost-property.html"),
    Signpost("emergency", _l("An emergency"), _l("If it is happening now or someone is in danger, call 999."),
             Group.REPORT, "public/signposts/emergency.html"),
)


@dataclass(frozen=True)
class PageLink:
    """A catalogue entry for pages of their own, reached by their endpoint (tracking, say)."""

    endpoint: str
    title: str
    summary: str
    group: Group


PAGE_LINKS = (
    PageLink("public.tracking_find", _l("Check a report or ask for an update"),
             _l("See what has happened to something you sent us, and send a message to the officer or team dealing with it."),
             Group.FOLLOW_UP),
)


def services_by_group() -> list[tuple[str, list[WebService | Signpost | PageLink]]]:
    """The catalogue's sections in order, each with its services, its signposts, then its other pages."""
    entries: list[WebService | Signpost | PageLink] = [*SERVICES.values(), *SIGNPOSTS, *PAGE_LINKS]
    return [
        (GROUP_TITLES[group], [entry for entry in entries if entry.group is group])
        for group in Group
        if any(entry.group is group for entry in entries)
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
