"""Load shapes: steady, spike and soak, sized by bench.load.timings from the environment,
so the harness (and its smoke mode) can run the same shapes at any scale."""

from __future__ import annotations

from locust import LoadTestShape

from bench.load.timings import Timings, spike_stage


class SteadyShape(LoadTestShape):
    """The baseline for LOAD_BASELINE_SECONDS × 4."""

    abstract = False

    def tick(self) -> tuple[int, float] | None:
        t = Timings.from_env()
        return (t.users, float(t.users)) if self.get_run_time() < 4 * t.baseline else None


class SpikeShape(LoadTestShape):
    """Baseline, ten times the users within the ramp, held, back to baseline."""

    abstract = False

    def tick(self) -> tuple[int, float] | None:
        return spike_stage(Timings.from_env(), self.get_run_time())


class SoakShape(LoadTestShape):
    """Twice the baseline for LOAD_SOAK_SECONDS (an hour by default): leaks and slow growth show here."""

    abstract = False

    def tick(self) -> tuple[int, float] | None:
        t = Timings.from_env()
        return (2 * t.users, float(t.users)) if self.get_run_time() < t.soak else None


SHAPES: dict[str, type[LoadTestShape]] = {"steady": SteadyShape, "spike": SpikeShape, "soak": SoakShape}
