"""The units an item can be allocated to, with their names in English and Welsh.

A constant list for now; the force's rules file becomes its source, behind `force_units`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    code: str
    name_en: str
    name_cy: str

    def name(self, language: str) -> str:
        return self.name_cy if language == "cy" else self.name_en


_UNITS = (
    Unit("neighbourhood", "Neighbourhood policing team", "Tîm plismona bro"),
    Unit("cid", "Criminal investigation department", "Adran ymchwiliadau troseddol"),
    Unit("hate_crime", "Hate crime unit", "Uned troseddau casineb"),
    Unit("domestic_abuse", "Domestic abuse unit", "Uned cam-drin domestig"),
    Unit("public_protection", "Public protection unit", "Uned diogelu'r cyhoedd"),
    Unit("roads_policing", "Roads policing unit", "Uned plismona'r ffyrdd"),
    Unit("firearms_licensing", "Firearms licensing", "Trwyddedu arfau tanio"),
    Unit("information_rights", "Information rights unit", "Uned hawliau gwybodaeth"),
    Unit("investigation_hub", "Investigation hub (resolution without deployment)", "Hyb ymchwilio (datrys heb anfon swyddog)"),
)


def force_units() -> tuple[Unit, ...]:
    return _UNITS


def unit_named(code: str | None) -> Unit | None:
    return next((unit for unit in force_units() if unit.code == code), None)
