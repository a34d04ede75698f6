"""The services the public can use, pairing each journey with its question-page forms."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from forms import crime as crime_forms
from forms.base import QuestionPage
from services.journeys import Journey
from services.journeys.crime import CRIME_JOURNEY


@dataclass(frozen=True)
class WebService:
    title: str
    journey: Journey
    pages: dict[str, type[QuestionPage]]
    start_template: str

    @property
    def slug(self) -> str:
        return self.journey.slug

    def form_for(self, page_id: str) -> type[QuestionPage]:
        return self.pages[page_id]


SERVICES: dict[str, WebService] = {
    service.slug: service
    for service in (
        WebService(
            title=_l("Report a crime"),
            journey=CRIME_JOURNEY,
            pages=crime_forms.PAGE_FORMS,
            start_template="public/start/report-a-crime.html",
        ),
    )
}


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
