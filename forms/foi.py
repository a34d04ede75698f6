"""Make a Freedom of Information request: one WTForms class per question page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from forms.base import QuestionPage
from forms.fields import GovCharacterCountField, GovRadioField, GovStringField
from forms.people import AddressPage, FullNameMixin
from forms.request_pages import PeriodDatesPage, PeriodPage
from forms.validators import Email, MaxLength, Optional, Required
from services.enums.information_requests import InformationFormat

# The contract's limit for a summary, which is where the request travels.
MAX_REQUEST = 20_000


class InformationWantedPage(QuestionPage):
    title = _l("What information do you want?")
    # Guidance with a link to the subject access service, so the page has its own template.
    template = "public/request/foi-information.html"
    information_wanted = GovCharacterCountField(
        _l("Describe the information you want"),
        description=_l("Do not include personal information about yourself or anyone else."),
        validators=[
            Required(_l("Enter the information you want")),
            MaxLength(MAX_REQUEST, _l("The information you want must be 20,000 characters or fewer")),
        ],
        max_length=MAX_REQUEST,
    )


class FormatPage(QuestionPage):
    preferred_format = GovRadioField(
        _l("How would you like to receive the information?"),
        description=_l("We will use the format you choose if we reasonably can."),
        choices=[
            (InformationFormat.EMAIL.value, _l("By email")),
            (InformationFormat.SPREADSHEET.value, _l("By email, as a spreadsheet where possible")),
            (InformationFormat.PRINTED.value, _l("As a printed copy, by post")),
        ],
        validators=[Required(_l("Select how you would like to receive the information"))],
        is_page_heading=True,
    )


class RequesterNamePage(FullNameMixin, QuestionPage):
    title = _l("Your name")
    lead = _l(
        "The Freedom of Information Act says a request must give the real name of the person or "
        "organisation asking. We cannot answer a request made under a false name."
    )
    organisation_name = GovStringField(
        _l("Organisation (optional)"),
        description=_l("If you are asking for an organisation, such as a company, charity or newspaper"),
        validators=[Optional(), MaxLength(200, _l("Organisation must be 200 characters or fewer"))],
        render_kw={"autocomplete": "organization"},
    )


class ReplyEmailPage(QuestionPage):
    email = GovStringField(
        _l("What is your email address?"),
        description=_l("We will send our reply, and any information we can give you, to this address."),
        validators=[Required(_l("Enter your email address")), Email()],
        render_kw={"autocomplete": "email", "spellcheck": "false", "type": "email"},
        is_page_heading=True,
    )


class PostalAddressPage(AddressPage):
    title = _l("Where should we post the information?")
    lead = _l("Give your postal address. We will post our reply and the printed copy here.")


PAGE_FORMS: dict[str, type[QuestionPage]] = {
    "information": InformationWantedPage,
    "period": PeriodPage,
    "period-dates": PeriodDatesPage,
    "format": FormatPage,
    "your-name": RequesterNamePage,
    "email": ReplyEmailPage,
    "address": PostalAddressPage,
}
