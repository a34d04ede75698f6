"""The home page and the fixed content pages."""

from __future__ import annotations

from flask import abort, render_template
from flask.typing import ResponseReturnValue

from frontcounter.catalogue import SIGNPOSTS, services_by_group
from frontcounter.public import public

CONTENT_PAGES = ("accessibility", "privacy", "cookies", "contact")


@public.get("/")
def home() -> ResponseReturnValue:
    return render_template("public/home.html", groups=services_by_group())


@public.get("/<any(accessibility, privacy, cookies, contact):page>")
def content(page: str) -> ResponseReturnValue:
    if page not in CONTENT_PAGES:
        abort(404)
    return render_template(f"pages/{page}.html")


@public.get("/<any('report-fraud', 'lost-property', 'emergency'):path>")
def signpost(path: str) -> ResponseReturnValue:
    """Pages that store nothing and send the person to whoever deals with it."""
    entry = next(entry for entry in SIGNPOSTS if entry.path == path)
    return render_template(entry.template, entry=entry)
