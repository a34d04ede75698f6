"""What every staff page's layout needs: the workspace's name and its navigation."""

from __future__ import annotations

from typing import Any

from flask import current_app, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from frontcounter.staff import staff
from frontcounter.staff.access import signed_in_staff
from services.enums.casework import StaffRole

WORKSPACE_NAME = _l("Force contact workspace")

# (endpoint, label, least role). Entries whose view is not registered are left out.
NAVIGATION = (
    ("staff.queue", _l("Queue"), StaffRole.CALL_HANDLER),
    ("staff.dashboard", _l("Dashboard"), StaffRole.SUPERVISOR),
    ("staff.relay", _l("Messages to other systems"), StaffRole.SUPERVISOR),
    ("staff.users", _l("Staff accounts"), StaffRole.ADMIN),
)


@staff.context_processor
def _staff_layout() -> dict[str, Any]:
    items = []
    if current_user.is_authenticated:
        me = signed_in_staff()
        for endpoint, label, role in NAVIGATION:
            if endpoint in current_app.view_functions and me.has_role(role):
                items.append({"href": url_for(endpoint), "text": label, "active": request.endpoint == endpoint})
    return {"service_name": WORKSPACE_NAME, "staff_navigation": items, "staff_has": _has_view}


def _has_view(endpoint: str) -> bool:
    return endpoint in current_app.view_functions
