"""The filters every report page shares, sent by GET so a filtered report is a
link people can keep and share, and works without JavaScript."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from nhsuk.widgets import NHSDateField
from vacancies.models import StaffGroup, Vacancy

from .periods import reporting_year_label, reporting_year_of

YEARS_BACK = 6  # reporting years offered: this one and the five before, as trusts compare them


class ReportFilterForm(forms.Form):
    date_from = NHSDateField(label=_("From"), required=False, help_text=_("For example, 1 4 2025"))
    date_to = NHSDateField(label=_("To"), required=False, help_text=_("For example, 31 3 2026"))
    trust = forms.TypedChoiceField(label=_("Trust"), required=False, coerce=int, empty_value=None)
    directorate = forms.ChoiceField(label=_("Directorate or specialty"), required=False)
    staff_group = forms.ChoiceField(
        label=_("Staff group"), required=False, choices=[("", _("All staff groups")), *StaffGroup.choices]
    )

    def __init__(self, data, *, trusts, today=None):
        super().__init__(data)
        self.trusts = {trust.pk: trust for trust in trusts}
        self.today = today or timezone.localdate()
        self.fields["trust"].choices = [("", _("All your trusts")), *((t.pk, t.name) for t in trusts)]
        directorates = (
            Vacancy.objects.filter(organisation__in=list(self.trusts))
            .exclude(directorate="")
            .order_by("directorate")
            .values_list("directorate", flat=True)
            .distinct()
        )
        self.fields["directorate"].choices = [("", _("All directorates")), *((d, d) for d in directorates)]

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if "date_from" not in self.errors and "date_to" not in self.errors:
            # An empty start means the start of this reporting year; an empty end, today.
            if date_from is None:
                date_from = self.today.replace(year=reporting_year_of(self.today), month=4, day=1)
            if date_to is None:
                date_to = self.today
            if date_to < date_from:
                self.add_error("date_to", _("The end date must be the same as or after the start date"))
            cleaned["date_from"], cleaned["date_to"] = date_from, date_to
        cleaned["trust"] = self.trusts.get(cleaned.get("trust"))
        return cleaned

    def scope(self):
        """The filters as access.vacancies_in_scope takes them."""
        data = self.cleaned_data
        return {"trust": data["trust"], "directorate": data["directorate"], "staff_group": data["staff_group"]}


class TimeToHireForm(ReportFilterForm):
    GROUPS = {
        "month": _("Month"),
        "trust": _("Trust"),
        "directorate": _("Directorate or specialty"),
        "staff_group": _("Staff group"),
        "band": _("Band"),
    }
    group_by = forms.ChoiceField(label=_("Show totals by"), required=False, choices=list(GROUPS.items()))

    def clean_group_by(self):
        return self.cleaned_data.get("group_by") or "month"


class ReportingYearForm(ReportFilterForm):
    """The national indicators are for one reporting year, not a date range."""

    year = forms.TypedChoiceField(label=_("Reporting year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, trusts, today=None):
        super().__init__(data, trusts=trusts, today=today)
        del self.fields["date_from"], self.fields["date_to"]
        current = reporting_year_of(self.today)
        self.fields["year"].choices = [(y, reporting_year_label(y)) for y in range(current, current - YEARS_BACK, -1)]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("year") is None:
            cleaned["year"] = reporting_year_of(self.today)
        return cleaned


def describe(form, year_label=None):
    """What a valid form's figures cover, in words: "Trust A NHS Trust, Medicine: 1 April 2025 to 14 May 2025"."""
    data = form.cleaned_data
    if data.get("trust"):
        parts = [data["trust"].name]
    elif len(form.trusts) == 1:
        parts = [next(iter(form.trusts.values())).name]
    else:
        parts = [_("your %(count)s trusts") % {"count": len(form.trusts)}]
    if data.get("directorate"):
        parts.append(data["directorate"])
    if data.get("staff_group"):
        parts.append(StaffGroup(data["staff_group"]).label)
    if year_label:
        period = year_label
    else:
        period = _("%(start)s to %(end)s") % {
            "start": date_format(data["date_from"], "j F Y"), "end": date_format(data["date_to"], "j F Y"),
        }
    return f"{', '.join(str(part) for part in parts)}: {period}"
