"""The panel overview CSV (shortlisting.panel_views.panel_overview_csv) never
hands a spreadsheet a formula: a decision reason or a name that starts with
=, +, -, @, a tab or a carriage return is written as text (issue 14, point 19)."""

import csv
import io

import pytest
from django.urls import reverse

from shortlisting.scoring import decide

from .applicants import make_applications

pytestmark = pytest.mark.django_db


def test_panel_overview_csv_neutralises_formulas_in_reasons_and_names(client, closed_vacancy, hiring_manager, panel_member):
    first, second = make_applications(closed_vacancy, 2)
    decide(application_id=first.pk, outcome="shortlist", reason="=cmd|' /C calc'!A0", actor=hiring_manager)
    decide(application_id=second.pk, outcome="not_shortlisted", reason="@SUM(1+1)*cmd|' /C calc'!A0", actor=hiring_manager)
    panel_member.full_name = "+Penny Panel"
    panel_member.save(update_fields=["full_name"])
    client.force_login(panel_member)

    response = client.get(reverse("shortlisting:panel_overview_csv", kwargs={"reference": closed_vacancy.reference}))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Application", "'+Penny Panel", "Harry Manager"]
    assert [(row[0], row[-2], row[-1]) for row in rows[1:]] == [
        ("A0001", "Shortlist", "'=cmd|' /C calc'!A0"),
        ("A0002", "Not shortlisted", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ]
