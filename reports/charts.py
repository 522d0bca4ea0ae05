"""Horizontal bar charts drawn on the server as SVG
(templates/reports/includes/bar_chart.html). A chart is a picture of a table
beside it on the page: it has a title and a description for screen readers,
and no figure appears only in the chart."""

from dataclasses import dataclass

WIDTH = 720
LABEL_WIDTH = 290
VALUE_WIDTH = 90
BAR_HEIGHT = 24
GAP = 12
TOP = 8


@dataclass
class Bar:
    label: str
    value: float | None  # None: not shown (suppressed or no data), drawn as a note
    text: str  # the value as the table shows it
    y: int = 0
    width: int = 0
    text_x: int = 0
    text_y: int = 0


@dataclass
class Chart:
    id: str
    title: str
    description: str
    bars: list
    reference: float | None = None  # a line across the bars: the target, or parity
    reference_label: str = ""
    scale: float = 1.0
    height: int = 0
    plot_width: int = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    reference_x: int | None = None
    reference_label_y: int = 0
    label_x: int = LABEL_WIDTH - 8
    plot_x: int = LABEL_WIDTH
    svg_width: int = WIDTH


def bar_chart(*, id, title, description, bars, reference=None, reference_label=""):
    """Lay out the bars: one row each, scaled to the largest value or the reference line."""
    largest = max([bar.value for bar in bars if bar.value is not None] + [reference or 0, 0])
    chart = Chart(id=id, title=title, description=description, bars=bars, reference=reference,
                  reference_label=reference_label)
    chart.scale = chart.plot_width / largest if largest else 0
    for index, bar in enumerate(bars):
        bar.y = TOP + index * (BAR_HEIGHT + GAP)
        bar.width = round((bar.value or 0) * chart.scale)
        bar.text_x = LABEL_WIDTH + bar.width + 6
        bar.text_y = bar.y + 17
    chart.height = TOP + len(bars) * (BAR_HEIGHT + GAP) + (20 if reference is not None else 0)
    if reference is not None:
        chart.reference_x = round(LABEL_WIDTH + reference * chart.scale)
        chart.reference_label_y = chart.height - 4
    return chart
