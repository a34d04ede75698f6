"""`flask stack`: the whole service on one machine, for `make run`.

Starts the web app, a relay worker, the escalation job and, unless NATIONAL_PLATFORM_URL is set in the
environment, the national platform simulator, wired to each other. Ctrl-C (or SIGTERM)
stops them all; if any one stops, the others are stopped too, so a half-running service
is never left behind.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess  # nosec B404
import sys
import time
from collections.abc import Mapping
from types import FrameType

import click
import requests
from flask import Flask, current_app

from frontcounter.staff_cli import announce_demo_account


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise click.ClickException(f"{url} exited before it was ready")
        try:
            requests.get(url, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise click.ClickException(f"{url} did not answer within {seconds:.0f} seconds")


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    # Only this project's own commands, built from fixed arguments and port numbers.
    return subprocess.Popen(args, env=env)  # noqa: S603  # nosec B603


def stack_environment(config: Mapping[str, object], port: int, simulator_port: int | None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("APP_ENV", str(config["APP_ENV"]))
    if simulator_port is not None:
        env["NATIONAL_PLATFORM_URL"] = f"http://127.0.0.1:{simulator_port}"
        env.update(
            SIMULATOR_CLIENT_ID=str(config["NATIONAL_PLATFORM_CLIENT_ID"]),
            SIMULATOR_CLIENT_SECRET=str(config["NATIONAL_PLATFORM_CLIENT_SECRET"]),
            SIMULATOR_WEBHOOK_SECRET=str(config["NATIONAL_PLATFORM_WEBHOOK_SECRET"]),
            SIMULATOR_CALLBACK_URL=f"http://127.0.0.1:{port}/national-platform/events",
        )
        # The simulator moves each new submission on after a while, so the demo shows
        # status updates arriving; set it to 0 to turn that off.
        env.setdefault("SIMULATOR_AUTO_STATUS_SECONDS", "20")
    return env


def register_stack_cli(app: Flask) -> None:
    @app.cli.command("stack")
    @click.option("--port", default=None, type=int, help="Port for the web app (default: PORT, 5000).")
    @click.option("--simulator-port", default=None, type=int, help="Port for the simulator (default: SIMULATOR_PORT, 8900).")
    def stack(port: int | None, simulator_port: int | None) -> None:
        """Serve the web app with a relay worker, the escalation job and, by default, the platform simulator."""
        config = current_app.config
        port = port or int(config["PORT"])
        use_simulator = not os.environ.get("NATIONAL_PLATFORM_URL")
        sim_port = (simulator_port or int(os.environ.get("SIMULATOR_PORT", "8900"))) if use_simulator else None
        for needed in (port, sim_port):
            if needed is not None and not _port_free(needed):
                raise click.ClickException(f"Port {needed} is in use: stop what uses it, or choose another port.")
        env = stack_environment(config, port, sim_port)
        flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
        processes: list[tuple[str, subprocess.Popen[bytes]]] = []

        def stop_all(signum: int = signal.SIGTERM, frame: FrameType | None = None) -> None:
            for _, process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop_all)
        signal.signal(signal.SIGINT, stop_all)
        try:
            if sim_port is not None:
                simulator = _start([sys.executable, "-m", "integrations.simulator", "--port", str(sim_port)], env)
                processes.append(("simulator", simulator))
                _wait_for(f"http://127.0.0.1:{sim_port}/_simulator/health", simulator)
            processes.append(("relay", _start([*flask, "relay", "run"], env)))
            # Items past their triage target are escalated to supervisors once a minute.
            every = os.environ.get("ESCALATE_EVERY_SECONDS", "60")
            processes.append(("escalation", _start([*flask, "triage", "escalate", "--every", every], env)))
            web = _start([*flask, "run", "--host", "127.0.0.1", "--port", str(port), "--no-reload"], env)
            processes.append(("web", web))
            _wait_for(f"http://127.0.0.1:{port}/healthz", web)
            platform = f"the simulator on port {sim_port}" if sim_port else env["NATIONAL_PLATFORM_URL"]
            click.echo(f"\nFront Counter is running on http://127.0.0.1:{port}/ (relay delivering to {platform}). Ctrl-C stops it.\n")
            announce_demo_account()  # development only: the demo supervisor and how to sign in
            while all(process.poll() is None for _, process in processes):
                time.sleep(0.5)
        finally:
            stop_all()
            for name, process in processes:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    click.echo(f"{name} did not stop in time; killing it.", err=True)
                    process.kill()
