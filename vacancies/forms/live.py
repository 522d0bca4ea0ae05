"""Forms for changing a live (published) advert (vacancies.advert_changes):
the text corrections, the contact, a new job location, a later closing time,
and pay and contract for approval. They reuse the steps' fields and messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import WorkingPattern
from .common import form_helper
from .steps import VacancyDescriptionForm, VacancyLocationsForm, VacancyPayForm, VacancyRecruitmentForm

CONTACT_FIELDS = ["contact_name", "contact_job_title", "contact_email", "contact_phone"]


class LiveDescriptionForm(VacancyDescriptionForm):
    """The advert's text, without the applicant requirements: candidates are
    applying against those, as against the person specification."""

    class Meta(VacancyDescriptionForm.Meta):
        fields = ["job_summary", "main_duties", "about_us", "additional_information"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(*self.Meta.fields, submit=_("Save changes"))

    def values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class LiveContactForm(forms.ModelForm):
    """The contact for enquiries. With LiveDescriptionForm, the fields of
    advert_changes.IMMEDIATE_FIELDS: what changes at once."""

    # The recruitment step's fields and messages, and nothing else of it.
    contact_name = VacancyRecruitmentForm.base_fields["contact_name"]
    contact_job_title = VacancyRecruitmentForm.base_fields["contact_job_title"]
    contact_email = VacancyRecruitmentForm.base_fields["contact_email"]
    contact_phone = VacancyRecruitmentForm.base_fields["contact_phone"]

    class Meta:
        model = VacancyRecruitmentForm.Meta.model
        fields = CONTACT_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(*CONTACT_FIELDS, submit=_("Save changes"))

    def values(self):
        return {name: self.cleaned_data[name] for name in CONTACT_FIELDS}



class LiveLocationsForm(VacancyLocationsForm):
    """Job locations of a live advert: new ones may be ticked, none unticked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].help_text = _(
            "You can add locations. You cannot remove one: candidates may have applied for it."
        )
        self.helper.layout[-1].value = str(_("Save changes"))

    def clean_sites(self):
        sites = self.cleaned_data["sites"]
        removed = set(self.instance.sites.all()) - set(sites)
        if removed:
            raise forms.ValidationError(
                _("You cannot remove %(sites)s from a live advert: candidates may have applied for it")
                % {"sites": ", ".join(sorted(site.name for site in removed))}
            )
        return sites


class ProposedPayForm(VacancyPayForm):
    """Pay and contract of a live advert: saved as a proposed change for
    another recruiter to approve, never straight to the vacancy."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout[-1].value = str(_("Send for approval"))

    def values(self):
        chosen = set(self.cleaned_data["working_patterns"])
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values.update({pattern.value: pattern.value in chosen for pattern in WorkingPattern})
        return values
