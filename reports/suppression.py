"""Small numbers are never shown: a count of fewer than 10 people could point
to someone, so it is shown as "fewer than 10"; when a column has just one such
cell, the next smallest is hidden too, and so is the column's total, so that
no hidden cell can be worked out by subtraction (from the total, or from the
funnel's own totals, which other pages show)."""

from dataclasses import dataclass

THRESHOLD = 10


@dataclass
class Cell:
    count: int
    fewer_than_threshold: bool = False  # under 10: "fewer than 10"
    hidden: bool = False  # hidden so another cell cannot be worked out

    @property
    def shown(self):
        return not (self.fewer_than_threshold or self.hidden)

    @property
    def value(self):
        """The count when it may be shown, else None: what charts and ratios use."""
        return self.count if self.shown else None


def suppress_columns(rows, columns):
    """rows: [{column: count}] of one breakdown (every answer, prefer not to say
    and unanswered included). Returns ([{column: Cell}], {column: total Cell})."""
    cells = [{column: Cell(row[column], fewer_than_threshold=row[column] < THRESHOLD) for column in columns}
             for row in rows]
    totals = {}
    for column in columns:
        column_cells = [row[column] for row in cells]
        small = [cell for cell in column_cells if cell.fewer_than_threshold]
        if len(small) == 1:
            others = [cell for cell in column_cells if cell.shown]
            if others:
                min(others, key=lambda cell: cell.count).hidden = True
        total = sum(cell.count for cell in column_cells)
        totals[column] = Cell(total, fewer_than_threshold=total < THRESHOLD, hidden=bool(small) and total >= THRESHOLD)
    return cells, totals


def suppress(count):
    """One count on its own: shown only when it is 10 or more."""
    return Cell(count, fewer_than_threshold=count < THRESHOLD)
