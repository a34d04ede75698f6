"""gunicorn settings for production: `gunicorn -c python:frontcounter.gunicorn_config wsgi:app`.

Every setting can be changed through the environment, so one file serves every node:

- `PORT` / `BIND`: where to listen (`BIND` wins; default `127.0.0.1:$PORT`, behind a proxy).
- `WEB_CONCURRENCY`: worker processes (default: 2 per core, at least 2).
- `WEB_THREADS`: threads per worker (default 4). Pages spend much of their time waiting on
  the database, so a few threads per process serve more people than more processes would,
  for less memory.
- `WEB_TIMEOUT`: seconds before a stuck worker is replaced (default 30).
- `WEB_MAX_REQUESTS`: requests after which a worker is replaced (default 5000, with jitter),
  which bounds any slow growth in memory.

The app logs each request itself (`frontcounter.access`, JSON lines, no personal data),
so gunicorn's own access log stays off.
"""

from __future__ import annotations

import os

_cores = os.cpu_count() or 1

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", str(max(2, 2 * _cores))))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Each worker builds its own app, so no database connection is shared across a fork.
preload_app = False
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Proxies in front (the load balancer) set X-Forwarded-*; only trust the local one by default.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "frontcounter-web"
