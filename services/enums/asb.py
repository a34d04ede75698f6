"""Plain choices for reporting anti-social behaviour (shared by its forms and its journey)."""

from __future__ import annotations

from enum import StrEnum


class AsbType(StrEnum):
    """The three kinds of anti-social behaviour the Home Office's guidance uses."""

    PERSONAL = "personal"
    NUISANCE = "nuisance"
    ENVIRONMENTAL = "environmental"


class AsbTarget(StrEnum):
    """Whom personal anti-social behaviour is aimed at: it decides the reporter's role."""

    YOU = "you"
    SOMEONE_ELSE = "someone_else"


class AsbBehaviour(StrEnum):
    INTIMIDATION = "intimidation"
    VERBAL_ABUSE = "verbal_abuse"
    ROWDY = "rowdy"
    NOISE = "noise"
    DRUGS = "drugs"
    STREET_DRINKING = "street_drinking"
    NUISANCE_VEHICLES = "nuisance_vehicles"
    VANDALISM = "vandalism"
    GRAFFITI = "graffiti"
    FLY_TIPPING = "fly_tipping"
    FIREWORKS = "fireworks"
    ANIMALS = "animals"
    OTHER = "other"


class AsbFrequency(StrEnum):
    ONCE = "once"
    A_FEW_TIMES = "a_few_times"
    WEEKLY = "weekly"
    DAILY = "daily"
    MORE_THAN_DAILY = "more_than_daily"


class AffectedParty(StrEnum):
    YOU = "you"
    HOUSEHOLD = "household"
    NEIGHBOURS = "neighbours"
    BUSINESS = "business"
    COMMUNITY = "community"


class AsbImpact(StrEnum):
    """Harms the anti-social behaviour risk assessments most forces use ask about."""

    FEEL_UNSAFE = "feel_unsafe"
    SLEEP = "sleep"
    HEALTH = "health"
    AVOID_AREA = "avoid_area"
    CHILDREN = "children"
    PROPERTY = "property"
    MOVING = "moving"
