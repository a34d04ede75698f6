"""One set of views serves every service's journey: question pages, check answers, send, confirmation."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

from flask import abort, current_app, jsonify, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict
from werkzeug.routing import BaseConverter, ValidationError

from forms.base import QuestionPage, SummaryRow
from frontcounter.catalogue import SERVICES, WebService
from frontcounter.i18n import current_language
from frontcounter.public import public
from frontcounter.rate_limits import limit_public_posts, limit_submissions
from frontcounter.triage_rules import current_rules
from services.drafts import DraftSnapshot, completed_data, find_live_draft, keep_alive, page_answers, read_live_draft, save_page
from services.submissions import DraftNotFound, IncompleteSubmission, submit_draft

log = logging.getLogger(__name__)

CHECK_ANSWERS = "check-your-answers"


class ServiceConverter(BaseConverter):
    """Matches only the slugs of services that exist, so other single-segment paths
    (the content pages) are routed to their own rules instead of being swallowed here."""

    regex = "|".join(re.escape(slug) for slug in SERVICES)

    def to_python(self, value: str) -> str:
        if value not in SERVICES:
            raise ValidationError()
        return value


def _service(slug: str) -> WebService:
    return SERVICES[slug]


def _idle_timeout() -> timedelta:
    return timedelta(minutes=current_app.config["DRAFT_TIMEOUT_MINUTES"])


def _session_draft_id(slug: str) -> str | None:
    return (session.get("drafts") or {}).get(slug)


def _remember_draft(slug: str, draft_id: str) -> None:
    drafts = dict(session.get("drafts") or {})
    drafts[slug] = draft_id
    session["drafts"] = drafts
    session.permanent = False


def _open_draft(slug: str) -> DraftSnapshot | None:
    """The person's draft for this service, if it is live and not yet sent (read, not held)."""
    draft = read_live_draft(_session_draft_id(slug), slug)
    if draft is None or draft.submission_id is not None:
        return None
    return draft


def _page_url(slug: str, page_id: str | None, changing: bool = False) -> str:
    if page_id is None:
        return url_for("public.check_answers", slug=slug)
    if changing:
        return url_for("public.question", slug=slug, page_id=page_id, change="1")
    return url_for("public.question", slug=slug, page_id=page_id)


def _own_fields(form: QuestionPage) -> dict[str, list[str]]:
    """Only the fields this page defines are kept; anything else posted is ignored."""
    names = [field.name for field in form.input_fields()]
    return {
        key: request.form.getlist(key)
        for key in request.form.keys()
        if any(key == name or key.startswith(name + "-") for name in names)
    }


def _lost_draft(slug: str) -> ResponseReturnValue:
    if _session_draft_id(slug):
        return redirect(url_for("public.answers_deleted", slug=slug))
    return redirect(url_for("public.start", slug=slug))


@public.get("/<service:slug>/answers-deleted")
def answers_deleted(slug: str) -> ResponseReturnValue:
    return render_template("public/expired.html", service=_service(slug))


@public.get("/<service:slug>")
def start(slug: str) -> ResponseReturnValue:
    service = _service(slug)
    draft = _open_draft(slug)
    resume_url = None
    if draft is not None:
        data = completed_data(draft)
        resume_url = _page_url(slug, service.journey.first_unanswered(data, data))
    return render_template(
        service.start_template,
        service=service,
        first_page=_page_url(slug, service.journey.pages[0].id),
        resume_url=resume_url,
    )


@public.route("/<service:slug>/<page_id>", methods=["GET", "POST"])
@limit_public_posts
def question(slug: str, page_id: str) -> ResponseReturnValue:
    service = _service(slug)
    journey = service.journey
    if page_id in {rule.to for rule in journey.exits}:
        return render_template(f"public/exits/{page_id}.html", service=service, back_url=_page_url(slug, journey.pages[0].id))
    if not journey.has_page(page_id):
        abort(404)

    draft = _open_draft(slug)
    if draft is None and page_id != journey.pages[0].id:
        return _lost_draft(slug)
    answers = page_answers(draft)
    data = completed_data(draft)
    applicable = journey.applicable_pages(data)
    changing = request.args.get("change") == "1"
    if page_id not in applicable:
        return redirect(_page_url(slug, journey.first_unanswered(data, data), changing))
    first_open = journey.first_unanswered(data, data)
    if first_open is not None and applicable.index(page_id) > applicable.index(first_open):
        return redirect(_page_url(slug, first_open, changing))

    form_class = service.form_for(page_id)
    prior = journey.merged(data, upto=page_id)
    if getattr(form_class, "handles_uploads", False) and draft is not None:
        from frontcounter.public.evidence import evidence_page

        return evidence_page(service, page_id, form_class(prior=prior), draft, data, changing)
    if request.method == "GET":
        saved = answers.get(page_id)
        form = form_class(formdata=MultiDict(saved.raw) if saved else None, prior=prior)
        return _render_question(service, page_id, form, data, changing)

    form = form_class(prior=prior)
    action = request.form.get("action", "")
    apply_action = getattr(form, "apply_action", None)
    if action and apply_action is not None and apply_action(action):
        draft_id = save_page(
            draft.id if draft else None, service=slug, page_id=page_id, raw=form.raw_after_action(),
            data=None, language=current_language(), idle_timeout=_idle_timeout(),
        )
        _remember_draft(slug, draft_id)
        return _render_question(service, page_id, form, data, changing)

    valid = form.validate()
    cleaned = form.cleaned() if valid else None
    if cleaned is not None:
        exit_to = journey.exit_for(page_id, cleaned)
        if exit_to is not None:
            # Nothing is stored: the person needs 999, not a form.
            return redirect(_page_url(slug, exit_to))
    draft_id = save_page(
        draft.id if draft else None, service=slug, page_id=page_id, raw=_own_fields(form),
        data=cleaned, language=current_language(), idle_timeout=_idle_timeout(),
    )
    _remember_draft(slug, draft_id)
    if cleaned is None:
        return _render_question(service, page_id, form, data, changing, status=400)

    data[page_id] = cleaned
    if changing:
        return redirect(_page_url(slug, journey.first_unanswered(data, data), changing=True))
    return redirect(_page_url(slug, journey.next_after(page_id, data)))


