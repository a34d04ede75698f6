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

from collections.abc import Callable, MutableMapping
from typing import Any

from flask.templating import Environment
from jinja2 import Environment as JinjaEnvironment
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser


class SnapshotGlobalsEnvironment(Environment):
    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


class FragmentCache(Extension):
    """`{% fragment "name", key... %}…{% endfragment %}`: render a block once per language.

    The header, footer, skip link and exit-this-page button are the same on every page in
    a language, yet drawing them through GOV.UK's macros cost about a third of a question
    page's CPU. Only blocks that read nothing from the request or the person belong in a
    fragment: anything else they depend on must be one of its keys. Each app's environment
    keeps its own cache (bounded, because a key may come from a page's data); templates
    that reload while the app runs (debug) are never cached.
    """

    tags = {"fragment"}
    LIMIT = 2048

    def __init__(self, environment: JinjaEnvironment) -> None:
        super().__init__(environment)
        environment.extend(fragment_cache={}, fragment_language=lambda: "")

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        parts = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            parts.append(parser.parse_expression())
        body = parser.parse_statements(("name:endfragment",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", [nodes.List(parts)]), [], [], body).set_lineno(lineno)

    def _render(self, parts: list[Any], caller: Callable[[], str]) -> str:
        environment = self.environment
        if environment.auto_reload:
            return caller()
        cache: dict[tuple[Any, ...], str] = environment.fragment_cache  # type: ignore[attr-defined]
        key = (environment.fragment_language(), *parts)  # type: ignore[attr-defined]
        try:
            return cache[key]
        except KeyError:
            rendered = caller()
            if len(cache) < self.LIMIT:
                cache[key] = rendered
            return rendered
