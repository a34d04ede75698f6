"""Emails through GOV.UK Notify, one template per kind and language: the confirmation, and
a message from staff to the person who reported.

The templates' words live in Notify (docs/notify-templates.md has them in English and
Welsh); we send only the personalisation: reference, service name (or the staff message's
own words), force name and phone. Nothing of what was reported is ever quoted.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

DEFAULT_NOTIFY_BASE_URL = "https://api.notifications.service.gov.uk"


class EmailNotConfigured(Exception):
    """No Notify API key: the email is recorded as not configured, which is not a failure."""


class EmailError(Exception):
    """Notify did not take the email. `transient`: it may later; `outage`: nothing will now."""

    def __init__(self, message: str, *, error_class: str, status: int | None, transient: bool, outage: bool = False) -> None:
        super().__init__(message)
        self.error_class = error_class
        self.status = status
        self.transient = transient
        self.outage = outage


@dataclass(frozen=True)
class EmailSettings:
    api_key: str | None
    base_url: str
    templates: Mapping[str, str]  # language -> Notify template id
    force_name: str
    force_phone: str
    timeout: float = 10.0
    # Language -> template id for messages from staff; without one they are not configured.
    message_templates: Mapping[str, str] = field(default_factory=dict)


class ConfirmationEmailSender:
    """Sends one confirmation email per call; thread-safe (a Notify client per thread)."""

    def __init__(self, settings: EmailSettings, service_names: Mapping[tuple[str, str], str]) -> None:
        self.settings = settings
        self._service_names = service_names
        self._local = threading.local()

    @property
    def configured(self) -> bool:
        return bool(self.settings.api_key)

    def _client(self) -> NotificationsAPIClient:
        client: NotificationsAPIClient | None = getattr(self._local, "client", None)
        if client is None:
            client = NotificationsAPIClient(self.settings.api_key, base_url=self.settings.base_url, timeout=self.settings.timeout)
            self._local.client = client
        return client

    def personalisation(self, reference: str, service: str, language: str) -> dict[str, str]:
        return {
            "reference": reference,
            "service_name": self._service_names.get((service, language)) or self._service_names.get((service, "en"), service),
            "force_name": self.settings.force_name,
            "force_phone": self.settings.force_phone,
        }

    def message_personalisation(self, reference: str, message_text: str) -> dict[str, str]:
        return {
            "reference": reference,
            "message": message_text,
            "force_name": self.settings.force_name,
            "force_phone": self.settings.force_phone,
        }

    def send(
        self, *, email_address: str, reference: str, body: Mapping[str, Any], idempotency_key: str, message_text: str | None = None
    ) -> str:
        """Send and return Notify's notification id. `message_text` is a staff message's words
        (for a message email; a confirmation has none)."""
        if not self.configured:
            raise EmailNotConfigured()
        language = str(body.get("language") or "en")
        if body.get("template") == "message":
            templates = self.settings.message_templates
            template_id = templates.get(language) or templates.get("en")
            if not template_id:
                raise EmailNotConfigured()
            personalisation = self.message_personalisation(reference, message_text or "")
        else:
            template_id = self.settings.templates.get(language) or self.settings.templates["en"]
            personalisation = self.personalisation(reference, str(body.get("service") or ""), language)
        try:
            response = self._client().send_email_notification(
                email_address=email_address,
                template_id=template_id,
                personalisation=personalisation,
                # Notify keeps this with the notification, so a support query can be traced.
                reference=idempotency_key,
            )
        except APIError as error:
            raise _classify(error) from None
        return str(response.get("id", ""))[:64]


def _classify(error: APIError) -> EmailError:
    cause = error.__cause__
    if error.response is None or isinstance(cause, (requests.ConnectionError, requests.Timeout)):
        name = type(cause).__name__ if cause is not None else "NoResponse"
        return EmailError(name, error_class=name, status=None, transient=True, outage=True)
    status = error.status_code
    # 403 is a wrong or revoked key and 429 a rate limit: both hold for every email alike.
    if status in (403, 429) or status >= 500:
        return EmailError(f"Notify {status}", error_class=f"HTTP{status}", status=status, transient=True, outage=True)
    return EmailError(f"Notify {status}", error_class=f"HTTP{status}", status=status, transient=False)
