"""Writing a vacancy in steps: creating the draft (asking which trust first,
when the recruiter has several), one page per step, a new site on the way
through the locations, and "check your answers". The responsibilities and
person specification steps are builders, in builders.py."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from organisations.decorators import staff_member_required
from organisations.models import Site

from ... import forms, services
from ...models import Criterion, ResponsibilitySection, Vacancy
from .common import bound, get_vacancy_for_user, manage_url, recruiter_trusts, refuse_unless_draft

# A new draft needs a closing time (the column is required); the recruiter sets
# the real one in the recruitment options step. Four weeks is a usual NHS advert.
DRAFT_CLOSING_AFTER = datetime.timedelta(weeks=4)


@dataclass
class Step:
    slug: str
    title: str
    url_name: str

    def url(self, vacancy):
        return reverse(self.url_name, kwargs={"reference": vacancy.reference})


STEPS = [
    Step("details", _("Job details"), "manage:vacancy_edit_details"),
    Step("pay", _("Pay and contract"), "manage:vacancy_edit_pay"),
    Step("locations", _("Job locations"), "manage:vacancy_edit_locations"),
    Step("description", _("Job description"), "manage:vacancy_edit_description"),
    Step("responsibilities", _("Responsibilities"), "manage:responsibility_list"),
    Step("person_specification", _("Person specification"), "manage:criterion_list"),
    Step("recruitment", _("Recruitment options"), "manage:vacancy_edit_recruitment"),
]
STEP_INDEX = {step.slug: index for index, step in enumerate(STEPS)}


def next_step_url(request, vacancy, slug):
    """The next step; or back to "check your answers" when the recruiter came
    from its Change link (?from=check)."""
    index = STEP_INDEX[slug]
    if request.GET.get("from") == "check" or index + 1 == len(STEPS):
        return reverse("manage:vacancy_check", kwargs={"reference": vacancy.reference})
    return STEPS[index + 1].url(vacancy)


def step_context(request, vacancy, slug, **extra):
    """What every step's page shows: where it is among the steps, and the way back."""
    index = STEP_INDEX[slug]
    if request.GET.get("from") == "check":
        back_url = reverse("manage:vacancy_check", kwargs={"reference": vacancy.reference})
    elif index:
        back_url = STEPS[index - 1].url(vacancy)
    else:
        back_url = manage_url(vacancy)
    return {
        "vacancy": vacancy,
        "organisation": vacancy.organisation,
        "step": STEPS[index],
        "step_number": index + 1,
        "step_count": len(STEPS),
        "back_url": back_url,
        **extra,
    }


# Creating a vacancy -------------------------------------------------------------


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_create(request):
    """Start a vacancy: recruiters of several trusts say which trust first."""
    trusts = recruiter_trusts(request.user)
    choices = list(trusts[:2])
    if not choices:
        raise Http404
    if len(choices) == 1:
        return redirect("manage:vacancy_create_details", ods_code=choices[0].ods_code)
    form = bound(request, forms.TrustChoiceForm, organisations=trusts)
    if form.is_bound and form.is_valid():
        return redirect("manage:vacancy_create_details", ods_code=form.cleaned_data["organisation"].ods_code)
    return render(request, "vacancies/manage/vacancy_create.html", {"form": form})


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_create_details(request, ods_code):
    """The first step for a new vacancy: saving it creates the draft, with the
    trust's next reference, and the other steps then change that draft."""
    organisation = get_object_or_404(recruiter_trusts(request.user), ods_code=ods_code)
    form = bound(request, forms.VacancyDetailsForm, instance=Vacancy(organisation=organisation), organisation=organisation)
    if form.is_bound and form.is_valid():
        closing_at = timezone.localtime().replace(hour=23, minute=59, second=0, microsecond=0) + DRAFT_CLOSING_AFTER
        vacancy = services.create_vacancy(
            organisation=organisation,
            created_by=request.user,
            closing_at=closing_at,
            # Not answered until the pay step. The model's default (Agenda
            # for Change) would need a band, which the database insists on.
            pay_scheme="",
            restricted_to=form.cleaned_data["restricted_to"],
            **form.vacancy_fields(),
        )
        messages.success(
            request,
            gettext("Draft vacancy %(reference)s created. Answer the rest of the questions, then send it for approval.")
            % {"reference": vacancy.reference},
        )
        return redirect(STEPS[1].url(vacancy))
    return render(
        request,
        "vacancies/manage/vacancy_step.html",
        {
            "form": form,
            "organisation": organisation,
            "step": STEPS[0],
            "step_number": 1,
            "step_count": len(STEPS),
            "back_url": reverse("manage:dashboard"),
        },
    )


# The steps of a draft ---------------------------------------------------------------


