"""Templates get a plain snapshot of the globals (docs/performance.md), and still see every one of them."""

from __future__ import annotations

from flask import Flask

from frontcounter.templating import SnapshotGlobalsEnvironment


def test_templates_see_every_global_through_a_plain_dict(app: Flask) -> None:
    assert isinstance(app.jinja_env, SnapshotGlobalsEnvironment)
    template = app.jinja_env.get_template("base.html")
    assert type(template.globals) is dict
    for name in ("csp_nonce", "get_locale", "url_for", "LANGUAGE_NAMES"):
        assert name in template.globals, name


def test_an_imported_macro_file_is_rendered_once_and_reused(app: Flask) -> None:
    importing = app.jinja_env.from_string('{% from "govuk_frontend_jinja/components/button/macro.html" import govukButton %}'
                                          "{{ govukButton({'text': 'Go'}) }}")
    with app.test_request_context("/"):
        first = importing.render()
        macros = app.jinja_env.get_template("govuk_frontend_jinja/components/button/macro.html")
        module = macros._get_default_module(importing.new_context())
        assert importing.render() == first and "Go" in first
        # The cached module is reused: the snapshot has every global the importing template has.
        assert macros._get_default_module(importing.new_context()) is module
