"""nhsuk.csv: no cell of a CSV the service writes can be read as a formula."""

import decimal
import io

import pytest
from django.utils.translation import gettext_lazy

from nhsuk import csv as safe_csv


def written(*rows):
    file = io.StringIO()
    writer = safe_csv.writer(file)
    writer.writerows(rows)
    return file.getvalue()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+44 1905 763333", "'+44 1905 763333"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
    ],
)
def test_csv_neutralises_cells_that_start_like_a_formula(cell, expected):
    assert safe_csv.neutralise(cell) == expected


@pytest.mark.parametrize("cell", ["A0001", "Strong application", "1 + 1 = 2", "", "Shortlist", "'quoted"])
def test_csv_keeps_ordinary_text_as_typed(cell):
    assert safe_csv.neutralise(cell) == cell


@pytest.mark.parametrize("cell", [-1, 3, 2.5, decimal.Decimal("-4.5"), None])
def test_csv_keeps_numbers_and_blanks_as_they_are(cell):
    assert safe_csv.neutralise(cell) == cell


def test_csv_neutralises_translated_text():
    assert safe_csv.neutralise(gettext_lazy("=Reason")) == "'=Reason"


def test_csv_writer_writes_neutralised_rows():
    content = written(["A0001", "=HYPERLINK(\"http://example.org\")", -1], ["A0002", "@x", None])

    assert content == "A0001,\"'=HYPERLINK(\"\"http://example.org\"\")\",-1\r\nA0002,'@x,\r\n"
