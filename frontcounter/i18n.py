"""Language choice: ?lang= first, then the cookie it sets, then the browser's Accept-Language."""

from __future__ import annotations

from flask import Flask, Response, current_app, g, request
from flask_babel import get_locale

LANGUAGE_COOKIE = "lang"
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}


def select_locale() -> str:
    languages: tuple[str, ...] = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        g.set_language_cookie = asked
        return asked
    remembered = request.cookies.get(LANGUAGE_COOKIE)
    if remembered in languages:
        return remembered
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    return str(get_locale() or "en")


def remember_language(response: Response) -> Response:
    get_locale()  # resolves the choice even on a response that rendered no text
    language = g.get("set_language_cookie")
    if language:
        response.set_cookie(
            LANGUAGE_COOKIE,
            language,
            max_age=60 * 60 * 24 * 365,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
            samesite="Lax",
        )
    return response


def init_i18n(app: Flask) -> None:
    app.after_request(remember_language)
    app.jinja_env.globals["get_locale"] = current_language
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
