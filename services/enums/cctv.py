"""Plain enumerations for registering business CCTV. No behaviour lives here."""

from __future__ import annotations

from enum import StrEnum


class BusinessType(StrEnum):
    RETAIL = "retail"
    HOSPITALITY = "hospitality"
    OFFICE = "office"
    INDUSTRIAL = "industrial"
    PETROL_OR_GARAGE = "petrol_or_garage"
    HOTEL = "hotel"
    OTHER = "other"


class CameraCoverage(StrEnum):
    INSIDE = "inside"
    ENTRANCE = "entrance"
    STREET = "street"
    CAR_PARK = "car_park"


class ExportMethod(StrEnum):
    USB = "usb"
    CLOUD = "cloud"
    DVD = "dvd"
    OTHER = "other"
