"""A honeypot on every public form: one text field people never see and bots fill in.

Every public form template includes components/honeypot.html. The field is hidden from
sight, from assistive technology and from the keyboard, and browsers are asked not to fill
it. A POST to a public page that arrives with it filled in stores nothing: it is answered
with the 400 page and a `honeypot_filled` security event (which records no value).
Machine routes (the intake API, the platform webhook) are not forms and never check it.
"""

from __future__ import annotations

from flask import Blueprint, abort, request

from frontcounter.logs import security_event

# A name form-filling bots cannot resist, used by no question of ours.
HONEYPOT_FIELD = "website"


def refuse_filled_honeypot() -> None:
    if request.method == "POST" and request.form.get(HONEYPOT_FIELD, "").strip():
        security_event("honeypot_filled", status=400)
        abort(400, description="honeypot")


def init_honeypot(blueprint: Blueprint) -> None:
    """Check the field on every POST to the blueprint's pages, before any view stores a thing."""
    blueprint.before_request(refuse_filled_honeypot)
    blueprint.app_context_processor(lambda: {"honeypot_field": HONEYPOT_FIELD})
