"""Settings for the staff workspace's casework: triage targets per grade and the warning window.

Every target is in minutes. Until the force's rules file carries them, they come from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from frontcounter.config_integrations import read_number

# (variable, default in minutes)
TARGET_MINUTES = (
    ("TRIAGE_TARGET_EMERGENCY_MINUTES", 15),
    ("TRIAGE_TARGET_PRIORITY_MINUTES", 60),
    ("TRIAGE_TARGET_SCHEDULED_MINUTES", 24 * 60),
    ("TRIAGE_TARGET_RWD_MINUTES", 72 * 60),
    ("TRIAGE_TARGET_UNTRIAGED_MINUTES", 24 * 60),
    ("TRIAGE_TARGET_UNTRIAGED_VULNERABLE_MINUTES", 4 * 60),
    ("TRIAGE_WARNING_MINIMUM_MINUTES", 30),
)


def casework_config(environ: Mapping[str, str], problems: list[str]) -> dict[str, Any]:
    config: dict[str, Any] = {name: read_number(environ, name, default, problems, minimum=1) for name, default in TARGET_MINUTES}
    percent = read_number(environ, "TRIAGE_WARNING_PERCENT", 25, problems, minimum=0)
    if percent > 100:
        problems.append("TRIAGE_WARNING_PERCENT must be at most 100")
    config["TRIAGE_WARNING_PERCENT"] = percent
    return config
