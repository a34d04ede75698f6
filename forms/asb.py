"""Report anti-social behaviour: one WTForms class per question page, keyed by the journey's page ids."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from forms.base import QuestionPage
from forms.choices import ChoicePage, Revealed
from forms.common_pages import NONE_OF_THESE, PlacePage, account_field, hostility_field, place_field, risk_field, time_field
from forms.evidence import EvidencePage
from forms.fields import (
    GovCheckboxesField,
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
    SupportNeedsPage,
    VictimDetailsPage,
)
from forms.validators import DateChecks, MaxLength, Optional, Required
from services.enums import SuspectKnowledge, YesNo, YesNoUnknown
from services.enums.asb import AffectedParty, AsbBehaviour, AsbFrequency, AsbImpact, AsbTarget, AsbType

# ASB can go on for years before someone reports it; older than this is a typing mistake.
EARLIEST_YEARS = 100


class HappeningNowPage(QuestionPage):
    happening_now = GovRadioField(
        _l("Is it happening now, and is anyone in danger?"),
        description=_l(
            "For example, someone is being threatened or attacked, or someone has a weapon. "
            "If it is happening now but nobody is in danger, such as loud music, select no."
        ),
        choices=YES_NO,
        validators=[Required(_l("Select yes if it is happening now and anyone is in danger"))],
        is_page_heading=True,
    )


class AsbTypePage(ChoicePage):
    choice_hints = {
        "asb_type": {
            AsbType.PERSONAL.value: _l(
                "For example, someone keeps intimidating, harassing or threatening you, your family or a neighbour"
            ),
            AsbType.NUISANCE.value: _l(
                "For example, rowdy or drunken behaviour, noise, or people gathering and causing trouble "
                "in the street or a park"
            ),
            AsbType.ENVIRONMENTAL.value: _l(
                "For example, graffiti, fly-tipping, litter or vandalism. Councils deal with most of this, "
                "so we may pass your report to them."
            ),
        }
    }
    asb_type = GovRadioField(
        _l("What kind of anti-social behaviour is it?"),
        choices=[
            (AsbType.PERSONAL.value, _l("Aimed at you or at someone in particular")),
            (AsbType.NUISANCE.value, _l("A nuisance to the local community")),
            (AsbType.ENVIRONMENTAL.value, _l("Damage to public spaces")),
        ],
        validators=[Required(_l("Select what kind of anti-social behaviour it is"))],
        is_page_heading=True,
    )


class AimedAtPage(ChoicePage):
    choice_hints = {
        "asb_target": {
            AsbTarget.YOU.value: _l("Or me and the people I live with"),
            AsbTarget.SOMEONE_ELSE.value: _l("For example, a neighbour, a relative or a friend"),
        }
    }
    asb_target = GovRadioField(
        _l("Who is it aimed at?"),
        choices=[(AsbTarget.YOU.value, _l("Me")), (AsbTarget.SOMEONE_ELSE.value, _l("Someone else"))],
        validators=[Required(_l("Select who it is aimed at"))],
        is_page_heading=True,
    )


class HostilityPage(QuestionPage):
    hostility = hostility_field(
        _l("Do you think it is happening because of hostility or prejudice towards any of these?"),
        required=_l("Select what you think the hostility or prejudice is towards, or select no"),
        exclusive_message=_l("Select what the hostility or prejudice is towards, or select no, but not both"),
    )


class BehaviourPage(ChoicePage):
    reveals = {"behaviours": {AsbBehaviour.OTHER.value: "behaviour_other"}}
    behaviours = GovCheckboxesField(
        _l("What is happening?"),
        description=_l("Select all that apply."),
        choices=[
            (AsbBehaviour.INTIMIDATION.value, _l("Intimidating or threatening behaviour")),
            (AsbBehaviour.VERBAL_ABUSE.value, _l("Verbal abuse, insults or harassment")),
            (AsbBehaviour.ROWDY.value, _l("Rowdy, drunken or disorderly behaviour")),
            (AsbBehaviour.NOISE.value, _l("Noise, such as loud music, shouting or parties")),
            (AsbBehaviour.DRUGS.value, _l("Drug use or drug dealing")),
            (AsbBehaviour.STREET_DRINKING.value, _l("Street drinking")),
            (AsbBehaviour.NUISANCE_VEHICLES.value, _l("Nuisance vehicles, such as off-road bikes or cars racing")),
            (AsbBehaviour.VANDALISM.value, _l("Vandalism or damage to property")),
            (AsbBehaviour.GRAFFITI.value, _l("Graffiti")),
            (AsbBehaviour.FLY_TIPPING.value, _l("Fly-tipping or dumped rubbish")),
            (AsbBehaviour.FIREWORKS.value, _l("Misuse of fireworks")),
            (AsbBehaviour.ANIMALS.value, _l("Animals causing problems, such as dogs out of control")),
            (AsbBehaviour.OTHER.value, _l("Something else")),
        ],
        validators=[Required(_l("Select what is happening"))],
        is_page_heading=True,
    )
    behaviour_other = GovStringField(
        _l("Describe what else is happening"),
        validators=[
            Revealed("behaviours", AsbBehaviour.OTHER.value, _l("Describe what else is happening")),
            MaxLength(500, _l("What else is happening must be 500 characters or fewer")),
        ],
    )


class DescriptionPage(QuestionPage):
    description = account_field(
        _l("Tell us what is happening, in your own words"),
        hint=_l(
            "Include what you have seen and heard, what was said or done, who is involved, and when it tends to happen."
        ),
        required=_l("Enter what is happening"),
        too_long=_l("What is happening must be 20,000 characters or fewer"),
    )


class StillHappeningPage(QuestionPage):
    ongoing = GovRadioField(
        _l("Is it still going on?"),
        choices=[
            (YesNoUnknown.YES.value, _l("Yes")),
            (YesNoUnknown.NO.value, _l("No, it has stopped")),
            (YesNoUnknown.UNKNOWN.value, _l("I do not know")),
        ],
        validators=[Required(_l("Select yes if it is still going on"))],
        is_page_heading=True,
    )


class HowOftenPage(QuestionPage):
    frequency = GovRadioField(
        _l("How often has it happened?"),
        choices=[
            (AsbFrequency.ONCE.value, _l("Once")),
            (AsbFrequency.A_FEW_TIMES.value, _l("A few times")),
            (AsbFrequency.WEEKLY.value, _l("Every week")),
            (AsbFrequency.DAILY.value, _l("Every day")),
            (AsbFrequency.MORE_THAN_DAILY.value, _l("More than once a day")),
        ],
        validators=[Required(_l("Select how often it has happened"))],
        is_page_heading=True,
    )


class WhenOncePage(QuestionPage):
    title = _l("When did it happen?")
    occurred_on = GovDateField(
        _l("Date it happened"),
        description=_l("For example, 27 3 2026. If you do not know the exact date, give your best guess."),
        validators=[
            DateChecks(required=_l("Enter the date it happened"), name=_l("The date it happened"), earliest_years=EARLIEST_YEARS)
        ],
    )
    occurred_time = time_field(_l("Time it happened (optional)"))


class WhenStartedPage(QuestionPage):
    title = _l("When did it start, and when did it last happen?")
    lead = _l("If you do not know the exact dates, give your best guess.")
    started_on = GovDateField(
        _l("Date it started"),
        description=_l("For example, 1 6 2026"),
        validators=[
            DateChecks(required=_l("Enter the date it started"), name=_l("The date it started"), earliest_years=EARLIEST_YEARS)
        ],
    )
    last_occurred_on = GovDateField(
        _l("Date it last happened"),
        description=_l("For example, 27 3 2026"),
        validators=[
            DateChecks(
                required=_l("Enter the date it last happened"),
                name=_l("The date it last happened"),
                earliest_years=EARLIEST_YEARS,
            )
        ],
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        if valid and self.last_occurred_on.data < self.started_on.data:
            self.last_occurred_on.errors = [str(_l("The date it last happened must be the same as or after the date it started"))]
            return False
        return valid


class WherePage(PlacePage):
    title = _l("Where is it happening?")
    missing_message = _l("Enter a postcode or describe where it is happening")
    location_description = place_field(_l("For example, the street, the block of flats, a park, or the name of a shop"))


class WhoAffectedPage(QuestionPage):
    affected = GovCheckboxesField(
        _l("Who is it affecting?"),
        description=_l("Select all that apply."),
        choices=[
            (AffectedParty.YOU.value, _l("Me")),
            (AffectedParty.HOUSEHOLD.value, _l("People I live with")),
            (AffectedParty.NEIGHBOURS.value, _l("Neighbours")),
            (AffectedParty.BUSINESS.value, _l("A business or organisation")),
            (AffectedParty.COMMUNITY.value, _l("People in the area generally")),
        ],
        validators=[Required(_l("Select who it is affecting"))],
        is_page_heading=True,
    )


class ImpactPage(QuestionPage):
    title = _l("How it is affecting people")
    impact = GovCheckboxesField(
        _l("Has it caused any of these?"),
        description=_l("Select all that apply."),
        choices=[
            (AsbImpact.FEEL_UNSAFE.value, _l("Feeling unsafe or afraid")),
            (AsbImpact.SLEEP.value, _l("Losing sleep")),
            (AsbImpact.HEALTH.value, _l("Harm to physical or mental health")),
            (AsbImpact.AVOID_AREA.value, _l("Avoiding going out, or avoiding the area")),
            (AsbImpact.CHILDREN.value, _l("Children being frightened or affected")),
            (AsbImpact.PROPERTY.value, _l("Damage to property or loss of money")),
            (AsbImpact.MOVING.value, _l("Thinking about moving home")),
            (NONE_OF_THESE, _l("No, none of these")),
        ],
        validators=[Required(_l("Select what it has caused, or select no"))],
        exclusive_choice=NONE_OF_THESE,
        exclusive_message=_l("Select what it has caused, or select no, but not both"),
    )
    impact_details = GovTextAreaField(
        _l("Tell us more about how it is affecting people (optional)"),
        validators=[Optional(), MaxLength(5000, _l("How it is affecting people must be 5,000 characters or fewer"))],
    )


class ResponsiblePage(QuestionPage):
    responsible_known = GovRadioField(
        _l("Do you know who is responsible, or can you describe them?"),
        choices=[
            (SuspectKnowledge.KNOWN.value, _l("Yes, I know who is responsible")),
            (SuspectKnowledge.CAN_DESCRIBE.value, _l("No, but I can describe them")),
            (SuspectKnowledge.NO.value, _l("No")),
        ],
        validators=[Required(_l("Select yes if you know who is responsible or can describe them"))],
        is_page_heading=True,
    )


class ResponsibleDetailsPage(QuestionPage):
    title = _l("About the people responsible")
    lead = _l("Tell us their names or where they live if you know, describe them, or both.")
    responsible_name = GovStringField(
        _l("Names, or where they live (optional)"),
        description=_l("For example, the people at number 12"),
        validators=[Optional(), MaxLength(500, _l("Names or where they live must be 500 characters or fewer"))],
        render_kw={"autocomplete": "off"},
    )
    responsible_description = GovTextAreaField(
        _l("Describe them (optional)"),
        description=_l("For example, how many people, their ages, what they look like, what they wear, or any vehicles they use"),
        validators=[
            Optional(),
            MaxLength(5000, _l("Description of the people responsible must be 5,000 characters or fewer")),
        ],
    )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        if valid and not (self.responsible_name.data or "").strip() and not (self.responsible_description.data or "").strip():
            self.responsible_name.errors = [str(_l("Enter their names or where they live, or describe them"))]
            return False
        return valid


class ReportedBeforePage(ChoicePage):
    reveals = {"reported_before": {YesNo.YES.value: "previous_reference"}}
    reported_before = GovRadioField(
        _l("Have you reported this before?"),
        description=_l("This includes reporting it to the police, the council or a housing association."),
        choices=YES_NO,
        validators=[Required(_l("Select yes if you have reported this before"))],
        is_page_heading=True,
    )
    previous_reference = GovStringField(
        _l("Reference number, if you have one (optional)"),
        description=_l("For example, a police incident number or a council case number"),
        validators=[
            Revealed("reported_before", YesNo.YES.value),
            MaxLength(64, _l("Reference number must be 64 characters or fewer")),
        ],
        render_kw={"spellcheck": "false"},
    )


class RiskPage(QuestionPage):
    risk_factors = risk_field(_l("Does anything make you, or the person it is aimed at, more at risk?"))


PAGE_FORMS: dict[str, type[QuestionPage]] = {
    "evidence": EvidencePage,
    "happening-now": HappeningNowPage,
    "asb-type": AsbTypePage,
    "aimed-at": AimedAtPage,
    "hostility": HostilityPage,
    "behaviour": BehaviourPage,
    "description": DescriptionPage,
    "still-happening": StillHappeningPage,
    "how-often": HowOftenPage,
    "when-once": WhenOncePage,
    "when-started": WhenStartedPage,
    "where": WherePage,
    "who-affected": WhoAffectedPage,
    "impact": ImpactPage,
    "responsible": ResponsiblePage,
    "responsible-details": ResponsibleDetailsPage,
    "reported-before": ReportedBeforePage,
    "risk": RiskPage,
    "your-details": VictimDetailsPage,
    "your-name": NamePage,
    "address": AddressPage,
    "contact": ContactPage,
    "contact-preference": ContactPreferencePage,
    "support-needs": SupportNeedsPage,
}
