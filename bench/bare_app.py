"""The baseline the benchmarks measure Front Counter against: a bare Flask app, nothing else.

It renders the same GOV.UK page as the first question of "report a crime" (the same
template, header, service navigation, exit-this-page button, back link, a radios question
drawn by govuk-frontend-wtf with a CSRF token, button and footer), and its POST validates a
small form (CSRF included) and inserts one row. No drafts, sessions of our own,
translations, logging, security headers or outbox: what is left is what any Flask app
serving this page pays.

    gunicorn -c python:frontcounter.gunicorn_config 'bench.bare_app:create_bare_app()'

BARE_DATABASE_URL names the database for the insert (SQLite or PostgreSQL).
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, redirect, render_template
from flask_wtf import FlaskForm
from govuk_frontend_wtf.main import WTFormsHelpers
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovTextArea
from jinja2 import ChoiceLoader, DictLoader, PackageLoader, PrefixLoader
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, insert
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length

from bench.common import BENCH_SECRET
from services.db import configure_sqlite

PAGE = """{% extends "govuk_frontend_jinja/template.html" %}
{% from "govuk_frontend_jinja/components/generic-header/macro.html" import govukGenericHeader %}
{% from "govuk_frontend_jinja/components/skip-link/macro.html" import govukSkipLink %}
{% from "govuk_frontend_jinja/components/back-link/macro.html" import govukBackLink %}
{% from "govuk_frontend_jinja/components/exit-this-page/macro.html" import govukExitThisPage %}
{% from "govuk_frontend_jinja/components/button/macro.html" import govukButton %}
{% block pageTitle %}Is it happening now, or is anyone in immediate danger? – Report a crime – Contact the police online{% endblock %}
{% block head %}<link rel="stylesheet" href="/static/css/app.css">{% endblock %}
{% block skipLink %}{{ govukSkipLink({'href': '#main-content', 'text': 'Skip to main content'}) }}{% endblock %}
{% block header %}
  <header class="govuk-template__header">{{ govukGenericHeader({'url': '/', 'logoText': 'West Midlands Police'}) }}</header>
  <section aria-label="Service information" class="govuk-service-navigation" data-module="govuk-service-navigation">
    <div class="govuk-width-container"><div class="govuk-service-navigation__container">
      <span class="govuk-service-navigation__service-name">
        <a href="/" class="govuk-service-navigation__link">Contact the police online</a></span>
    </div></div>
  </section>
{% endblock %}
{% block beforeContent %}
  {{ govukExitThisPage({'text': 'Exit this page', 'redirectUrl': 'https://www.bbc.co.uk/weather'}) }}
  {{ govukBackLink({'href': '/', 'text': 'Back'}) }}
{% endblock %}
{% block content %}
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  <form method="post" novalidate>
    {{ form.csrf_token }}
    {{ form.happening_now(params={'fieldset': {'legend': {'text': form.happening_now.label.text, 'isPageHeading': true,
       'classes': 'govuk-fieldset__legend--l'}}}) }}
    {{ govukButton({'text': 'Continue', 'preventDoubleClick': true}) }}
  </form>
</div></div>
{% endblock %}
{% block footer %}
  <footer class="govuk-footer"><div class="govuk-width-container"><div class="govuk-footer__meta">
    <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
      <ul class="govuk-footer__inline-list">
        <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/accessibility">Accessibility statement</a></li>
        <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/privacy">Privacy notice</a></li>
      </ul>
      <p class="govuk-body-s">This service is run by West Midlands Police.</p>
    </div>
  </div></div></footer>
{% endblock %}
"""


class BareQuestion(FlaskForm):
    happening_now = RadioField("Is it happening now, or is anyone in immediate danger?", choices=[("yes", "Yes"), ("no", "No")],
                               validators=[InputRequired()], widget=GovRadioInput())
    description = TextAreaField("What happened?", validators=[Length(max=20_000)], widget=GovTextArea())


def create_bare_app() -> Flask:
    app = Flask(__name__)
    app.config.update(SECRET_KEY=BENCH_SECRET, WTF_CSRF_TIME_LIMIT=None)
    app.jinja_loader = ChoiceLoader([DictLoader({"page.html": PAGE}), PrefixLoader({
        "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
        "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
    })])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    WTFormsHelpers(app)
    engine = create_engine(os.environ.get("BARE_DATABASE_URL", "sqlite://"), pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        # The same settings Front Counter uses, so the baseline is not slower for want of them.
        configure_sqlite(engine)
    metadata = MetaData()
    answers = Table("bare_answers", metadata, Column("id", Integer, primary_key=True),
                    Column("happening_now", String(10), nullable=False), Column("description", Text, nullable=False))
    metadata.create_all(engine)

    @app.get("/question")
    def question() -> Any:
        return render_template("page.html", form=BareQuestion())

    @app.post("/question")
    def answer() -> Any:
        form = BareQuestion()
        if not form.validate():
            return render_template("page.html", form=form), 400
        with engine.begin() as connection:
            connection.execute(insert(answers).values(happening_now=form.happening_now.data, description=form.description.data or ""))
        return redirect("/question")

    return app
