"""Front Counter: the web layer. The application factory lives here."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, g
from flask_babel import get_locale
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from frontcounter.config import load_config
from frontcounter.errors import init_error_pages
from frontcounter.extensions import babel, csrf, login_manager, migrate
from frontcounter.i18n import init_i18n, select_locale
from frontcounter.input_guard import init_input_guard
from frontcounter.logs import configure_logging, init_request_logging
from frontcounter.rate_limits import init_rate_limits
from frontcounter.security_headers import init_security_headers
from frontcounter.staff.access import init_staff_access
from frontcounter.templating import FragmentCache, SnapshotGlobalsEnvironment
from services.crypto import Keyring, install_keyring
from services.db import configure_sqlite, db

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from the environment; `config` overrides it (tests use this)."""
    app = Flask(__name__, instance_path=str(PROJECT_ROOT / "instance"))
    app.jinja_environment = SnapshotGlobalsEnvironment
    environ = {**os.environ, **{k: str(v) for k, v in (config or {}).items() if isinstance(v, str)}}
    loaded = load_config(environ, Path(app.instance_path))
    app.config.update(loaded)
    # String overrides went through load_config above, which parsed and checked them.
    app.config.update({k: v for k, v in (config or {}).items() if not (isinstance(v, str) and k in loaded)})
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(PROJECT_ROOT / "translations")

    if not app.config.get("TESTING"):
        configure_logging(app.config["LOG_LEVEL"], app.config["LOG_FORMAT"])
    _init_templates(app)
    # First: every request gets its id and start time before anything can refuse it.
    init_request_logging(app)
    # Before CSRF and every view: refuse what Werkzeug would otherwise mangle silently.
    init_input_guard(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    WTFormsHelpers(app)
    init_i18n(app)
    init_error_pages(app)
    init_security_headers(app)
    init_staff_access(app, login_manager)

    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine)
        # This app's data keys, on its own engine: the encrypted column types find them there.
        install_keyring(db.engine, Keyring(app.config["DATA_ENCRYPTION_KEYS"]))

    app.before_request(_new_csp_nonce)
    # After the nonce (a 429 page needs one) and after CSRF: a forged POST is refused uncounted.
    init_rate_limits(app)

    from frontcounter.api import api
    from frontcounter.catalogue import check_catalogue
    from frontcounter.cli import register_cli
    from frontcounter.devstack import register_stack_cli
    from frontcounter.health import health
    from frontcounter.platform_events import platform_events
    from frontcounter.protection_cli import register_protection_cli
    from frontcounter.public import public
    from frontcounter.public.journey import ServiceConverter
    from frontcounter.relay_cli import register_relay_cli
    from frontcounter.rules_cli import register_rules_cli
    from frontcounter.staff import staff
    from frontcounter.staff_cli import register_staff_cli
    from frontcounter.triage_cli import register_triage_cli
    from frontcounter.triage_rules import init_triage_rules
    from frontcounter.url_ids import RowIdConverter

    check_catalogue()
    init_triage_rules(app)
    app.url_map.converters["service"] = ServiceConverter
    # Every <int:...> id in a URL: ASCII digits within an integer column's range, or a 404.
    app.url_map.converters["int"] = RowIdConverter

    app.register_blueprint(health)
    app.register_blueprint(public)
    app.register_blueprint(platform_events)
    app.register_blueprint(staff)
    # Machine-to-machine: authenticated by API key, never by a browser's cookies.
    csrf.exempt(api)
    app.register_blueprint(api)
    register_cli(app)
    register_relay_cli(app)
    register_rules_cli(app)
    register_stack_cli(app)
    register_triage_cli(app)
    register_staff_cli(app)
    register_protection_cli(app)
    return app


def _init_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(Path(app.root_path) / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.add_extension(FragmentCache)
    app.jinja_env.fragment_language = lambda: str(get_locale())  # type: ignore[attr-defined]
    app.jinja_env.globals["csp_nonce"] = lambda: g.get("csp_nonce", "")


def _new_csp_nonce() -> None:
    g.csp_nonce = secrets.token_urlsafe(16)
