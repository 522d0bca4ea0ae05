"""One form per move of the lifecycle. Forms validate and normalise; the views
call vacancies.services, whose refusals join the form's errors."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhsuk.widgets import NHSDateField

from .common import TimeOfDayField, local_datetime


class ConfirmForm(forms.Form):
    """A move that needs nothing but a press of the button; its errors (the
    service's refusal) go in the error summary."""


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, label, required, required_message="", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label = label
        field.required = required
        field.error_messages["required"] = required_message


class PublishForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When should it be published?"),
        choices=[("now", _("Now")), ("later", _("At a later date and time"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select when to publish the vacancy")},
    )
    publish_date = NHSDateField(
        label=_("Publish date"),
        required=False,
        help_text=_("Only if you chose a later date and time. For example, 27 3 2026"),
    )
    publish_time = TimeOfDayField(label=_("Publish time"), required=False, help_text=_("For example, 9am or 09:00"))

    def clean(self):
        cleaned = super().clean()
        cleaned["publish_at"] = None
        if cleaned.get("when") != "later":
            return cleaned
        date, time = cleaned.get("publish_date"), cleaned.get("publish_time")
        if date is None and "publish_date" not in self.errors:
            self.add_error("publish_date", _("Enter the date to publish the vacancy"))
        if time is None and "publish_time" not in self.errors:
            self.add_error("publish_time", _("Enter the time to publish the vacancy"))
        if date and time:
            publish_at = local_datetime(date, time)
            if publish_at <= timezone.now():
                self.add_error("publish_date", _("The publish date must be in the future"))
            cleaned["publish_at"] = publish_at
        return cleaned


class ReopenForm(forms.Form):
    closing_date = NHSDateField(
        label=_("New closing date"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the new closing date")},
    )
    closing_time = TimeOfDayField(
        label=_("New closing time"),
        help_text=_("For example, 23:59 or 5pm"),
        error_messages={"required": _("Enter the new closing time")},
    )

    def clean(self):
        cleaned = super().clean()
        date, time = cleaned.get("closing_date"), cleaned.get("closing_time")
        if date and time:
            closing_at = local_datetime(date, time)
            if closing_at <= timezone.now():
                self.add_error("closing_date", _("The closing date must be in the future"))
            cleaned["closing_at"] = closing_at
        return cleaned
