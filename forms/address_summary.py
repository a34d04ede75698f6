"""Check answers shows an address as one answer, a line per part, as GOV.UK services do.

Without this a page that asks for two addresses (home and GP, say) would show two rows called
"Address line 1" and nobody could tell which was which.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from forms.base import SummaryRow


def display_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value.upper())
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


class AddressSummaryMixin:
    """For a QuestionPage: the address fields, in order, ending with the postcode."""

    address_label: ClassVar[Any]
    address_fields: ClassVar[tuple[str, ...]] = ("address_line_1", "address_line_2", "address_town", "address_postcode")

    def summary(self, page_id: str) -> list[SummaryRow]:
        rows: list[SummaryRow] = super().summary(page_id)  # type: ignore[misc]
        fields = [self[name] for name in self.address_fields]  # type: ignore[index]
        lines = [str(field.data).strip() for field in fields[:-1] if field.data and str(field.data).strip()]
        if fields[-1].data:
            lines.append(display_postcode(str(fields[-1].data)))
        combined = SummaryRow(f"{page_id}.address", str(self.address_label), "\n".join(lines), fields[0].id)
        names = {f"{page_id}.{name}" for name in self.address_fields}
        first = next(i for i, row in enumerate(rows) if row.question_id in names)
        kept = [row for row in rows if row.question_id not in names]
        return [*kept[:first], combined, *kept[first:]]
