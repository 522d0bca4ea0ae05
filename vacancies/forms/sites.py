"""A new site of a trust, added on the way through a vacancy's locations step."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nhsuk.layout import Field, Fieldset
from nhsuk.postcodes import INVALID_MESSAGE as INVALID_POSTCODE, normalise_postcode
from organisations.models import Site

from .common import form_helper


class SiteForm(forms.ModelForm):
    name = forms.CharField(
        label=_("Site name"),
        max_length=200,
        help_text=_("For example, Worcestershire Royal Hospital"),
        error_messages={"required": _("Enter the name of the site"), "max_length": _("Site name must be 200 characters or fewer")},
    )
    address_line_1 = forms.CharField(
        label=_("Address line 1"),
        max_length=200,
        error_messages={"required": _("Enter address line 1, typically the building and street")},
    )
    address_line_2 = forms.CharField(label=_("Address line 2 (optional)"), max_length=200, required=False)
    town = forms.CharField(label=_("Town or city"), max_length=100, error_messages={"required": _("Enter the town or city")})
    county = forms.CharField(label=_("County (optional)"), max_length=100, required=False)
    postcode = forms.CharField(label=_("Postcode"), error_messages={"required": _("Enter the postcode")})

    class Meta:
        model = Site
        fields = ["name", "address_line_1", "address_line_2", "town", "county", "postcode"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.helper = form_helper(
            Field("name", css_class="nhsuk-u-width-two-thirds"),
            Fieldset(
                _("Address"),
                "address_line_1",
                "address_line_2",
                Field("town", css_class="nhsuk-u-width-two-thirds"),
                Field("county", css_class="nhsuk-u-width-two-thirds"),
                Field("postcode", css_class="nhsuk-input--width-10", autocomplete="postal-code"),
                legend_size="m",
            ),
            submit=_("Add site"),
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Site.objects.filter(organisation=self.instance.organisation, name__iexact=name).exists():
            raise ValidationError(_("Your trust already has a site called %(name)s"), params={"name": name})
        return name

    def clean_postcode(self):
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if not postcode:
            raise ValidationError(INVALID_POSTCODE)
        return postcode
