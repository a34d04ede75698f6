"""Builds one simulator app; each app has its own state, so tests can run several side by side."""

from __future__ import annotations

import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from integrations.simulator.admin import register_admin
from integrations.simulator.contract import load_contract
from integrations.simulator.platform_api import register_platform_api
from integrations.simulator.problems import Problem, problem_response
from integrations.simulator.runtime import EXTENSION, Simulator
from integrations.simulator.settings import SimulatorSettings
from integrations.simulator.state import SimulatorState
from integrations.simulator.webhooks import AutoStatusWorker, StatusChanger

log = logging.getLogger(__name__)


def create_simulator(settings: SimulatorSettings | None = None) -> Flask:
    settings = settings or SimulatorSettings()
    contract = load_contract()
    state = SimulatorState(settings)
    changer = StatusChanger(state, contract, settings)
    auto = AutoStatusWorker(changer, settings.auto_status_after_seconds) if settings.auto_status_after_seconds > 0 else None
    simulator = Simulator(settings=settings, contract=contract, state=state, changer=changer, auto=auto)

    app = Flask(__name__)
    # Werkzeug refuses anything larger before a view reads it; each view applies its own, smaller limit.
    app.config["MAX_CONTENT_LENGTH"] = max(settings.max_submission_bytes, settings.max_attachment_bytes)
    app.extensions[EXTENSION] = simulator
    register_platform_api(app, simulator)
    register_admin(app, simulator)
    _register_errors(app)
    return app


def _register_errors(app: Flask) -> None:
    @app.errorhandler(Problem)
    def problem(error: Problem) -> Response:
        return problem_response(error)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        status = error.code or 500
        headers = {"Allow": ", ".join(error.valid_methods)} if isinstance(error, MethodNotAllowed) and error.valid_methods else None
        return problem_response(Problem(status, error.name, error.description or error.name, headers=headers))

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        # The class name only: an exception's text may quote the request body.
        log.error("simulator error: %s", type(error).__name__)
        return problem_response(Problem(500, "Internal Server Error", "The simulator failed unexpectedly.", slug="internal"))
