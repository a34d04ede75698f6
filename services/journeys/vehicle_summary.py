"""The summary of a vehicle report that the contact team reads first.

Most people reporting a vehicle have little to add in their own words: what matters is in
the answers. So unless their own account is long enough to stand alone, the summary is
built from the answers (in English, like the category codes staff work with), with their
own words after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from services.enums import YesNo, YesNoUnknown
from services.enums.vehicle import (
    AbandonedConcern,
    KeysStatus,
    RegisteredKeeper,
    TimeThere,
    VehicleCondition,
    VehicleReport,
    VehicleType,
)
from services.journeys.common import normalise_postcode

# Own words at least this long are an account on their own; shorter ones follow the built summary.
SHORT_ACCOUNT = 200
MAX_SUMMARY = 20_000

VEHICLE_TYPES = {
    VehicleType.CAR: "car",
    VehicleType.VAN: "van",
    VehicleType.MOTORCYCLE: "motorbike, moped or scooter",
    VehicleType.LORRY: "lorry, bus or coach",
    VehicleType.MOTORHOME: "motorhome or campervan",
    VehicleType.CARAVAN: "caravan or trailer",
    VehicleType.QUAD_BIKE: "quad bike",
}
KEYS = {
    KeysStatus.TAKEN: "The keys were taken.",
    KeysStatus.KEYLESS: "The keys were not taken; it has keyless entry or start (possible relay theft).",
    KeysStatus.KEPT: "The keys were not taken.",
    KeysStatus.UNKNOWN: "Not known whether the keys were taken.",
}
CONCERNS = {
    AbandonedConcern.DANGER: "Causing a danger or an obstruction.",
    AbandonedConcern.SUSPICIOUS: "May be stolen or linked to a crime.",
}
TIME_THERE = {
    TimeThere.LESS_THAN_A_WEEK: "There for less than a week.",
    TimeThere.ONE_TO_FOUR_WEEKS: "There for 1 to 4 weeks.",
    TimeThere.ONE_TO_THREE_MONTHS: "There for 1 to 3 months.",
    TimeThere.MORE_THAN_THREE_MONTHS: "There for more than 3 months.",
    TimeThere.UNKNOWN: "Not known how long it has been there.",
}
CONDITIONS = {
    VehicleCondition.BURNT_OUT: "burnt out",
    VehicleCondition.DAMAGED: "damaged or broken into",
    VehicleCondition.PLATES_MISSING: "number plates missing",
    VehicleCondition.WHEELS: "flat tyres or wheels missing",
    VehicleCondition.DANGEROUS: "dangerous",
}


def _when(day: date, at: str | None) -> str:
    spoken = f"{day.day} {day:%B} {day.year}"
    return f"{spoken} at {at}" if at else spoken


def _place(data: Mapping[str, Any]) -> str:
    postcode = normalise_postcode(data["postcode"]) if data.get("postcode") else ""
    described = data.get("location_description") or ""
    if postcode and described:
        return f"{postcode} ({described})"
    return postcode or described


def _vehicle(data: Mapping[str, Any]) -> str:
    kind = VEHICLE_TYPES.get(data["vehicle_type"]) or data.get("vehicle_type_other") or "vehicle"
    looks = " ".join(part for part in (data.get("colour"), data.get("make"), data.get("model")) if part)
    if data.get("registration"):
        registration = f"registration {data['registration']}"
    else:
        reason = data.get("registration_unknown_reason")
        registration = f"registration not known ({reason})" if reason else "registration not known"
    described = f"{kind}: {looks}, {registration}."
    if data.get("vin"):
        described += f" VIN {data['vin']}."
    return described


def _known(answer: str | None, yes: str, no: str, unknown: str) -> str:
    return {YesNoUnknown.YES: yes, YesNoUnknown.NO: no}.get(answer, unknown)  # type: ignore[arg-type]


def _stolen(data: Mapping[str, Any]) -> list[str]:
    keeper = "The person reporting is the registered keeper."
    if data.get("registered_keeper") == RegisteredKeeper.SOMEONE_ELSE:
        named = f" ({data['keeper_name']})" if data.get("keeper_name") else ""
        keeper = f"The registered keeper is someone else{named}."
    insurer = f" with {data['insurer']}" if data.get("insurer") else ""
    company = f" ({data['tracker_company']})" if data.get("tracker_company") else ""
    lines = [
        "Stolen " + _vehicle(data),
        f"Last seen {_when(data['last_seen_on'], data.get('last_seen_time'))}; "
        f"found missing {_when(data['found_missing_on'], data.get('found_missing_time'))}.",
        f"Taken from {_place(data)}.",
        KEYS[data["keys"]],
        keeper,
        _known(data.get("insured"), f"Insured{insurer}.", "Not insured.", "Not known whether it is insured."),
        _known(data.get("tracker"), f"Tracking device fitted{company}.", "No tracking device.",
               "Not known whether a tracking device is fitted."),
    ]
    if data.get("valuables_inside") == YesNo.YES:
        lines.append(f"Inside: {data.get('valuables_description', '')}.")
    return lines


def _abandoned(data: Mapping[str, Any]) -> list[str]:
    lines = ["Abandoned " + _vehicle(data)]
    lines.extend(CONCERNS[concern] for concern in AbandonedConcern if concern in (data.get("abandoned_concerns") or ()))
    lines.append(f"At {_place(data)}.")
    lines.append(TIME_THERE[data["time_there"]])
    if data.get("taxed"):
        lines.append(_known(data["taxed"], "Taxed.", "Not taxed.", "Not known whether it is taxed."))
    conditions = [CONDITIONS[item] for item in VehicleCondition if item in (data.get("condition") or ())]
    if conditions:
        lines.append("Condition: " + ", ".join(conditions) + ".")
    return lines


def vehicle_summary(data: Mapping[str, Any]) -> str:
    """The person's own account when it stands alone; otherwise one built from the answers, then their words."""
    words = (data.get("description") or "").strip()
    if len(words) >= SHORT_ACCOUNT:
        return words[:MAX_SUMMARY]
    lines = _stolen(data) if data["report_type"] == VehicleReport.STOLEN else _abandoned(data)
    summary = " ".join(lines)
    if words:
        summary += f"\n\nIn their own words: {words}"
    return summary[:MAX_SUMMARY]
