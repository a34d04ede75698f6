"""Firearm and shotgun certificate: the repeating groups (previous addresses, firearms wanted).

Both use the add-another pattern of the crime journey's property items: one page, a fieldset
per item, "Add another" and "Remove" buttons that post without validating, so it works
without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar, Protocol

from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms import Field, FieldList, Form, FormField

from forms.address_summary import display_postcode
from forms.base import QuestionPage, SummaryRow, display_answer
from forms.fields import GovCheckboxesField, GovDateField, GovRadioField, GovStringField
from forms.validators import DateChecks, MaxLength, Optional, Required, UkPostcode, whole_number
from services.enums.firearms import FirearmReason, HistoryProblem

MAX_PREVIOUS_ADDRESSES = 20
MAX_FIREARMS = 20


class HistoryFinding(Protocol):
    """What the journey's address-history rule reports (see services/journeys/firearms.py)."""

    problem: HistoryProblem
    index: int | None
    start: date | None
    end: date | None


# (date moved in to the current address, [(moved in, moved out) of each previous one], today)
HistoryRule = Callable[[date, Sequence[tuple[date, date]], date], HistoryFinding | None]


def _typed(field: Field) -> dict[str, list[str]]:
    """What the person typed in one field, as the browser would post it."""
    if isinstance(field, GovDateField):
        return {f"{field.name}-{part}": [value] for part, value in zip(("day", "month", "year"), field.parts(), strict=True)}
    if isinstance(field, GovCheckboxesField):
        return {field.name: list(field.data or [])}
    return {field.name: [field.data or ""]}


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, date):
        return value.isoformat()
    return value


class AddAnotherPage(QuestionPage):
    """A page of repeating items. Subclasses name the list field and word the buttons."""

    template = "public/firearms/add-another.html"
    items_name: ClassVar[str]
    max_items: ClassVar[int]
    add_label: ClassVar[Any]

    def items(self) -> FieldList:
        return self[self.items_name]

    def item_legend(self, number: int) -> str:
        raise NotImplementedError

    def remove_label(self, number: int) -> str:
        raise NotImplementedError

    def intro(self) -> list[str]:
        return [str(self.lead)] if self.lead else []

    def entry_layout(self, entry: FormField) -> list[Markup]:
        return [subfield() for subfield in entry.form]

    def apply_action(self, action: str) -> bool:
        """Add or remove an item without validating (no JavaScript needed)."""
        items = self.items()
        if action == "add":
            if len(items.entries) < self.max_items:
                items.append_entry()
            return True
        if action.startswith("remove-"):
            index = action.removeprefix("remove-")
            if (number := whole_number(index)) is not None and number < len(items.entries) and len(items.entries) > 1:
                kept = [entry for i, entry in enumerate(items.entries) if i != number]
                # Re-read the remaining items from what was typed, so a half-typed date survives.
                raw: MultiDict[str, str] = MultiDict()
                for new_index, entry in enumerate(kept):
                    for subfield in entry.form:
                        for name, values in _typed(subfield).items():
                            renamed = f"{self.items_name}-{new_index}-" + name.split("-", 2)[2]
                            for value in values:
                                raw.add(renamed, value)
                items.process(raw)
            return True
        return False

    def raw_after_action(self) -> dict[str, list[str]]:
        raw: dict[str, list[str]] = {}
        for entry in self.items().entries:
            for subfield in entry.form:
                raw.update(_typed(subfield))
        return raw

    def error_list(self) -> list[dict[str, str]]:
        errors = []
        for entry in self.items().entries:
            for subfield in entry.form:
                if subfield.errors:
                    anchor = subfield.anchor if isinstance(subfield, GovDateField) else subfield.id
                    errors.append({"text": str(subfield.errors[0]), "href": f"#{anchor}"})
        return errors

    def add_error(self, field: Field, message: str) -> None:
        """An error found across items, shown on one item's field."""
        field.errors = [*list(field.errors or []), message]
        # FieldList keeps the errors it saw while validating; refresh them so the page shows this one.
        self.items().errors = [entry.errors for entry in self.items().entries]

    def cleaned(self) -> dict[str, Any]:
        items = []
        for entry in self.items().entries:
            item = {sub.short_name: _clean(sub.data) for sub in entry.form}
            items.append({key: value for key, value in item.items() if value not in (None, "")})
        return {self.items_name: items}

    def summary(self, page_id: str) -> list[SummaryRow]:
        items = self.items()
        first = next(iter(items.entries[0].form))
        anchor = first.anchor if isinstance(first, GovDateField) else first.id
        return [SummaryRow(f"{page_id}.{items.name}", str(items.label.text), display_answer(items), anchor)]


