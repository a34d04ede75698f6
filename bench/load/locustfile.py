"""The locustfile: every registered user class, and the one shape LOAD_SHAPE names.

    locust -f bench/load/locustfile.py --host http://127.0.0.1:8000

Locust takes the user classes and the shape class it finds in this module's namespace,
so only the chosen shape is bound here.
"""

from __future__ import annotations

import os

from bench.load import stats_dump  # noqa: F401  (writes LOAD_STATS_FILE as locust quits)
from bench.load.shapes import SHAPES
from bench.load.users import registered

globals().update(registered())

if os.environ.get("LOAD_SHAPE"):
    Shape = SHAPES[os.environ["LOAD_SHAPE"]]