def _render_question(
    service: WebService,
    page_id: str,
    form: QuestionPage,
    data: dict[str, Any],
    changing: bool,
    status: int = 200,
    **extra: Any,
) -> ResponseReturnValue:
    journey = service.journey
    if changing:
        back_url = url_for("public.check_answers", slug=service.slug)
    else:
        previous = journey.previous_before(page_id, data)
        back_url = _page_url(service.slug, previous) if previous else url_for("public.start", slug=service.slug)
    return (
        render_template(
            form.template,
            service=service,
            form=form,
            page_id=page_id,
            back_url=back_url,
            error_list=form.error_list() if form.errors else [],
            action_url=_page_url(service.slug, page_id, changing),
            timeout_warning=True,
            **extra,
        ),
        status,
    )


def _summary(service: WebService, draft: DraftSnapshot) -> tuple[list[tuple[str, list[SummaryRow]]], str | None]:
    """Every applicable page's answers, re-validated; or the first page that no longer validates."""
    journey = service.journey
    answers = page_answers(draft)
    data = completed_data(draft)
    sections: list[tuple[str, list[SummaryRow]]] = []
    for page_id in journey.applicable_pages(data):
        saved = answers.get(page_id)
        if saved is None or saved.data is None:
            return sections, page_id
        if getattr(service.form_for(page_id), "handles_uploads", False):
            from frontcounter.public.evidence import evidence_rows

            sections.append((page_id, evidence_rows(service, page_id, draft)))
            continue
        form = service.form_for(page_id)(
            formdata=MultiDict(saved.raw), prior=journey.merged(data, upto=page_id), meta={"csrf": False}
        )
        if not form.validate():
            return sections, page_id
        sections.append((page_id, form.summary(page_id)))
    return sections, None


@public.route("/<service:slug>/check-your-answers", methods=["GET", "POST"])
@limit_public_posts
@limit_submissions
def check_answers(slug: str) -> ResponseReturnValue:
    service = _service(slug)
    draft = read_live_draft(_session_draft_id(slug), slug)
    if draft is not None and draft.submission_id is not None:
        return redirect(url_for("public.confirmation", slug=slug))
    if draft is None:
        return _lost_draft(slug)
    sections, incomplete = _summary(service, draft)
    if incomplete is not None:
        return redirect(_page_url(slug, incomplete))
    if request.method == "GET":
        return render_template("public/check-answers.html", service=service, sections=sections, timeout_warning=True)

    rows = [
        {"question_id": row.question_id, "question": row.question, "answer": row.answer}
        for _page, page_rows in sections
        for row in page_rows
    ]
    try:
        submit_draft(
            draft.id,
            journey=service.journey,
            answers=rows,
            force_code=current_app.config["FORCE_CODE"],
            language=current_language(),
            rules=current_rules(),
        )
    except DraftNotFound:
        return _lost_draft(slug)
    except IncompleteSubmission as error:
        # The pages validated but the whole did not: a rule that spans pages. Say so plainly.
        log.warning("submission failed schema validation on fields %s", sorted(error.errors))
        return render_template(
            "public/check-answers.html", service=service, sections=sections, incomplete=True
        ), 400
    return redirect(url_for("public.confirmation", slug=slug))


@public.get("/<service:slug>/confirmation")
def confirmation(slug: str) -> ResponseReturnValue:
    service = _service(slug)
    draft = find_live_draft(_session_draft_id(slug), slug)
    if draft is None or draft.submission is None:
        return redirect(url_for("public.start", slug=slug))
    return render_template("public/confirmation.html", service=service, reference=draft.submission.reference)


@public.post("/<service:slug>/keep-alive")
def keep_draft_alive(slug: str) -> ResponseReturnValue:
    expires = keep_alive(_session_draft_id(slug), slug, _idle_timeout())
    if expires is None:
        return jsonify(status="expired"), 404
    return jsonify(status="ok", expires_at=expires.isoformat())
