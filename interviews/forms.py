"""Forms of the interview pages: they validate and normalise; the views save
through interviews.services, whose refusals come back to the fields."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhsuk.widgets import NHSDateField

from .models import MAX_SLOT_MINUTES

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


class RoundForm(forms.Form):
    """A round of interviews on one or more consecutive days: "9:00 to 16:00,
    45 minutes, 15 minutes between", at a site and room or by video, with a panel."""

    name = forms.CharField(
        label=_("Name of the round"), max_length=200, initial=_("Interviews"),
        error_messages={"required": _("Enter a name for the round")},
    )
    first_day = NHSDateField(label=_("First day of interviews"), help_text=_("For example, 15 3 2027"))
    number_of_days = forms.IntegerField(
        label=_("Number of days in a row"), min_value=1, max_value=10, initial=1,
        error_messages={"required": _("Enter the number of days, from 1 to 10"),
                        "min_value": _("Enter the number of days, from 1 to 10"),
                        "max_value": _("Enter the number of days, from 1 to 10"),
                        "invalid": _("Enter the number of days as a number, from 1 to 10")},
    )
    start_time = forms.TimeField(
        label=_("First interview starts at"), input_formats=TIME_FORMATS, help_text=_("For example, 09:00"),
        error_messages={"required": _("Enter the time the first interview starts"),
                        "invalid": _("Enter a time like 09:00")},
    )
    end_time = forms.TimeField(
        label=_("Last interview ends by"), input_formats=TIME_FORMATS, help_text=_("For example, 16:00"),
        error_messages={"required": _("Enter the time the last interview ends by"),
                        "invalid": _("Enter a time like 16:00")},
    )
    length_minutes = forms.IntegerField(
        label=_("Length of each interview, in minutes"),
        error_messages={"required": _("Enter the length of each interview in minutes"),
                        "invalid": _("Enter the length as a whole number of minutes")},
    )
    gap_minutes = forms.IntegerField(
        label=_("Minutes between interviews"), initial=0,
        error_messages={"required": _("Enter the minutes between interviews, or 0"),
                        "invalid": _("Enter the minutes between interviews as a whole number")},
    )
    capacity = forms.IntegerField(
        label=_("Candidates in each interview"), initial=1, help_text=_("1, or more for a group session"),
        error_messages={"required": _("Enter how many candidates each interview takes"),
                        "invalid": _("Enter how many candidates each interview takes as a whole number")},
    )
    site = forms.ModelChoiceField(
        label=_("Site"), queryset=None, required=False, empty_label=_("No site: by video"),
        error_messages={"invalid_choice": _("Choose one of the trust's sites")},
    )
    room = forms.CharField(label=_("Room (optional)"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("Video link (if not at a site)"), max_length=500, required=False, assume_scheme="https",
        error_messages={"invalid": _("Enter a video link like https://meet.example.org/interview")},
    )
    booking_deadline = NHSDateField(
        label=_("Book by (optional)"), required=False,
        help_text=_("Candidates who have not booked by the end of this day are listed for you to chase. "
                    "For example, 8 3 2027"),
    )
    panel = forms.ModelMultipleChoiceField(
        label=_("Panel"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose members of the trust's staff")},
    )

    def __init__(self, *args, vacancy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = vacancy.organisation.sites.order_by("name")
        self.fields["panel"].queryset = vacancy.organisation.staff()
        self.fields["panel"].label_from_instance = lambda user: user.get_full_name() or user.email
        self.fields["panel"].initial = [
            pk for pk in [vacancy.hiring_manager_id, *vacancy.panel_members.values_list("pk", flat=True)] if pk
        ]

    def clean_length_minutes(self):
        length = self.cleaned_data["length_minutes"]
        if not 1 <= length <= MAX_SLOT_MINUTES:
            raise forms.ValidationError(_("Enter a length between 1 minute and 8 hours (480 minutes)"))
        return length

    def clean_gap_minutes(self):
        gap = self.cleaned_data["gap_minutes"]
        if gap < 0:
            raise forms.ValidationError(_("The minutes between interviews cannot be less than 0"))
        return gap

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if not 1 <= capacity <= 50:
            raise forms.ValidationError(_("Enter how many candidates each interview takes, from 1 to 50"))
        return capacity

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The last interview must end after the first starts"))
        if "site" in cleaned and "video_link" in cleaned and not cleaned["site"] and not cleaned["video_link"]:
            self.add_error("site", _("Choose a site, or give a video link"))
        return cleaned

    def deadline(self):
        """The end of the day given (23:59 there), or None."""
        day = self.cleaned_data.get("booking_deadline")
        if day is None:
            return None
        return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=timezone.get_current_timezone())

    def days(self):
        first = self.cleaned_data["first_day"]
        return [first + datetime.timedelta(days=n) for n in range(self.cleaned_data["number_of_days"])]


class InviteForm(forms.Form):
    """Which shortlisted applications to invite: all of them, ticked, to begin with."""

    applications = forms.MultipleChoiceField(
        label=_("Shortlisted candidates"), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one candidate to invite")},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].choices = choices
        self.fields["applications"].initial = [value for value, _label in choices]

    def application_ids(self):
        return [int(value) for value in self.cleaned_data["applications"]]


class SlotChoiceForm(forms.Form):
    """A slot to book or move to: radios of the round's slots with a free place."""

    slot = forms.TypedChoiceField(
        label=_("Choose a time"), coerce=int, widget=forms.RadioSelect,
        error_messages={"required": _("Choose a time for the interview"),
                        "invalid_choice": _("Choose one of the times with a free place")},
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(slot.pk, slot.label) for slot in slots]
