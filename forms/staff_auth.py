"""Forms for signing in to the staff workspace and managing staff accounts."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput
from wtforms import PasswordField
from wtforms.validators import DataRequired, Email, Length

from forms.fields import GovRadioField, GovStringField
from forms.translated import TranslatedForm
from forms.widgets import _GovParams
from services.enums.casework import StaffRole

ROLE_LABELS = {
    StaffRole.CALL_HANDLER: _l("Call handler"),
    StaffRole.SUPERVISOR: _l("Supervisor"),
    StaffRole.ADMIN: _l("Admin"),
}


class PasswordInput(_GovParams, GovPasswordInput):
    """GOV.UK password input with its show/hide button worded in the page's language."""

    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params = super().map_gov_params(field, **kwargs)
        params.update(
            {
                "showPasswordText": str(_l("Show")),
                "hidePasswordText": str(_l("Hide")),
                "showPasswordAriaLabelText": str(_l("Show password")),
                "hidePasswordAriaLabelText": str(_l("Hide password")),
                "passwordShownAnnouncementText": str(_l("Your password is visible")),
                "passwordHiddenAnnouncementText": str(_l("Your password is hidden")),
            }
        )
        return params


class StaffForm(TranslatedForm):
    """A staff form: its fields in order, and the error summary's entries."""

    def input_fields(self) -> list[Any]:
        return [field for field in self if field.type not in ("CSRFTokenField", "SubmitField")]

    def error_list(self) -> list[dict[str, str]]:
        return [{"text": str(field.errors[0]), "href": f"#{field.id}"} for field in self.input_fields() if field.errors]


class SignInForm(StaffForm):
    email = GovStringField(
        _l("Email address"),
        validators=[DataRequired(_l("Enter your email address")), Length(max=254, message=_l("Enter your email address"))],
        render_kw={"autocomplete": "username", "spellcheck": "false", "type": "email"},
    )
    password = PasswordField(
        _l("Password"),
        widget=PasswordInput(),
        validators=[DataRequired(_l("Enter your password")), Length(max=128, message=_l("Enter your password"))],
        render_kw={"autocomplete": "current-password"},
    )


def _code_field(label: Any, hint: Any, message: Any, autocomplete: str) -> GovStringField:
    return GovStringField(
        label,
        description=hint,
        validators=[DataRequired(message), Length(max=40, message=message)],
        render_kw={"autocomplete": autocomplete, "spellcheck": "false", "class": "govuk-input--width-10"},
        is_page_heading=False,
    )


class CodeForm(StaffForm):
    code = _code_field(
        _l("Code from your authenticator app"),
        _l("The 6-digit code the app shows for this account, for example 123456."),
        _l("Enter the 6-digit code from your authenticator app"),
        "one-time-code",
    )


class RecoveryCodeForm(StaffForm):
    code = _code_field(
        _l("Recovery code"),
        _l("One of the recovery codes you saved when you set up two-factor authentication. Each code works once."),
        _l("Enter a recovery code"),
        "off",
    )


class NewStaffForm(StaffForm):
    email = GovStringField(
        _l("Email address"),
        description=_l("Their work email address. They sign in with it."),
        validators=[
            DataRequired(_l("Enter their email address")),
            Length(max=254, message=_l("Email address must be 254 characters or fewer")),
            Email(message=_l("Enter an email address in the correct format, like name@example.police.uk")),
        ],
        render_kw={"spellcheck": "false", "autocomplete": "off", "type": "email"},
    )
    display_name = GovStringField(
        _l("Full name"),
        validators=[
            DataRequired(_l("Enter their full name")),
            Length(max=100, message=_l("Full name must be 100 characters or fewer")),
        ],
        render_kw={"spellcheck": "false", "autocomplete": "off"},
    )
    role = GovRadioField(
        _l("Role"),
        choices=[(role.value, ROLE_LABELS[role]) for role in StaffRole],
        validators=[DataRequired(_l("Select a role"))],
    )


class RoleForm(StaffForm):
    role = GovRadioField(
        _l("Role"),
        choices=[(role.value, ROLE_LABELS[role]) for role in StaffRole],
        validators=[DataRequired(_l("Select a role"))],
    )


class ChangePasswordForm(StaffForm):
    current_password = PasswordField(
        _l("Current password"),
        widget=PasswordInput(),
        validators=[DataRequired(_l("Enter your current password")), Length(max=128, message=_l("Enter your current password"))],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password"),
        description=_l("At least 12 characters. A few unrelated words together make a good password."),
        widget=PasswordInput(),
        validators=[DataRequired(_l("Enter a new password"))],
        render_kw={"autocomplete": "new-password"},
    )