def _edit_step(request, reference, slug, form_class, **form_kwargs):
    """A step that is one ModelForm of the draft: show it, save it, go on.
    form_kwargs may be callables of the vacancy."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := refuse_unless_draft(request, vacancy):
        return refusal
    kwargs = {name: value(vacancy) if callable(value) else value for name, value in form_kwargs.items()}
    form = bound(request, form_class, instance=vacancy, **kwargs)
    if form.is_bound and form.is_valid():
        form.save()
        return redirect(next_step_url(request, vacancy, slug))
    return render(request, "vacancies/manage/vacancy_step.html", step_context(request, vacancy, slug, form=form))


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_edit_details(request, reference):
    return _edit_step(
        request, reference, "details", forms.VacancyDetailsForm, organisation=lambda vacancy: vacancy.organisation
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_edit_pay(request, reference):
    """Pay and contract, with the current pay year's bands beside the form."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := refuse_unless_draft(request, vacancy):
        return refusal
    form = bound(request, forms.VacancyPayForm, instance=vacancy)
    if form.is_bound and form.is_valid():
        form.save()
        return redirect(next_step_url(request, vacancy, "pay"))
    return render(
        request,
        "vacancies/manage/vacancy_edit_pay.html",
        step_context(request, vacancy, "pay", form=form, band_rates=form.band_rates),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_edit_locations(request, reference):
    return _edit_step(
        request,
        reference,
        "locations",
        forms.VacancyLocationsForm,
        add_site_url=lambda vacancy: reverse("manage:site_create", kwargs={"reference": vacancy.reference}),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def site_create(request, reference):
    """Add a site to the trust on the way through the locations step; back
    there with the new site ticked."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    # A live advert gains locations only through its own page, which records
    # the change: the new site is saved to the trust, and ticked there.
    live = vacancy.status == Vacancy.Status.PUBLISHED
    if not live and (refusal := refuse_unless_draft(request, vacancy)):
        return refusal
    locations_url = reverse(
        "manage:vacancy_change_locations" if live else "manage:vacancy_edit_locations",
        kwargs={"reference": vacancy.reference},
    )
    form = bound(request, forms.SiteForm, organisation=vacancy.organisation)
    if form.is_bound and form.is_valid():
        site = form.save() if live else services.add_new_site(vacancy=vacancy, site=form.save(commit=False))
        messages.success(request, gettext("%(site)s added to your trust's sites") % {"site": site.name})
        return redirect(locations_url)
    return render(
        request, "vacancies/manage/site_form.html", {"vacancy": vacancy, "form": form, "live": live, "back_url": locations_url}
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_edit_description(request, reference):
    return _edit_step(request, reference, "description", forms.VacancyDescriptionForm)


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_edit_recruitment(request, reference):
    return _edit_step(request, reference, "recruitment", forms.VacancyRecruitmentForm)


# Check your answers -----------------------------------------------------------------


def unanswered(vacancy):
    """Questions a draft still needs answered before it can be sent for
    approval, each with the step that asks it, beyond those of
    services.problems_before_advertising."""
    missing = []
    if not vacancy.pay_scheme or not vacancy.contract_type or not vacancy.working_patterns:
        missing.append((gettext("Answer the pay and contract questions."), "pay"))
    if not vacancy.job_summary or not vacancy.main_duties:
        missing.append((gettext("Write the job summary and the main duties of the job."), "description"))
    return [{"text": text, "url": STEPS[STEP_INDEX[slug]].url(vacancy)} for text, slug in missing]


def problems(vacancy):
    """Everything that stops a draft being sent for approval, in plain words."""
    return unanswered(vacancy) + [{"text": text, "url": ""} for text in services.problems_before_advertising(vacancy)]


@staff_member_required
@require_safe
def vacancy_check(request, reference):
    """Check your answers: every answer, with a link to change it, then the
    button that sends the vacancy for approval."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := refuse_unless_draft(request, vacancy):
        return refusal
    vacancy = (
        Vacancy.objects.select_related("organisation", "hiring_manager")
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.order_by("name")),
            "restricted_to",
            "panel_members",
            Prefetch("responsibility_sections", queryset=ResponsibilitySection.objects.order_by("order")),
            Prefetch("criteria", queryset=Criterion.objects.order_by("order")),
        )
        .get(pk=vacancy.pk)
    )
    change = {step.slug: step.url(vacancy) + "?from=check" for step in STEPS}
    return render(
        request,
        "vacancies/manage/vacancy_check.html",
        {
            "vacancy": vacancy,
            "change": change,
            "problems": problems(vacancy),
            "form": forms.ConfirmForm(),
            "criteria": vacancy.criteria.all(),
            "back_url": STEPS[-1].url(vacancy),
        },
    )
