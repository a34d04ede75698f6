"""Answers that complete the business CCTV registration, page by page."""

from __future__ import annotations

from typing import Any

CCTV = "/register-business-cctv"

Pages = list[tuple[str, dict[str, Any]]]


def cctv_pages(**changes: Any) -> Pages:
    """Every page of the registration with answers that pass; `changes` replaces single answers."""
    pages: Pages = [
        ("business", {"organisation_name": "Corner Shop Ltd", "business_type": "retail"}),
        ("business-address", {"address_line_1": "12 High Street", "address_town": "Wrexham", "address_postcode": "ll11 1aa"}),
        ("cameras", {"camera_count": "4", "camera_coverage": ["inside", "entrance", "street"], "records_public_areas": "yes"}),
        ("recordings", {"retention_days": "31", "export_methods": ["usb", "cloud"]}),
        ("footage-access", {"footage_access": "Monday to Saturday, 8am to 6pm. The manager can copy footage."}),
        ("contact", {"full_name": "Olu Manager", "role_in_organisation": "Manager", "phone": "01632 960 789", "email": "olu@example.com"}),
        ("footage-requests", {"footage_requests": "yes"}),
    ]
    return [(page_id, {**data, **{k: v for k, v in changes.items() if k in data or _belongs(page_id, k)}}) for page_id, data in pages]


_EXTRA = {"business": {"business_type_other"}, "recordings": {"export_other"}, "business-address": {"address_line_2"}}


def _belongs(page_id: str, field: str) -> bool:
    return field in _EXTRA.get(page_id, set())