class PreviousAddressForm(Form):
    line_1 = GovStringField(
        _l("Address line 1"),
        validators=[
            Required(_l("Enter address line 1, typically the building and street")),
            MaxLength(200, _l("Address line 1 must be 200 characters or fewer")),
        ],
        render_kw={"autocomplete": "off"},
    )
    line_2 = GovStringField(
        _l("Address line 2 (optional)"),
        validators=[Optional(), MaxLength(200, _l("Address line 2 must be 200 characters or fewer"))],
        render_kw={"autocomplete": "off"},
    )
    town = GovStringField(
        _l("Town or city"),
        description=_l("If it was outside the UK, include the country, for example Berlin, Germany"),
        validators=[Required(_l("Enter town or city")), MaxLength(100, _l("Town or city must be 100 characters or fewer"))],
        render_kw={"autocomplete": "off", "class": "govuk-!-width-two-thirds"},
    )
    postcode = GovStringField(
        _l("Postcode (optional)"),
        description=_l("Leave this blank if the address was outside the UK"),
        validators=[Optional(), UkPostcode()],
        render_kw={"autocomplete": "off", "class": "govuk-input--width-10"},
    )
    moved_in = GovDateField(
        _l("Date you moved in"),
        description=_l("For example, 27 3 2019"),
        validators=[DateChecks(required=_l("Enter the date you moved in"), name=_l("The date you moved in"))],
    )
    moved_out = GovDateField(
        _l("Date you moved out"),
        description=_l("For example, 14 8 2021"),
        validators=[DateChecks(required=_l("Enter the date you moved out"), name=_l("The date you moved out"))],
    )


class AddressListField(FieldList):
    def summary_text(self) -> str:
        lines = []
        for entry in self.entries:
            form = entry.form
            parts = [form.line_1.data, form.line_2.data, form.town.data, display_postcode(form.postcode.data or "")]
            place = ", ".join(part.strip() for part in parts if part and part.strip())
            lines.append(
                gettext(
                    "%(address)s, from %(moved_in)s to %(moved_out)s",
                    address=place,
                    moved_in=format_date(form.moved_in.data, format="long") if form.moved_in.data else "",
                    moved_out=format_date(form.moved_out.data, format="long") if form.moved_out.data else "",
                )
            )
        return "\n".join(lines)


