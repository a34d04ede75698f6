"""`python -m integrations.simulator [--host 127.0.0.1] [--port 8900]`: serve the simulator until told to stop."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from types import FrameType
from typing import Any

from werkzeug.serving import WSGIRequestHandler, make_server

from integrations.simulator.app import create_simulator
from integrations.simulator.settings import settings_from_env


class _QuietHandler(WSGIRequestHandler):
    """No access log unless asked for; when asked, the request line only (bodies hold personal data)."""

    access_log = False

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.access_log:
            sys.stderr.write(f"{self.command} {self.path} {code}\n")

    def log(self, type: str, message: str, *args: Any) -> None:
        if type == "error" or self.access_log:
            super().log(type, message, *args)


class _AccessLogHandler(_QuietHandler):
    access_log = True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m integrations.simulator", description="Serve the national platform simulator.")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8900, help="port to listen on; 0 picks a free one (default: 8900)")
    parser.add_argument("--access-log", action="store_true", help="write one line per request (no bodies) to stderr")
    args = parser.parse_args(argv)

    try:
        settings = settings_from_env()
    except ValueError as error:
        parser.error(str(error))
    handler = _AccessLogHandler if args.access_log else _QuietHandler
    server = make_server(args.host, args.port, create_simulator(settings), threaded=True, request_handler=handler)

    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # serve_forever runs in a thread so the main thread can call shutdown(), which would deadlock from inside it.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="simulator-server", daemon=True)
    thread.start()
    # On standard output, one line: tools that start the simulator on port 0 read the URL from it.
    announce = logging.getLogger("integrations.simulator")
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    announce.addHandler(handler)
    announce.setLevel(logging.INFO)
    announce.info("National platform simulator listening on http://%s:%s", args.host, server.port)
    while not stopping.wait(0.2):  # a timed wait keeps the main thread responsive to signals everywhere
        pass
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
