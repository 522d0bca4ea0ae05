"""CSV files that are safe to open in a spreadsheet.

Excel, LibreOffice and Google Sheets read a cell that starts with =, +, -, @,
a tab or a carriage return as a formula, so text a candidate or a member of
staff typed ("=cmd|' /C calc'!A0") could run when a recruiter opens the file
(CSV or formula injection). Every CSV the service produces is written here,
and a text cell that starts with one of those characters gets a single quote
in front, as OWASP advises: spreadsheets show it as text, and people reading
the file can still see what was typed.

    writer = nhsuk.csv.writer(response)
    writer.writerow(["A0001", decision.reason, 3])

Numbers are written as they are: -1 is a number, not a formula.

Part of the nhsuk UI kit: any app may use it.
"""

import csv
import decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell):
    """The cell as a spreadsheet will take it for text, never a formula."""
    if cell is None or isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float | decimal.Decimal):
        return cell
    text = str(cell)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Writer:
    """csv.writer's writerow and writerows, with every cell neutralised."""

    def __init__(self, file, **kwargs):
        self._writer = csv.writer(file, **kwargs)

    @property
    def dialect(self):
        return self._writer.dialect

    def writerow(self, row):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(file, **kwargs):
    """Like csv.writer(file, **kwargs), for files people open in a spreadsheet."""
    return _Writer(file, **kwargs)
