"""Bar charts drawn on the server as SVG, for pages that work without JavaScript.

Only the geometry is worked out here; templates/staff/_charts.html draws it, and Jinja's
autoescaping escapes every label. Each chart names itself (title and description, for
role="img") and is always followed on the page by a table of the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Sizes in the SVG's own units: the viewBox scales the whole chart to the column's width,
# down to a 320 pixel screen.
WIDTH = 640
LABEL_WIDTH = 250
VALUE_ROOM = 50
ROW_HEIGHT = 30
BAR_HEIGHT = 20
PADDING = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True)
class DrawnBar:
    label: str
    value: int
    y: int
    width: int


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: one labelled bar a row, its value written after the bar."""

    id: str
    title: str
    description: str
    bars: list[Bar] = field(default_factory=list)

    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    row_height: int = ROW_HEIGHT
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return PADDING * 2 + self.row_height * max(len(self.bars), 1)

    @property
    def bar_room(self) -> int:
        return self.width - self.label_width - VALUE_ROOM

    def drawn(self) -> list[DrawnBar]:
        largest = max((bar.value for bar in self.bars), default=0)
        drawn = []
        for index, bar in enumerate(self.bars):
            # A bar for zero is not drawn at all; any other value gets at least a sliver.
            width = 0 if largest == 0 or bar.value <= 0 else max(2, round(self.bar_room * bar.value / largest))
            drawn.append(DrawnBar(bar.label, bar.value, PADDING + index * self.row_height, width))
        return drawn
