"""Ask about a child's safety (Sarah's Law): one WTForms class per question page."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import FieldList, Form, FormField

from forms.base import QuestionPage
from forms.disclosure import SAFE_CONTACT_FORMS, DisclosureSubjectPage, OptionalDate, RevealedBy, RevealingPage, check_whole_number
from forms.fields import GovCharacterCountField, GovDateField, GovRadioField, GovStringField, GovTextAreaField
from forms.people import YES_NO, SupportNeedsPage, VictimDetailsPage
from forms.validators import DateChecks, MaxLength, Required, whole_number
from services.enums.disclosure import ChildRelationship

MAX_CHILDREN = 10
MAX_CONCERN = 5000
CHILD_AGE_LIMIT = 17  # the scheme is about children: under 18


class ImmediateDangerPage(QuestionPage):
    immediate_danger = GovRadioField(
        _l("Is a child in immediate danger right now?"),
        description=_l("For example, if a child is being hurt now, or you think they are about to be."),
        choices=YES_NO,
        validators=[Required(_l("Select yes if a child is in immediate danger right now"))],
        is_page_heading=True,
    )


class ChildForm(Form):
    first_name = GovStringField(
        _l("Child's first name"),
        validators=[
            Required(_l("Enter the child's first name")),
            MaxLength(100, _l("Child's first name must be 100 characters or fewer")),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    age = GovStringField(
        _l("Child's age"),
        description=_l("In years. Enter 0 for a baby under 1."),
        validators=[Required(_l("Enter the child's age"))],
        render_kw={"params": {"classes": "govuk-input--width-3"}, "inputmode": "numeric"},
    )

    def validate_age(self, field: Any) -> None:
        check_whole_number(
            field,
            minimum=0,
            maximum=CHILD_AGE_LIMIT,
            not_number=_l("Child's age must be a number, like 7"),
            out_of_range=_l("Child's age must be between 0 and 17"),
        )


class ChildrenField(FieldList):
    def summary_text(self) -> str:
        return "\n".join(
            gettext("%(name)s, aged %(age)s", name=entry.form.first_name.data or "", age=entry.form.age.data or "")
            for entry in self.entries
        )


class ChildrenPage(QuestionPage):
    """The add-another pattern (as for stolen property): add or remove a child without JavaScript."""

    title = _l("The child or children you are worried about")
    lead = _l("Add each child separately. We only need their first name and age.")
    template = "public/children.html"
    children = ChildrenField(FormField(ChildForm), label=_l("Children"), min_entries=1, max_entries=MAX_CHILDREN)

    def apply_action(self, action: str) -> bool:
        entries = self.children.entries
        if action == "add":
            # At the limit the button is hidden; a crafted "add" just shows the page again.
            if len(entries) < MAX_CHILDREN:
                self.children.append_entry()
            return True
        if action.startswith("remove-"):
            index = action.removeprefix("remove-")
            if (number := whole_number(index)) is not None and number < len(entries) and len(entries) > 1:
                kept = [entry.data for i, entry in enumerate(entries) if i != number]
                while self.children.entries:
                    self.children.pop_entry()
                for data in kept:
                    self.children.append_entry(data)
            return True
        return False

    def raw_after_action(self) -> dict[str, list[str]]:
        raw: dict[str, list[str]] = {}
        for i, entry in enumerate(self.children.entries):
            raw[f"children-{i}-first_name"] = [entry.form.first_name.data or ""]
            raw[f"children-{i}-age"] = [entry.form.age.data or ""]
        return raw

    def error_list(self) -> list[dict[str, str]]:
        return [
            {"text": str(field.errors[0]), "href": f"#{field.id}"}
            for entry in self.children.entries
            for field in (entry.form.first_name, entry.form.age)
            if field.errors
        ]

    def cleaned(self) -> dict[str, Any]:
        return {
            "children": [
                {"first_name": (entry.form.first_name.data or "").strip(), "age": int(entry.form.age.data)}
                for entry in self.children.entries
            ]
        }


class RelationshipToChildPage(RevealingPage):
    title = _l("Your relationship to the child or children")
    reveals = {"relationship_to_child": {ChildRelationship.OTHER.value: "relationship_other"}}
    relationship_to_child = GovRadioField(
        _l("Which of these describes you?"),
        description=_l("If it is different for each child, select other and tell us."),
        choices=[
            (ChildRelationship.PARENT.value, _l("Parent")),
            (ChildRelationship.GUARDIAN.value, _l("Guardian, including a special guardian")),
            (ChildRelationship.CARER.value, _l("Carer, for example a foster carer")),
            (ChildRelationship.OTHER.value, _l("Other")),
        ],
        validators=[Required(_l("Select your relationship to the child or children"))],
    )
    relationship_other = GovStringField(
        _l("Your relationship to them"),
        description=_l("For example, grandparent, aunt, family friend or teacher"),
        validators=[
            RevealedBy(
                "relationship_to_child",
                (ChildRelationship.OTHER.value,),
                _l("Enter your relationship to the child or children"),
            ),
            MaxLength(200, _l("Your relationship must be 200 characters or fewer")),
        ],
    )


class PersonDetailsPage(DisclosureSubjectPage):
    title = _l("The person you are worried about")
    lead = _l("Tell us what you know. Leave out anything you do not know.")
    age_minimum = 10
    age_range_message = _l("Their approximate age must be between 10 and 120")

    subject_name = GovStringField(
        _l("Full name of the person you are worried about"),
        validators=[
            Required(_l("Enter the full name of the person you are worried about")),
            MaxLength(200, _l("Their name must be 200 characters or fewer")),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    subject_other_names = GovStringField(
        _l("Any other names they use or have used (optional)"),
        description=_l("For example, a nickname, a previous surname or a name they use online"),
        validators=[MaxLength(500, _l("Other names must be 500 characters or fewer"))],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    subject_date_of_birth = GovDateField(
        _l("Their date of birth (optional)"),
        description=_l("For example, 27 3 1985"),
        validators=[
            OptionalDate(),
            DateChecks(required=_l("Enter their date of birth"), name=_l("Their date of birth"), earliest_years=120),
        ],
    )
    subject_age = GovStringField(
        _l("Their approximate age (optional)"),
        description=_l("If you do not know their date of birth"),
        render_kw={"params": {"classes": "govuk-input--width-3"}, "inputmode": "numeric", "spellcheck": "false"},
    )
    subject_address = GovTextAreaField(
        _l("Their address, if you know it (optional)"),
        description=_l("Or the area where they live"),
        validators=[MaxLength(500, _l("Their address must be 500 characters or fewer"))],
        render_kw={"rows": 3, "autocomplete": "off"},
    )
    subject_contact = GovTextAreaField(
        _l("How do they have contact with the child or children?"),
        description=_l(
            "For example, they are a parent's new partner, a relative, a neighbour or a sports coach, "
            "or they talk to the child online"
        ),
        validators=[
            Required(_l("Enter how they have contact with the child or children")),
            MaxLength(1000, _l("How they have contact must be 1,000 characters or fewer")),
        ],
        render_kw={"rows": 3},
    )


class ConcernPage(QuestionPage):
    concern = GovCharacterCountField(
        _l("Why are you worried about this person?"),
        description=_l(
            "Tell us what they have said or done, or what you have seen or heard, that worries you. "
            "You do not need to have proof."
        ),
        validators=[
            Required(_l("Enter why you are worried about this person")),
            MaxLength(MAX_CONCERN, _l("Why you are worried must be 5,000 characters or fewer")),
        ],
        max_length=MAX_CONCERN,
        is_page_heading=True,
    )


PAGE_FORMS: dict[str, type[QuestionPage]] = {
    "immediate-danger": ImmediateDangerPage,
    "children": ChildrenPage,
    "your-relationship": RelationshipToChildPage,
    "person-details": PersonDetailsPage,
    "concern": ConcernPage,
    "your-details": VictimDetailsPage,
    **SAFE_CONTACT_FORMS,
    "support-needs": SupportNeedsPage,
}
