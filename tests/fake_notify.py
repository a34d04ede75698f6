"""A stand-in for GOV.UK Notify's email API, served over real HTTP in tests.

It checks the request the way Notify does (a JWT signed with the key's secret, issued by
the key's service id) and records every email, so tests can assert what was sent.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

import jwt
from flask import Flask, jsonify, request

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"frontcounter_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_EN = "f33517ff-2a88-4f6e-b855-c550268ce08a"
TEMPLATE_CY = "a1b2c3d4-2a88-4f6e-b855-c550268ce08a"
MESSAGE_TEMPLATE_EN = "b33517ff-2a88-4f6e-b855-c550268ce08a"
MESSAGE_TEMPLATE_CY = "c1b2c3d4-2a88-4f6e-b855-c550268ce08a"


@dataclass
class NotifyRecord:
    emails: list[dict[str, Any]] = field(default_factory=list)
    # Status codes the next requests answer with, in order, before any email is accepted.
    statuses: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def create_fake_notify() -> tuple[Flask, NotifyRecord]:
    app = Flask("fake_notify")
    record = NotifyRecord()

    @app.post("/v2/notifications/email")
    def send_email() -> Any:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"require": ["iss", "iat"]})
        except jwt.PyJWTError:
            return jsonify(status_code=403, errors=[{"error": "AuthError", "message": "Invalid token"}]), 403
        if claims["iss"] != SERVICE_ID:
            return jsonify(status_code=403, errors=[{"error": "AuthError", "message": "Invalid issuer"}]), 403
        with record.lock:
            if record.statuses:
                status = record.statuses.pop(0)
                return jsonify(status_code=status, errors=[{"error": "Injected", "message": "injected"}]), status
        body = request.get_json()
        if body.get("template_id") not in (TEMPLATE_EN, TEMPLATE_CY, MESSAGE_TEMPLATE_EN, MESSAGE_TEMPLATE_CY):
            return jsonify(status_code=400, errors=[{"error": "BadRequestError", "message": "Template not found"}]), 400
        notification_id = str(uuid.uuid4())
        with record.lock:
            record.emails.append({"id": notification_id, **body})
        return jsonify(id=notification_id, reference=body.get("reference"), template={"id": body["template_id"]}), 201

    return app, record


def notify_settings(base_url: str) -> dict[str, str]:
    return {
        "NOTIFY_API_KEY": API_KEY,
        "NOTIFY_BASE_URL": base_url,
        "NOTIFY_CONFIRMATION_TEMPLATE_EN": TEMPLATE_EN,
        "NOTIFY_CONFIRMATION_TEMPLATE_CY": TEMPLATE_CY,
        "NOTIFY_MESSAGE_TEMPLATE_EN": MESSAGE_TEMPLATE_EN,
        "NOTIFY_MESSAGE_TEMPLATE_CY": MESSAGE_TEMPLATE_CY,
    }
