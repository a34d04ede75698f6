"""Report a crime: one WTForms class per question page, keyed by the journey's page ids."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import format_currency
from flask_babel import lazy_gettext as _l
from wtforms import FieldList, Form, FormField
from wtforms.validators import ValidationError

from forms.base import QuestionPage
from forms.common_pages import PlacePage, account_field, hostility_field, place_field, risk_field, time_field
from forms.evidence import EvidencePage
from forms.fields import (
    GovDateField,
    GovRadioField,
    GovStringField,
    GovTextAreaField,
)
from forms.people import (
    YES_NO,
    AddressPage,
    ContactPage,
    ContactPreferencePage,
    NamePage,
    OrganisationPage,
    SupportNeedsPage,
    VictimDetailsPage,
)
from forms.validators import DateChecks, MaxLength, Optional, Required, RequiredIf, whole_number
from services.enums import (
    CrimeCategory,
    ReporterRole,
    SuspectKnowledge,
    YesNo,
)

MAX_PROPERTY_ITEMS = 20


class HappeningNowPage(QuestionPage):
    happening_now = GovRadioField(
        _l("Is it happening now, or is anyone in immediate danger?"),
        choices=YES_NO,
        validators=[Required(_l("Select yes if it is happening now or anyone is in immediate danger"))],
        is_page_heading=True,
    )


class ReporterRolePage(QuestionPage):
    reporter_role = GovRadioField(
        _l("Who are you reporting as?"),
        choices=[
            (ReporterRole.VICTIM.value, _l("I am the victim")),
            (ReporterRole.WITNESS.value, _l("I saw it happen (a witness)")),
            (ReporterRole.THIRD_PARTY.value, _l("I am reporting on behalf of someone else")),
            (ReporterRole.ORGANISATION.value, _l("I am reporting on behalf of an organisation or business")),
        ],
        validators=[Required(_l("Select who you are reporting as"))],
        is_page_heading=True,
    )


class CategoryPage(QuestionPage):
    category = GovRadioField(
        _l("What happened?"),
        description=_l("Choose the one that fits best. You can tell us more later."),
        choices=[
            (CrimeCategory.THEFT.value, _l("Theft")),
            (CrimeCategory.BURGLARY.value, _l("Burglary")),
            (CrimeCategory.CRIMINAL_DAMAGE.value, _l("Criminal damage")),
            (CrimeCategory.ASSAULT.value, _l("Assault or violence")),
            (CrimeCategory.HARASSMENT.value, _l("Harassment or stalking")),
            (CrimeCategory.HATE.value, _l("Hate crime or hate incident")),
            (CrimeCategory.VEHICLE.value, _l("Vehicle crime")),
            (CrimeCategory.OTHER.value, _l("Something else")),
        ],
        validators=[Required(_l("Select what happened"))],
        is_page_heading=True,
    )


class HostilityPage(QuestionPage):
    hostility = hostility_field(
        _l("Do you think it was motivated by hostility towards any of these?"),
        required=_l("Select what you think the hostility was towards, or select no"),
        exclusive_message=_l("Select what the hostility was towards, or select no, but not both"),
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        if valid and self.prior.get("category") == CrimeCategory.HATE.value and not self.hostility.chosen():
            self.hostility.errors = [str(_l("Select what you think the hostility was towards"))]
            return False
        return valid


class WhenPage(QuestionPage):
    date_known = GovRadioField(
        _l("Do you know the date it happened?"),
        choices=[
            (YesNo.YES.value, _l("Yes, I know the date")),
            (YesNo.NO.value, _l("No, I do not know the exact date")),
        ],
        validators=[Required(_l("Select yes if you know the date it happened"))],
        is_page_heading=True,
    )


class WhenDatePage(QuestionPage):
    title = _l("When did it happen?")
    occurred_on = GovDateField(
        _l("Date it happened"),
        description=_l("For example, 27 3 2026"),
        validators=[DateChecks(required=_l("Enter the date it happened"), name=_l("The date it happened"), earliest_years=100)],
    )
    occurred_time = time_field(_l("Time it happened (optional)"))


class WhenRangePage(QuestionPage):
    title = _l("When could it have happened?")
    lead = _l("Give the earliest and latest dates it could have happened.")
    occurred_from = GovDateField(
        _l("Earliest date"),
        description=_l("For example, 1 3 2026"),
        validators=[
            DateChecks(required=_l("Enter the earliest date it could have happened"), name=_l("The earliest date"), earliest_years=100)
        ],
    )
    occurred_to = GovDateField(
        _l("Latest date"),
        description=_l("For example, 27 3 2026"),
        validators=[
            DateChecks(required=_l("Enter the latest date it could have happened"), name=_l("The latest date"), earliest_years=100)
        ],
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        if valid and self.occurred_from.data > self.occurred_to.data:
            self.occurred_to.errors = [str(_l("The latest date must be the same as or after the earliest date"))]
            return False
        return valid


class WherePage(PlacePage):
    title = _l("Where did it happen?")
    missing_message = _l("Enter a postcode or describe where it happened")
    location_description = place_field(_l("For example, the street, a landmark, the name of a shop or park, or the bus route"))


class DescriptionPage(QuestionPage):
    description = account_field(
        _l("Tell us what happened, in your own words"),
        hint=_l("Include what you saw and heard, who was there, and anything that was said."),
        required=_l("Enter what happened"),
        too_long=_l("What happened must be 20,000 characters or fewer"),
    )


class SuspectPage(QuestionPage):
    suspect_known = GovRadioField(
        _l("Do you know who did it, or can you describe them?"),
        choices=[
            (SuspectKnowledge.KNOWN.value, _l("Yes, I know who did it")),
            (SuspectKnowledge.CAN_DESCRIBE.value, _l("No, but I can describe them")),
            (SuspectKnowledge.NO.value, _l("No")),
        ],
        validators=[Required(_l("Select yes if you know who did it or can describe them"))],
        is_page_heading=True,
    )


class SuspectDetailsPage(QuestionPage):
    title = _l("About the person who did it")
    suspect_name = GovStringField(
        _l("Their name, if you know it (optional)"),
        validators=[Optional(), MaxLength(200, _l("Their name must be 200 characters or fewer"))],
        render_kw={"autocomplete": "off"},
    )
    suspect_description = GovTextAreaField(
        _l("Describe them"),
        description=_l("For example, their age, height, build, hair, clothes, anything distinctive, or a vehicle they used"),
        validators=[
            Required(_l("Describe the person")),
            MaxLength(5000, _l("Description of the person must be 5,000 characters or fewer")),
        ],
    )


class PropertyPage(QuestionPage):
    property_involved = GovRadioField(
        _l("Was anything stolen or damaged?"),
        choices=YES_NO,
        validators=[Required(_l("Select yes if anything was stolen or damaged"))],
        is_page_heading=True,
    )


class PropertyItemForm(Form):
    description = GovStringField(
        _l("Description of the item"),
        description=_l("For example, black mountain bike, or iPhone 15 with a blue case"),
        validators=[
            Required(_l("Enter a description of the item")),
            MaxLength(500, _l("Description of the item must be 500 characters or fewer")),
        ],
    )
    value = GovStringField(
        _l("Estimated value in pounds (optional)"),
        validators=[Optional()],
        render_kw={"class": "govuk-input--width-10", "inputmode": "decimal"},
    )

    def validate_value(self, field: Any) -> None:
        text = (field.data or "").replace(",", "").replace("£", "").strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
        if amount is None or amount < 0 or amount > 10_000_000 or amount != amount.quantize(Decimal("0.01")):
            raise ValidationError(str(_l("Estimated value must be an amount in pounds, like 150 or 49.99")))
        field.data = str(amount.quantize(Decimal("0.01")))


class PropertyItemsField(FieldList):
    def summary_text(self) -> str:
        lines = []
        for entry in self.entries:
            description = entry.form.description.data or ""
            value = entry.form.value.data
            if value:
                lines.append(f"{description} ({format_currency(Decimal(value), 'GBP')})")
            else:
                lines.append(description)
        return "\n".join(lines)


class PropertyItemsPage(QuestionPage):
    title = _l("What was stolen or damaged?")
    template = "public/property-items.html"
    property_items = PropertyItemsField(
        FormField(PropertyItemForm),
        label=_l("Items stolen or damaged"),
        min_entries=1,
        max_entries=MAX_PROPERTY_ITEMS,
    )

    def apply_action(self, action: str) -> bool:
        """Add or remove an item without validating (the add-another pattern, no JavaScript needed)."""
        if action == "add" and len(self.property_items.entries) < MAX_PROPERTY_ITEMS:
            self.property_items.append_entry()
            return True
        if action.startswith("remove-"):
            index = action.removeprefix("remove-")
            entries = self.property_items.entries
            if (number := whole_number(index)) is not None and number < len(entries) and len(entries) > 1:
                kept = [entry.data for i, entry in enumerate(self.property_items.entries) if i != number]
                while self.property_items.entries:
                    self.property_items.pop_entry()
                for data in kept:
                    self.property_items.append_entry(data)
            return True
        return False

    def raw_after_action(self) -> dict[str, list[str]]:
        raw: dict[str, list[str]] = {}
        for i, entry in enumerate(self.property_items.entries):
            raw[f"property_items-{i}-description"] = [entry.form.description.data or ""]
            raw[f"property_items-{i}-value"] = [entry.form.value.data or ""]
        return raw

    def error_list(self) -> list[dict[str, str]]:
        errors = []
        for entry in self.property_items.entries:
            for field in (entry.form.description, entry.form.value):
                if field.errors:
                    errors.append({"text": str(field.errors[0]), "href": f"#{field.id}"})
        return errors

    def cleaned(self) -> dict[str, Any]:
        items = []
        for entry in self.property_items.entries:
            item: dict[str, Any] = {"description": (entry.form.description.data or "").strip()}
            if entry.form.value.data:
                item["value"] = entry.form.value.data
            items.append(item)
        return {"property_items": items}


class InjuriesPage(QuestionPage):
    reveals = {"anyone_hurt": {YesNo.YES.value: "injury_details"}}
    title = _l("Injuries")
    anyone_hurt = GovRadioField(
        _l("Was anyone hurt?"),
        choices=YES_NO,
        validators=[Required(_l("Select yes if anyone was hurt"))],
    )
    injury_details = GovTextAreaField(
        _l("Describe the injuries and whether anyone needed medical treatment"),
        validators=[
            RequiredIf("anyone_hurt", (YesNo.YES.value,), _l("Describe the injuries")),
            MaxLength(5000, _l("Description of the injuries must be 5,000 characters or fewer")),
        ],
    )


class RiskPage(QuestionPage):
    risk_factors = risk_field(_l("Does anything make you, or the person it happened to, more at risk?"))


PAGE_FORMS: dict[str, type[QuestionPage]] = {
    "happening-now": HappeningNowPage,
    "reporter-role": ReporterRolePage,
    "evidence": EvidencePage,
    "category": CategoryPage,
    "hostility": HostilityPage,
    "when": WhenPage,
    "when-date": WhenDatePage,
    "when-range": WhenRangePage,
    "where": WherePage,
    "description": DescriptionPage,
    "suspect": SuspectPage,
    "suspect-details": SuspectDetailsPage,
    "property": PropertyPage,
    "property-items": PropertyItemsPage,
    "injuries": InjuriesPage,
    "risk": RiskPage,
    "your-details": VictimDetailsPage,
    "your-name": NamePage,
    "organisation-details": OrganisationPage,
    "address": AddressPage,
    "contact": ContactPage,
    "contact-preference": ContactPreferencePage,
    "support-needs": SupportNeedsPage,
}
