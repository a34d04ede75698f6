"""Ids in URLs: plain ASCII digits that fit the database's integer columns, or no match (404).

Werkzeug's own `int` converter matches any Unicode digit ("１" is taken as 1) and any
length, so an id past the column's range reached the database and failed there (a 500).
"""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map

# The largest value of a 32-bit signed integer column: every table's id is one.
LARGEST_ID = 2**31 - 1


class RowIdConverter(IntegerConverter):
    regex = r"[0-9]{1,10}"

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)
