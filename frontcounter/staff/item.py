"""An item: everything submitted, what has been done with it, and its evidence files.

Opening the page is audited (it shows personal data), and so is every file downloaded.
"""

from __future__ import annotations

import io
from pathlib import Path

from flask import abort, current_app, render_template, send_file
from flask.typing import ResponseReturnValue

from forms.staff_casework import ActionForm
from frontcounter.staff import staff
from frontcounter.staff.access import requires_role
from frontcounter.staff.casework_web import current_actor, labels
from frontcounter.triage_rules import current_rules
from services.casework_common import ItemNotFound
from services.enums.casework import StaffRole
from services.evidence import display_name
from services.item_view import download_attachment, item_details, record_item_viewed
from services.targets import deadline
from services.types import utcnow

# The only types evidence is stored as (checked by its bytes when uploaded).
_SERVED_TYPES = {"image/jpeg", "image/png", "application/pdf", "video/mp4"}


@staff.get("/items/<int:item_id>")
@requires_role(StaffRole.CALL_HANDLER)
def item(item_id: int) -> ResponseReturnValue:
    me = current_actor()
    try:
        record_item_viewed(item_id, me.id)
    except ItemNotFound:
        abort(404)
    details = item_details(item_id, with_audit=me.supervisor)
    now = utcnow()
    state = deadline(details.item.target_at, details.item.grade, bool(details.item.vulnerability), now, current_rules())
    return render_template(
        "staff/item.html", details=details, item=details.item, submission=details.submission, deadline_state=state,
        me=me, button_form=ActionForm(), **labels(),
    )


@staff.get("/items/<int:item_id>/files/<int:attachment_id>")
@requires_role(StaffRole.CALL_HANDLER)
def attachment(item_id: int, attachment_id: int) -> ResponseReturnValue:
    """The file as a download, never shown in the browser: a hostile file cannot run here."""
    try:
        download = download_attachment(item_id, attachment_id, current_actor().id, Path(current_app.config["EVIDENCE_DIR"]))
    except ItemNotFound:
        abort(404)
    content_type = download.content_type if download.content_type in _SERVED_TYPES else "application/octet-stream"
    response = send_file(
        io.BytesIO(download.content), mimetype=content_type, as_attachment=True, download_name=display_name(download.filename),
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
