"""The public blueprint: the home page, content pages and every service journey."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, request
from flask_babel import lazy_gettext as _l

from frontcounter.honeypot import init_honeypot

public = Blueprint("public", __name__)
init_honeypot(public)

SERVICE_NAME = _l("Contact the police online")


@public.app_context_processor
def _layout_values() -> dict[str, Any]:
    return {"service_name": SERVICE_NAME, "language_url": language_url}


def language_url(code: str) -> str:
    """The current page in another language (GET only: the page shows saved answers)."""
    args = request.args.to_dict(flat=True)
    args["lang"] = code
    return f"{request.path}?{urlencode(args)}"


from frontcounter.public import evidence, journey, pages, tracking  # noqa: E402,F401  (registers the routes)
