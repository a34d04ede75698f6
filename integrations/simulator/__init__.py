"""A local simulator of the national platform, built to integrations/contracts/national-platform.openapi.yaml.

It runs as its own small Flask app: beside the web app under `make run`, on a loopback
port in tests, and under load tests. See `python -m integrations.simulator --help`.
"""

from __future__ import annotations

from integrations.simulator.app import create_simulator
from integrations.simulator.settings import SimulatorSettings, settings_from_env
from integrations.simulator.webhooks import SIGNATURE_HEADER, sign

__all__ = ["SIGNATURE_HEADER", "SimulatorSettings", "create_simulator", "settings_from_env", "sign"]
