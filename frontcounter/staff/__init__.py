"""The staff workspace: sign-in, the triage queue, items, grading and the dashboard.

Every route here needs a signed-in member of staff unless its endpoint is registered
with `open_endpoint`; each view then says which role it needs with `requires_role`.
"""

from __future__ import annotations

from flask import Blueprint, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from frontcounter.staff.access import send_to_sign_in

staff = Blueprint("staff", __name__, url_prefix="/staff")

# The steps of signing in, which cannot require being signed in.
OPEN_ENDPOINTS: set[str] = set()


def open_endpoint(name: str) -> None:
    OPEN_ENDPOINTS.add(f"staff.{name}")


@staff.before_request
def _require_sign_in() -> ResponseReturnValue | None:
    if request.endpoint in OPEN_ENDPOINTS or current_user.is_authenticated:
        return None
    return send_to_sign_in()
from frontcounter.staff import dashboard  # noqa: E402,F401,I001  (registers the dashboard and relay pages)
import frontcounter.staff.casework_views  # noqa: E402,F401  (registers the queue, item and action views)
from frontcounter.staff import (  # noqa: E402,F401  (register the sign-in, account and layout views)
    account,
    auth,
    layout,
    users,
)
