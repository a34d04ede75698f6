"""The JSON intake API (`/api/v1`) for channels other than the web forms: the 101 voice
assistant, web chat, partner apps. Same schemas, same path into triage and the platform."""

from __future__ import annotations

from flask import Blueprint

api = Blueprint("api", __name__, url_prefix="/api/v1")

from frontcounter.api import catalogue, openapi, submissions  # noqa: E402,F401  (registers the routes)
