"""Every staff route, for every role: found by walking the app's URL map, so routes added
later are covered without touching this file.

Each view declares the least role it needs with `requires_role` (which records it on the
view as `least_role`); only the sign-in steps are open. Not signed in, every other route
sends to the sign-in page; a lower role gets 403; that role and higher ones get through.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from frontcounter.staff import OPEN_ENDPOINTS
from services.enums.casework import StaffRole
from tests.pages import Page
from tests.staff_helpers import make_staff, sign_in_as

ROLES = (StaffRole.CALL_HANDLER, StaffRole.SUPERVISOR, StaffRole.ADMIN)
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def staff_routes(app: Flask) -> Iterator[tuple[Rule, str]]:
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint.startswith("staff."):
            for method in sorted((rule.methods or set()) - IGNORED_METHODS):
                yield rule, method


def least_role(app: Flask, endpoint: str) -> StaffRole | None:
    return getattr(app.view_functions[endpoint], "least_role", None)


def url_for_rule(app: Flask, rule: Rule, method: str, record_id: int) -> str:
    """The route's URL with sensible values: ids point at a real record (another member of
    staff; other ids may not exist, which is a 404, still "through")."""
    values: dict[str, object] = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        if isinstance(converter, IntegerConverter):
            values[name] = record_id
        elif isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]  # type: ignore[attr-defined]
        else:
            values[name] = "example"
    return app.url_map.bind("localhost").build(rule.endpoint, values, method=method)


def csrf_token(client) -> str:  # type: ignore[no-untyped-def]
    return Page(client.get("/report-a-crime/happening-now")).csrf_token()


def send(client, method: str, url: str):  # type: ignore[no-untyped-def]
    if method == "GET":
        return client.get(url)
    return client.open(url, method=method, data={"csrf_token": csrf_token(client)})


def sent_to_sign_in(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302 and response.headers["Location"].startswith("/staff/sign-in?next=")


def test_every_staff_route_declares_its_least_role_unless_it_is_a_sign_in_step(app: Flask) -> None:
    undeclared = sorted(
        rule.endpoint
        for rule, _method in staff_routes(app)
        if rule.endpoint not in OPEN_ENDPOINTS and least_role(app, rule.endpoint) is None
    )
    assert undeclared == [], f"staff routes without @requires_role: {undeclared}"
    assert {"staff.sign_in", "staff.sign_in_submit", "staff.code_submit"} <= OPEN_ENDPOINTS
    assert least_role(app, "staff.users") is StaffRole.ADMIN
    assert least_role(app, "staff.sign_out") is StaffRole.CALL_HANDLER


def test_not_signed_in_every_staff_route_but_the_sign_in_steps_sends_to_sign_in(app: Flask) -> None:
    target = make_staff(app, StaffRole.CALL_HANDLER)
    checked = 0
    for rule, method in staff_routes(app):
        client = app.test_client()
        response = send(client, method, url_for_rule(app, rule, method, target))
        assert response.status_code < 500, f"{method} {rule.rule}: {response.status_code}"
        if rule.endpoint in OPEN_ENDPOINTS:
            assert not sent_to_sign_in(response), f"{method} {rule.rule} is open but asks to sign in"
            continue
        assert sent_to_sign_in(response), f"{method} {rule.rule}: {response.status_code} without signing in"
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("role", ROLES, ids=[role.value for role in ROLES])
def test_each_role_reaches_what_its_role_allows_and_nothing_more(app: Flask, role: StaffRole) -> None:
    target = make_staff(app, StaffRole.CALL_HANDLER)
    actor = make_staff(app, role)
    rank = ROLES.index(role)
    seen = {"allowed": 0, "refused": 0}
    for rule, method in staff_routes(app):
        needed = least_role(app, rule.endpoint)
        if needed is None:
            continue  # the open sign-in steps
        # A fresh session for each request: some actions (signing out) end the one they use.
        client = app.test_client()
        sign_in_as(app, client, actor)
        response = send(client, method, url_for_rule(app, rule, method, target))
        where = f"{role.value}: {method} {rule.rule} -> {response.status_code} {response.headers.get('Location', '')}"
        assert response.status_code < 500, where
        assert not sent_to_sign_in(response), where
        if rank < ROLES.index(needed):
            assert response.status_code == 403, where
            seen["refused"] += 1
        else:
            assert response.status_code != 403, where
            seen["allowed"] += 1
    assert seen["allowed"] > 0
    if role is not StaffRole.ADMIN:
        assert seen["refused"] > 0