def five_years_before(today: date) -> date:
    """The same day five years earlier (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - 5)
    except ValueError:
        return today.replace(year=today.year - 5, day=28)


class PreviousAddressesPage(AddAnotherPage):
    title = _l("Your previous addresses")
    items_name = "previous_addresses"
    max_items = MAX_PREVIOUS_ADDRESSES
    add_label = _l("Add another address")
    # The five-year rule belongs to the journey, which checks the whole application with it
    # too; forms may import only enums, so the catalogue binds it (see forms.firearms.page_forms).
    history_rule: ClassVar[HistoryRule | None] = None
    previous_addresses = AddressListField(
        FormField(PreviousAddressForm),
        label=_l("Previous addresses"),
        min_entries=1,
        max_entries=MAX_PREVIOUS_ADDRESSES,
    )

    def item_legend(self, number: int) -> str:
        return gettext("Previous address %(number)s", number=number)

    def remove_label(self, number: int) -> str:
        return gettext("Remove previous address %(number)s", number=number)

    def _current_moved_in(self) -> date | None:
        value = self.prior.get("moved_in")
        return date.fromisoformat(value) if isinstance(value, str) else None

    def intro(self) -> list[str]:
        today = date.today()
        paragraphs = [
            gettext(
                "Tell us every address you have lived at in the last 5 years, back to %(start)s.",
                start=format_date(five_years_before(today), format="long"),
            )
        ]
        moved_in = self._current_moved_in()
        if moved_in is not None:
            paragraphs.append(
                gettext(
                    "You moved to your current address on %(moved_in)s, so start with where you lived before that.",
                    moved_in=format_date(moved_in, format="long"),
                )
            )
        paragraphs.append(gettext("A gap of up to a month between moving out of one address and into the next is fine."))
        return paragraphs

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        if self.history_rule is None:
            raise RuntimeError("bind the address-history rule with forms.firearms.page_forms")
        moved_in = self._current_moved_in()
        if not valid or moved_in is None:
            return valid
        entries = self.previous_addresses.entries
        periods = [(entry.form.moved_in.data, entry.form.moved_out.data) for entry in entries]
        finding = type(self).history_rule(moved_in, periods, date.today())
        if finding is None:
            return True
        at = entries[finding.index].form if finding.index is not None else entries[0].form
        if finding.problem == HistoryProblem.MOVED_OUT_BEFORE_IN:
            self.add_error(at.moved_out, gettext("The date you moved out must be after the date you moved in"))
        elif finding.problem == HistoryProblem.GAP and finding.start and finding.end:
            self.add_error(at.moved_out, gettext(
                "Add where you lived between %(start)s and %(end)s",
                start=format_date(finding.start, format="long"), end=format_date(finding.end, format="long"),
            ))
        elif finding.problem == HistoryProblem.TOO_SHORT and finding.start and finding.end:
            self.add_error(at.moved_in, gettext(
                "Your addresses must go back to %(start)s. Add where you lived before %(end)s",
                start=format_date(finding.start, format="long"), end=format_date(finding.end, format="long"),
            ))
        else:  # a date in the future, which the date checks have already refused
            self.add_error(at.moved_in, gettext("%(name)s must be today or in the past", name=gettext("The date you moved in")))
        return False


class FirearmForm(Form):
    description = GovStringField(
        _l("Type of firearm"),
        description=_l("For example, bolt-action rifle, single-shot pistol or sound moderator"),
        validators=[
            Required(_l("Enter the type of firearm")),
            MaxLength(200, _l("Type of firearm must be 200 characters or fewer")),
        ],
        render_kw={"autocomplete": "off"},
    )
    calibre = GovStringField(
        _l("Calibre"),
        description=_l("For example, .22 LR, .243 or 6.5 mm"),
        validators=[Required(_l("Enter the calibre")), MaxLength(50, _l("Calibre must be 50 characters or fewer"))],
        render_kw={"autocomplete": "off", "class": "govuk-input--width-10", "spellcheck": "false"},
    )
    reason = GovRadioField(
        _l("Why do you need it?"),
        choices=[
            (FirearmReason.TARGET_SHOOTING.value, _l("Target shooting at a club")),
            (FirearmReason.DEER_STALKING.value, _l("Deer stalking")),
            (FirearmReason.PEST_CONTROL.value, _l("Pest or vermin control")),
            (FirearmReason.COLLECTING.value, _l("Collecting")),
            (FirearmReason.OTHER.value, _l("Another reason")),
        ],
        validators=[Required(_l("Select why you need the firearm"))],
    )


class FirearmListField(FieldList):
    def summary_text(self) -> str:
        return "\n".join(
            gettext(
                "%(description)s, %(calibre)s: %(reason)s",
                description=(entry.form.description.data or "").strip(),
                calibre=(entry.form.calibre.data or "").strip(),
                reason=entry.form.reason.choice_label(),
            )
            for entry in self.entries
        )


class FirearmsPage(AddAnotherPage):
    title = _l("Your firearms and why you need them")
    lead = _l(
        "List each firearm you want on your certificate, or already have if you are renewing. "
        "For each one, tell us why you need it: the police must be satisfied you have a good reason."
    )
    items_name = "firearms"
    max_items = MAX_FIREARMS
    add_label = _l("Add another firearm")
    firearms = FirearmListField(FormField(FirearmForm), label=_l("Firearms"), min_entries=1, max_entries=MAX_FIREARMS)

    def item_legend(self, number: int) -> str:
        return gettext("Firearm %(number)s", number=number)

    def remove_label(self, number: int) -> str:
        return gettext("Remove firearm %(number)s", number=number)

