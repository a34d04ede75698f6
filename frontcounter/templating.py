"""The Jinja environment, tuned for pages built from many imported GOV.UK macros.

Every `{% from "…/macro.html" import … %}` runs on each render, and Jinja checks each
time whether the importing template has globals the imported one lacks. With Jinja's
default ChainMap globals that check walks both maps for every key in Python, and a
question page imports about 27 macro files: it was the largest single cost of rendering
a page (docs/performance.md). Jinja asks that globals not change once templates load, and
ours are all set while the app is built, so each template gets a plain dict copy instead,
and the check becomes a set difference done in C.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from flask.templating import Environment


class SnapshotGlobalsEnvironment(Environment):
    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}
