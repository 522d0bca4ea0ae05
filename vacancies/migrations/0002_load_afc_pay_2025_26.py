"""Agenda for Change pay in England for 2025/26 (3.6% award from 1 April 2025)."""

import csv
from decimal import Decimal
from pathlib import Path

from django.db import migrations

PAY_YEAR = "2025/26"
CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "afc-pay-2025-26.csv"


def load(apps, schema_editor):
    PayBandRate = apps.get_model("vacancies", "PayBandRate")
    with CSV_PATH.open(newline="") as csv_file:
        for row in csv.DictReader(csv_file):
            PayBandRate.objects.update_or_create(
                pay_year=PAY_YEAR,
                band=row["band"],
                defaults={
                    "entry_salary": Decimal(row["entry_gbp_a_year"]),
                    "top_salary": Decimal(row["top_gbp_a_year"]),
                    "note": row["note"],
                },
            )


def unload(apps, schema_editor):
    apps.get_model("vacancies", "PayBandRate").objects.filter(pay_year=PAY_YEAR).delete()


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
