"""The enrolment QR code, drawn on the server as inline SVG (no JavaScript, no image request)."""

from __future__ import annotations

import segno
from markupsafe import Markup, escape


def qr_code_svg(uri: str, label: str) -> Markup:
    """An SVG QR code for `uri`, named by `label` for screen readers.

    Dark modules on a white quiet zone, so it scans whatever the page's colours.
    """
    svg = segno.make(uri, error="m").svg_inline(scale=5, border=4, dark="#0b0c0c", light="#ffffff", title=str(label))
    # segno escapes the title; the label is ours and the URI is only drawn, never inserted as text.
    named = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" focusable="false" ', 1)
    return Markup(named)  # noqa: S704  # nosec B704


def spaced_secret(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
