"""The evidence page of a journey: upload (without JavaScript too), list, remove, continue.

Files are checked and kept by services.evidence; this module only turns requests into
those calls and the answers into GOV.UK pages and error summaries.
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_decimal
from flask_babel import gettext as _

from forms.base import QuestionPage, SummaryRow
from forms.evidence import NO_FILE, PROBLEMS
from forms.validators import whole_number
from frontcounter.catalogue import WebService
from frontcounter.i18n import current_language
from frontcounter.public import public
from frontcounter.public.journey import _idle_timeout, _lost_draft, _open_draft, _page_url, _render_question, _service
from frontcounter.rate_limits import limit_public_posts
from services.drafts import DraftSnapshot, save_page
from services.evidence import EvidenceRefused, add_evidence, list_evidence, remove_evidence


def evidence_folder() -> Path:
    return Path(current_app.config["EVIDENCE_DIR"])


def file_size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("%(size)s MB", size=format_decimal(round(size / (1024 * 1024), 1)))
    return _("%(size)s KB", size=format_decimal(max(1, round(size / 1024))))


def evidence_page(
    service: WebService, page_id: str, form: QuestionPage, draft: DraftSnapshot, data: dict, changing: bool
) -> ResponseReturnValue:
    files = list_evidence(draft.id)
    if request.method == "GET":
        return _render_question(service, page_id, form, data, changing, files=files, file_size=file_size)
    action = request.form.get("action", "continue")
    if action == "upload":
        upload = request.files.get(form.evidence_file.name)
        if upload is None or not upload.filename:
            form.evidence_file.errors = [str(NO_FILE)]
        else:
            try:
                add_evidence(draft.id, upload.filename, upload.stream, evidence_folder())
            except EvidenceRefused as refused:
                form.evidence_file.errors = [str(PROBLEMS[refused.problem])]
        if form.evidence_file.errors:
            return _render_question(service, page_id, form, data, changing, status=400, files=list_evidence(draft.id), file_size=file_size)
        return redirect(_page_url(service.slug, page_id, changing) + "#uploaded-files")
    if action.startswith("remove-") and (file_id := whole_number(action[7:])) is not None:
        remove_evidence(draft.id, file_id, evidence_folder())
        return redirect(_page_url(service.slug, page_id, changing) + "#uploaded-files")
    save_page(
        draft.id, service=service.slug, page_id=page_id, raw={}, data={},
        language=current_language(), idle_timeout=_idle_timeout(),
    )
    data[page_id] = {}  # the files are kept with the draft, not in its answers
    if changing:
        return redirect(url_for("public.check_answers", slug=service.slug))
    return redirect(_page_url(service.slug, service.journey.next_after(page_id, data)))


def evidence_rows(service: WebService, page_id: str, draft: DraftSnapshot) -> list[SummaryRow]:
    """Check answers: each file on its own row with a Remove link, or one row saying there are none."""
    files = list_evidence(draft.id)
    if not files:
        return [SummaryRow(f"{page_id}.files", _("Photos, videos or documents"), _("None uploaded"), "evidence_file")]
    return [
        SummaryRow(
            question_id=f"{page_id}.file_{number}",
            question=_("File %(number)s", number=number),
            answer=f"{item.filename} ({file_size(item.size)})",
            field_id="evidence_file",
            action=(_("Remove"), url_for("public.remove_file", slug=service.slug, file_id=item.id)),
        )
        for number, item in enumerate(files, start=1)
    ]


@public.route("/<service:slug>/remove-file/<int:file_id>", methods=["GET", "POST"])
@limit_public_posts
def remove_file(slug: str, file_id: int) -> ResponseReturnValue:
    service = _service(slug)
    draft = _open_draft(slug)
    if draft is None:
        return _lost_draft(slug)
    chosen = next((item for item in list_evidence(draft.id) if item.id == file_id), None)
    if chosen is None:
        return redirect(url_for("public.check_answers", slug=slug))
    if request.method == "POST":
        remove_evidence(draft.id, file_id, evidence_folder())
        return redirect(url_for("public.check_answers", slug=slug))
    return render_template(
        "public/remove-file.html", service=service, filename=chosen.filename,
        back_url=url_for("public.check_answers", slug=slug), timeout_warning=True,
    )
