"""The per-app bundle kept in `app.extensions["simulator"]`: no state lives at module level."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from integrations.simulator.contract import Contract
from integrations.simulator.settings import SimulatorSettings
from integrations.simulator.state import SimulatorState
from integrations.simulator.webhooks import AutoStatusWorker, StatusChanger

EXTENSION = "simulator"


@dataclass(frozen=True)
class Simulator:
    settings: SimulatorSettings
    contract: Contract
    state: SimulatorState
    changer: StatusChanger
    auto: AutoStatusWorker | None

    def reset(self) -> None:
        if self.auto is not None:
            self.auto.clear()
        self.state.reset()


def simulator_of(app: Flask | None = None) -> Simulator:
    target = app if app is not None else current_app
    simulator: Simulator = target.extensions[EXTENSION]
    return simulator
