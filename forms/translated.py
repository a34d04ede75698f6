"""The base of every form: WTForms' own messages in the page's language, loaded once."""

from __future__ import annotations

from typing import Any

from babel import support
from flask import current_app
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms.i18n import messages_path

_CACHE_KEY = "frontcounter.wtforms_translations"


class TranslatedForm(FlaskForm):
    """Flask-WTF reads WTForms' message catalogue from disk on every request that builds a
    form; it was a tenth of the final Send's CPU. Each app keeps one catalogue a language."""

    class Meta:
        def get_translations(self, form: Any) -> Any:
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)  # type: ignore[misc]
            catalogues: dict[str, Any] = current_app.extensions.setdefault(_CACHE_KEY, {})
            language = str(get_locale())
            catalogue = catalogues.get(language)
            if catalogue is None:
                catalogue = catalogues[language] = support.Translations.load(messages_path(), [language], domain="wtforms")
            return catalogue
