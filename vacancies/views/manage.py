"""Staff pages under /manage/: the dashboard, a vacancy's page and history, the
steps that write a vacancy, the person specification builder, one confirmation
page per move of the lifecycle, and the preview of the advert.

Who may do what (DESIGN.md, "Every object a page shows belongs to ... a vacancy
their role covers; otherwise the answer is 404"):
- recruiters of the vacancy's trust see, change and move it (but never approve
  their own: services.approve_vacancy refuses);
- hiring managers and panel members see the vacancies they are on: the page,
  its history and the preview, and nothing else;
- everyone else gets 404.

Forms validate; these views save them, and every change of status is a call to
vacancies.services, whose refusals (TransitionNotAllowed) are shown in the
NHS.UK error summary.
"""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import forms, services
from ..decorators import staff_member_required
from ..models import Criterion, Organisation, ResponsibilitySection, Site, StaffRole, Vacancy, VacancyEvent
from .public import group_criteria

Status = Vacancy.Status
VACANCIES_PER_PAGE = 25
CLOSING_SOON = datetime.timedelta(days=7)
# A new draft needs a closing time (the column is required); the recruiter sets
# the real one in the recruitment options step. Four weeks is a usual NHS advert.
DRAFT_CLOSING_AFTER = datetime.timedelta(weeks=4)

# The statuses each move starts from, beyond Vacancy.TRANSITIONS: the pages
# offer a move only from these, and refuse it from any other.
REJECTABLE = {Status.AWAITING_APPROVAL, Status.APPROVED}
WITHDRAWABLE = {status for status, moves in Vacancy.TRANSITIONS.items() if Status.WITHDRAWN in moves}
# Advertising again makes sense once a vacancy has been out: a draft is copied instead.
READVERTISABLE = {*Status.public_values(), Status.WITHDRAWN}


def get_vacancy_for_user(user, reference, *, editable=False):
    """The vacancy with this reference if the user may see it (or, with
    editable=True, change it: recruiters of its trust); 404 otherwise, as if
    it did not exist."""
    vacancies = Vacancy.objects.editable_by(user) if editable else Vacancy.objects.for_staff(user)
    return get_object_or_404(vacancies.select_related("organisation"), reference=reference)


def _recruiter_trusts(user):
    """The trusts where the user is a recruiter, and so may create vacancies."""
    return Organisation.objects.filter(memberships__user=user, memberships__role=StaffRole.RECRUITER).order_by("name")


def _manage_url(vacancy):
    return reverse("manage:vacancy_detail", kwargs={"reference": vacancy.reference})


# The dashboard ------------------------------------------------------------------


@staff_member_required
@require_safe
def dashboard(request):
    """The user's vacancies by status, those closing within a week and those
    waiting for their approval. A fixed number of queries, whatever the number
    of vacancies (tests/vacancies/test_manage_dashboard.py)."""
    user = request.user
    now = timezone.now()
    mine = Vacancy.objects.for_staff(user)
    counts = dict(mine.order_by().values_list("status").annotate(count=Count("pk")))
    status = request.GET.get("status")
    if status not in Status.values:
        status = None

    listed = mine.with_application_counts().order_by("closing_at", "reference")
    if status:
        listed = listed.filter(status=status)
    page = Paginator(listed, VACANCIES_PER_PAGE).get_page(request.GET.get("page"))

    closing_soon = (
        mine.filter(status=Status.PUBLISHED, closing_at__gt=now, closing_at__lte=now + CLOSING_SOON)
        .with_application_counts()
        .order_by("closing_at", "reference")
    )
    can_create = _recruiter_trusts(user).exists()
    # Recruiters see what they may approve: not what they wrote or sent.
    awaiting_approval = (
        Vacancy.objects.editable_by(user)
        .filter(status=Status.AWAITING_APPROVAL)
        .exclude(created_by=user)
        .exclude(submitted_by=user)
        .with_application_counts()
        .order_by("closing_at", "reference")
        if can_create
        else Vacancy.objects.none()
    )
    status_filters = [
        {
            "value": value,
            "label": label,
            "count": counts.get(value, 0),
            "href": f"?status={value}",
            "current": value == status,
        }
        for value, label in Status.choices
        if counts.get(value)
    ]
    return render(
        request,
        "vacancies/manage/dashboard.html",
        {
            "page": page,
            "page_links": _page_links(page, status),
            "status": status and Status(status),
            "status_filters": status_filters,
            "total": sum(counts.values()),
            "closing_soon": closing_soon,
            "awaiting_approval": awaiting_approval,
            "can_create": can_create,
        },
    )


def _page_links(page, status):
    """The NHS.UK numbered pagination's links, keeping the status filter."""
    if page.paginator.num_pages < 2:
        return None
    prefix = f"?status={status}&" if status else "?"

    def href(number):
        return f"{prefix}page={number}"

    return {
        "previous": href(page.previous_page_number()) if page.has_previous() else None,
        "next": href(page.next_page_number()) if page.has_next() else None,
        "pages": [
            {"number": number, "href": href(number), "current": number == page.number}
            if isinstance(number, int)
            else {"ellipsis": True}
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
        ],
    }


# A vacancy's page ---------------------------------------------------------------


@dataclass
class Action:
    text: str
    url_name: str
    secondary: bool = False
    warning: bool = False


@staff_member_required
@require_safe
def vacancy_detail(request, reference):
    """A vacancy as staff see it: its summary and status, the moves the user
    may make now, links to change each step of a draft, and its history."""
    vacancy = get_vacancy_for_user(request.user, reference)
    vacancy = (
        Vacancy.objects.with_application_counts()
        .select_related("organisation", "hiring_manager", "created_by", "submitted_by", "approved_by")
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.order_by("name")),
            "panel_members",
            Prefetch("events", queryset=VacancyEvent.objects.select_related("actor").order_by("created_at", "id")),
        )
        .get(pk=vacancy.pk)
    )
    can_change = Vacancy.objects.editable_by(request.user).filter(pk=vacancy.pk).exists()
    return render(
        request,
        "vacancies/manage/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "can_change": can_change,
            "is_draft": vacancy.status == Status.DRAFT,
            "actions": _actions_for(request.user, vacancy) if can_change else [],
            "steps": [{"title": step.title, "url": step.url(vacancy)} for step in STEPS],
        },
    )


def _actions_for(user, vacancy):
    """The moves a recruiter of the vacancy's trust may make now, each a link
    to its confirmation page."""
    status = vacancy.status
    actions = []
    if status == Status.DRAFT:
        actions.append(Action(_("Check and send for approval"), "manage:vacancy_check"))
    if status == Status.AWAITING_APPROVAL and user.pk not in {vacancy.created_by_id, vacancy.submitted_by_id}:
        actions.append(Action(_("Approve"), "manage:vacancy_approve"))
    if status in REJECTABLE:
        actions.append(Action(_("Send back to draft"), "manage:vacancy_reject", secondary=True))
    if status == Status.APPROVED:
        actions.append(Action(_("Publish"), "manage:vacancy_publish"))
    if status == Status.PUBLISHED:
        actions.append(Action(_("Close early"), "manage:vacancy_close", secondary=True))
    if status == Status.CLOSED:
        actions.append(Action(_("Reopen"), "manage:vacancy_reopen", secondary=True))
    if status in READVERTISABLE:
        actions.append(Action(_("Advertise again"), "manage:vacancy_readvert", secondary=True))
    actions.append(Action(_("Copy"), "manage:vacancy_copy", secondary=True))
    if vacancy.can_move_to(Status.WITHDRAWN):
        actions.append(Action(_("Withdraw"), "manage:vacancy_withdraw", warning=True))
    return actions



@staff_member_required
@require_safe
def vacancy_preview(request, reference):
    """The advert as candidates will see it, whatever the vacancy's status."""
    vacancy = get_vacancy_for_user(request.user, reference)
    vacancy = (
        Vacancy.objects.select_related("organisation")
        .prefetch_related(
            Prefetch("sites", queryset=Site.objects.order_by("name")),
            "responsibility_sections",
            Prefetch("criteria", queryset=Criterion.objects.order_by("order")),
        )
        .get(pk=vacancy.pk)
    )
    not_yet_published = vacancy.status in {Status.DRAFT, Status.AWAITING_APPROVAL, Status.APPROVED}
    return render(
        request,
        "vacancies/manage/vacancy_preview.html",
        {
            "vacancy": vacancy,
            "criteria_groups": group_criteria(vacancy.criteria.all()),
            # Before publishing, show it as it will look once open.
            "is_open": not_yet_published or vacancy.is_open(),
            "not_yet_published": not_yet_published,
        },
    )


# Creating a vacancy -------------------------------------------------------------


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_create(request):
    """Start a vacancy: recruiters of several trusts say which trust first."""
    trusts = _recruiter_trusts(request.user)
    choices = list(trusts[:2])
    if not choices:
        raise Http404
    if len(choices) == 1:
        return redirect("manage:vacancy_create_details", ods_code=choices[0].ods_code)
    form = forms.TrustChoiceForm(request.POST if request.method == "POST" else None, organisations=trusts)
    if form.is_bound and form.is_valid():
        return redirect("manage:vacancy_create_details", ods_code=form.cleaned_data["organisation"].ods_code)
    return render(request, "vacancies/manage/vacancy_create.html", {"form": form})


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_create_details(request, ods_code):
    """The first step for a new vacancy: saving it creates the draft, with the
    trust's next reference, and the other steps then change that draft."""
    organisation = get_object_or_404(_recruiter_trusts(request.user), ods_code=ods_code)
    form = forms.VacancyDetailsForm(
        request.POST if request.method == "POST" else None,
        instance=Vacancy(organisation=organisation),
        organisation=organisation,
    )
    if form.is_bound and form.is_valid():
        closing_at = timezone.localtime().replace(hour=23, minute=59, second=0, microsecond=0) + DRAFT_CLOSING_AFTER
        with transaction.atomic():
            vacancy = services.create_vacancy(
                organisation=organisation,
                created_by=request.user,
                closing_at=closing_at,
                # Not answered until the pay step. The model's default (Agenda
                # for Change) would need a band, which the database insists on.
                pay_scheme="",
                **form.vacancy_fields(),
            )
            vacancy.restricted_to.set(form.cleaned_data["restricted_to"])
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


def _refuse_unless_draft(request, vacancy):
    """Only drafts change: anything further on was approved as it is. Returns
    the answer to give instead of the page, or None for a draft."""
    if vacancy.status == Status.DRAFT:
        return None
    messages.error(
        request,
        gettext("%(reference)s is %(status)s, so it cannot be changed. Only draft vacancies can be changed.")
        % {"reference": vacancy.reference, "status": vacancy.get_status_display().lower()},
    )
    return redirect(_manage_url(vacancy))


def _after_step(request, vacancy, slug):
    """The next step; or back to "check your answers" when the recruiter came
    from its Change link (?from=check)."""
    index = STEP_INDEX[slug]
    if request.GET.get("from") == "check" or index + 1 == len(STEPS):
        return redirect("manage:vacancy_check", reference=vacancy.reference)
    return redirect(STEPS[index + 1].url(vacancy))


def _step_context(request, vacancy, slug, **extra):
    index = STEP_INDEX[slug]
    if request.GET.get("from") == "check":
        back_url = reverse("manage:vacancy_check", kwargs={"reference": vacancy.reference})
    elif index:
        back_url = STEPS[index - 1].url(vacancy)
    else:
        back_url = _manage_url(vacancy)
    return {
        "vacancy": vacancy,
        "organisation": vacancy.organisation,
        "step": STEPS[index],
        "step_number": index + 1,
        "step_count": len(STEPS),
        "back_url": back_url,
        **extra,
    }


def _edit_step(request, reference, slug, form_class, form_kwargs):
    """A step that is one ModelForm of the draft: show it, save it, go on."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    form = form_class(request.POST if request.method == "POST" else None, instance=vacancy, **form_kwargs(vacancy))
    if form.is_bound and form.is_valid():
        form.save()
        return _after_step(request, vacancy, slug)
    return render(request, "vacancies/manage/vacancy_step.html", _step_context(request, vacancy, slug, form=form))


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_edit_details(request, reference):
    return _edit_step(
        request, reference, "details", forms.VacancyDetailsForm, lambda vacancy: {"organisation": vacancy.organisation}
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_edit_pay(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    form = forms.VacancyPayForm(request.POST if request.method == "POST" else None, instance=vacancy)
    if form.is_bound and form.is_valid():
        form.save()
        return _after_step(request, vacancy, "pay")
    return render(
        request,
        "vacancies/manage/vacancy_edit_pay.html",
        _step_context(request, vacancy, "pay", form=form, band_rates=form.band_rates),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_edit_locations(request, reference):
    return _edit_step(
        request,
        reference,
        "locations",
        forms.VacancyLocationsForm,
        lambda vacancy: {"add_site_url": reverse("manage:site_create", kwargs={"reference": vacancy.reference})},
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def site_create(request, reference):
    """Add a site to the trust on the way through the locations step; back
    there with the new site ticked."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    form = forms.SiteForm(request.POST if request.method == "POST" else None, organisation=vacancy.organisation)
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            site = form.save()
            vacancy.sites.add(site)
        messages.success(request, gettext("%(site)s added to your trust's sites") % {"site": site.name})
        return redirect("manage:vacancy_edit_locations", reference=vacancy.reference)
    return render(
        request,
        "vacancies/manage/site_form.html",
        {
            "vacancy": vacancy,
            "form": form,
            "back_url": reverse("manage:vacancy_edit_locations", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_edit_description(request, reference):
    return _edit_step(request, reference, "description", forms.VacancyDescriptionForm, lambda vacancy: {})


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_edit_recruitment(request, reference):
    return _edit_step(request, reference, "recruitment", forms.VacancyRecruitmentForm, lambda vacancy: {})


# Ordered lists: responsibility sections and criteria ----------------------------------


def _lock(vacancy):
    """Lock the vacancy's row: changes to the order of its sections or criteria
    queue behind each other, so two at once never take the same place."""
    Vacancy.objects.select_for_update().filter(pk=vacancy.pk).values_list("pk", flat=True).get()


def _next_order(items):
    return (items.aggregate(last=Max("order"))["last"] or 0) + 1


def _swap_with_neighbour(item, siblings, all_items, *, up):
    """Swap an item's place with the one above or below it among its siblings.

    (vacancy, order) is unique and checked row by row, so one of the two parks
    on a free number past the end while the other takes its place. Returns
    False when there is no neighbour that way (already first or last)."""
    with transaction.atomic():
        _lock(item.vacancy)
        ordered = list(siblings.order_by("order").values_list("pk", "order"))
        index = next((i for i, (pk, _order) in enumerate(ordered) if pk == item.pk), None)
        other = None if index is None else index - 1 if up else index + 1
        if other is None or not 0 <= other < len(ordered):
            return False
        (pk_a, order_a), (pk_b, order_b) = ordered[index], ordered[other]
        model = type(item)
        model.objects.filter(pk=pk_a).update(order=_next_order(all_items))
        model.objects.filter(pk=pk_b).update(order=order_a)
        model.objects.filter(pk=pk_a).update(order=order_b)
    return True


CATEGORY_RANK = {value: rank for rank, value in enumerate(Criterion.Category.values)}


def _renumber_criteria(vacancy):
    """Number the person specification in the builder's order: by category
    (qualifications first), then as the recruiter placed them, so the public
    advert's tables come in the same order. Two passes, so no number is ever
    held twice."""
    criteria = sorted(vacancy.criteria.values_list("pk", "category", "order"), key=lambda c: (CATEGORY_RANK[c[1]], c[2]))
    if [c[2] for c in criteria] == list(range(1, len(criteria) + 1)):
        return
    offset = max((c[2] for c in criteria), default=0) + 1
    for position, (pk, _category, _order) in enumerate(criteria, start=1):
        Criterion.objects.filter(pk=pk).update(order=offset + position)
    for position, (pk, _category, _order) in enumerate(criteria, start=1):
        Criterion.objects.filter(pk=pk).update(order=position)


def _builder_item(request, reference, model, pk):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    return vacancy, get_object_or_404(model.objects.select_related("vacancy"), vacancy=vacancy, pk=pk)


@staff_member_required
@require_safe
def responsibility_list(request, reference):
    """The headed sections of the detailed job description, in order."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    sections = list(vacancy.responsibility_sections.order_by("order"))
    next_url = (
        reverse("manage:vacancy_check", kwargs={"reference": reference})
        if request.GET.get("from") == "check"
        else STEPS[STEP_INDEX["responsibilities"] + 1].url(vacancy)
    )
    return render(
        request,
        "vacancies/manage/responsibility_list.html",
        _step_context(request, vacancy, "responsibilities", sections=sections, next_url=next_url),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def responsibility_create(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    form = forms.ResponsibilitySectionForm(
        request.POST if request.method == "POST" else None, instance=ResponsibilitySection(vacancy=vacancy)
    )
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            _lock(vacancy)
            form.instance.order = _next_order(vacancy.responsibility_sections.all())
            form.save()
        messages.success(request, gettext("Section added"))
        return redirect("manage:responsibility_list", reference=vacancy.reference)
    return _builder_form(request, vacancy, form, _("Add a section"), "manage:responsibility_list")


@staff_member_required
@require_http_methods(["GET", "POST"])
def responsibility_edit(request, reference, pk):
    vacancy, section = _builder_item(request, reference, ResponsibilitySection, pk)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    form = forms.ResponsibilitySectionForm(request.POST if request.method == "POST" else None, instance=section)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, gettext("Section saved"))
        return redirect("manage:responsibility_list", reference=vacancy.reference)
    return _builder_form(request, vacancy, form, _("Change a section"), "manage:responsibility_list")


@staff_member_required
@require_http_methods(["GET", "POST"])
def responsibility_delete(request, reference, pk):
    vacancy, section = _builder_item(request, reference, ResponsibilitySection, pk)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    if request.method == "POST":
        section.delete()
        messages.success(request, gettext("Section “%(heading)s” removed") % {"heading": section.heading})
        return redirect("manage:responsibility_list", reference=vacancy.reference)
    return render(
        request,
        "vacancies/manage/item_delete.html",
        {
            "vacancy": vacancy,
            "heading": _("Are you sure you want to remove this section?"),
            "item_text": section.heading,
            "button": _("Remove section"),
            "back_url": reverse("manage:responsibility_list", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_POST
def responsibility_move_up(request, reference, pk):
    return _move_section(request, reference, pk, up=True)


@staff_member_required
@require_POST
def responsibility_move_down(request, reference, pk):
    return _move_section(request, reference, pk, up=False)


def _move_section(request, reference, pk, *, up):
    vacancy, section = _builder_item(request, reference, ResponsibilitySection, pk)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    sections = vacancy.responsibility_sections.all()
    _swap_with_neighbour(section, sections, sections, up=up)
    return redirect(reverse("manage:responsibility_list", kwargs={"reference": reference}) + f"#section-{section.pk}")


def _builder_form(request, vacancy, form, heading, list_url_name):
    return render(
        request,
        "vacancies/manage/builder_form.html",
        {
            "vacancy": vacancy,
            "form": form,
            "heading": heading,
            "back_url": reverse(list_url_name, kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def criterion_list(request, reference):
    """The person specification builder: criteria by category, each essential
    or desirable, with how it is assessed. Continuing needs an essential one."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    form = forms.PersonSpecificationForm(request.POST if request.method == "POST" else None, vacancy=vacancy)
    if form.is_bound and form.is_valid():
        return _after_step(request, vacancy, "person_specification")
    criteria = list(vacancy.criteria.order_by("order"))
    categories = []
    for value, label in Criterion.Category.choices:
        in_category = [criterion for criterion in criteria if criterion.category == value]
        if in_category:
            categories.append({"label": label, "criteria": in_category})
    return render(
        request,
        "vacancies/manage/criterion_list.html",
        _step_context(
            request,
            vacancy,
            "person_specification",
            form=form,
            categories=categories,
            essential_count=sum(criterion.is_essential for criterion in criteria),
            desirable_count=sum(not criterion.is_essential for criterion in criteria),
        ),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def criterion_create(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    form = forms.CriterionForm(request.POST if request.method == "POST" else None, instance=Criterion(vacancy=vacancy))
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            _lock(vacancy)
            form.instance.order = _next_order(vacancy.criteria.all())
            form.save()
            _renumber_criteria(vacancy)
        messages.success(request, gettext("Criterion added"))
        return redirect("manage:criterion_list", reference=vacancy.reference)
    return _builder_form(request, vacancy, form, _("Add a criterion"), "manage:criterion_list")


@staff_member_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request, reference, pk):
    vacancy, criterion = _builder_item(request, reference, Criterion, pk)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    form = forms.CriterionForm(request.POST if request.method == "POST" else None, instance=criterion)
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            _lock(vacancy)
            form.save()
            _renumber_criteria(vacancy)
        messages.success(request, gettext("Criterion saved"))
        return redirect("manage:criterion_list", reference=vacancy.reference)
    return _builder_form(request, vacancy, form, _("Change a criterion"), "manage:criterion_list")


@staff_member_required
@require_http_methods(["GET", "POST"])
def criterion_delete(request, reference, pk):
    vacancy, criterion = _builder_item(request, reference, Criterion, pk)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    if request.method == "POST":
        criterion.delete()
        messages.success(request, gettext("Criterion removed"))
        return redirect("manage:criterion_list", reference=vacancy.reference)
    return render(
        request,
        "vacancies/manage/item_delete.html",
        {
            "vacancy": vacancy,
            "heading": _("Are you sure you want to remove this criterion?"),
            "item_text": criterion.text,
            "button": _("Remove criterion"),
            "back_url": reverse("manage:criterion_list", kwargs={"reference": vacancy.reference}),
        },
    )


@staff_member_required
@require_POST
def criterion_move_up(request, reference, pk):
    return _move_criterion(request, reference, pk, up=True)


@staff_member_required
@require_POST
def criterion_move_down(request, reference, pk):
    return _move_criterion(request, reference, pk, up=False)


def _move_criterion(request, reference, pk, *, up):
    vacancy, criterion = _builder_item(request, reference, Criterion, pk)
    if refusal := _refuse_unless_draft(request, vacancy):
        return refusal
    # Criteria move within their category, where the builder shows them.
    _swap_with_neighbour(criterion, vacancy.criteria.filter(category=criterion.category), vacancy.criteria.all(), up=up)
    return redirect(reverse("manage:criterion_list", kwargs={"reference": reference}) + f"#criterion-{criterion.pk}")


# Check your answers -----------------------------------------------------------------


def _unanswered(vacancy):
    """Questions a draft still needs answered before it can be sent for
    approval, each with the step that asks it, beyond those of
    services.problems_before_advertising."""
    missing = []
    if not vacancy.pay_scheme or not vacancy.contract_type or not vacancy.working_patterns:
        missing.append((gettext("Answer the pay and contract questions."), "pay"))
    if not vacancy.job_summary or not vacancy.main_duties:
        missing.append((gettext("Write the job summary and the main duties of the job."), "description"))
    return [{"text": text, "url": STEPS[STEP_INDEX[slug]].url(vacancy)} for text, slug in missing]


def _problems(vacancy):
    """Everything that stops a draft being sent for approval, in plain words."""
    return _unanswered(vacancy) + [{"text": text, "url": ""} for text in services.problems_before_advertising(vacancy)]


@staff_member_required
@require_safe
def vacancy_check(request, reference):
    """Check your answers: every answer, with a link to change it, then the
    button that sends the vacancy for approval."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := _refuse_unless_draft(request, vacancy):
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
            "problems": _problems(vacancy),
            "form": forms.ConfirmForm(),
            "criteria": vacancy.criteria.all(),
            "back_url": STEPS[-1].url(vacancy),
        },
    )


# The lifecycle: one confirmation page and one service call each ------------------------


def _attempt(form, move):
    """Make the move; a refusal from the service goes in the error summary."""
    try:
        move()
    except services.TransitionNotAllowed as refusal:
        form.add_error(None, str(refusal))
        return False
    return True


def _action_page(request, vacancy, form, *, heading, button, allowed_from=None, warning=False, **extra):
    """A lifecycle move's confirmation page. When the vacancy's status does not
    allow the move, it says so and offers no button."""
    refusal = None
    if allowed_from is not None and vacancy.status not in allowed_from:
        refusal = _not_now(vacancy)
    return render(
        request,
        "vacancies/manage/vacancy_action.html",
        {
            "vacancy": vacancy,
            "form": form,
            "heading": heading,
            "button": button,
            "warning": warning,
            "refusal": refusal,
            "back_url": _manage_url(vacancy),
            **extra,
        },
    )


def _bound(request, form_class, **kwargs):
    return form_class(request.POST if request.method == "POST" else None, **kwargs)


def _moved(request, vacancy, message):
    messages.success(request, message % {"title": vacancy.title, "reference": vacancy.reference})
    return redirect(_manage_url(vacancy))


def _status_allows(form, vacancy, allowed_from):
    """Refuse in the view what the status does not allow, before any service is
    called: the page never offered the button, but a stale tab might post."""
    if vacancy.status in allowed_from:
        return True
    form.add_error(None, _not_now(vacancy))
    return False


def _not_now(vacancy):
    return gettext("You cannot do this to a vacancy that is %(status)s.") % {"status": vacancy.get_status_display().lower()}


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_submit(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = _bound(request, forms.ConfirmForm)
    problems = _problems(vacancy) if vacancy.status == Status.DRAFT else []
    if form.is_bound and form.is_valid() and _status_allows(form, vacancy, {Status.DRAFT}):
        for problem in _unanswered(vacancy):
            form.add_error(None, problem["text"])
        if not form.errors and _attempt(
            form, lambda: services.submit_for_approval(vacancy_id=vacancy.pk, actor=request.user)
        ):
            return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been sent for approval"))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Send the vacancy for approval"),
        button=_("Send for approval"),
        allowed_from={Status.DRAFT},
        problems=problems,
        intro=_("Another recruiter at your trust will check the vacancy and approve it, or send it back to you."),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_approve(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = _bound(request, forms.ConfirmForm)
    if (
        form.is_bound
        and form.is_valid()
        and _status_allows(form, vacancy, {Status.AWAITING_APPROVAL})
        and _attempt(form, lambda: services.approve_vacancy(vacancy_id=vacancy.pk, actor=request.user))
    ):
        return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been approved. It can now be published."))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Approve the vacancy"),
        button=_("Approve"),
        allowed_from={Status.AWAITING_APPROVAL},
        intro=_("Check the advert first. Once approved, it can be published."),
        show_preview_link=True,
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_reject(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = _bound(
        request,
        forms.ReasonForm,
        label=_("Why are you sending it back?"),
        required=True,
        required_message=_("Enter why you are sending the vacancy back"),
    )
    if (
        form.is_bound
        and form.is_valid()
        and _status_allows(form, vacancy, REJECTABLE)
        and _attempt(
            form,
            lambda: services.reject_vacancy(vacancy_id=vacancy.pk, actor=request.user, reason=form.cleaned_data["reason"]),
        )
    ):
        return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been sent back to draft"))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Send the vacancy back to draft"),
        button=_("Send back to draft"),
        allowed_from=REJECTABLE,
        intro=_("The recruiter who wrote it will see your reason in its history, change it and send it again."),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_publish(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = _bound(request, forms.PublishForm)
    if (
        form.is_bound
        and form.is_valid()
        and _status_allows(form, vacancy, {Status.APPROVED})
        and _attempt(
            form,
            lambda: services.publish_vacancy(
                vacancy_id=vacancy.pk, actor=request.user, publish_at=form.cleaned_data["publish_at"]
            ),
        )
    ):
        publish_at = form.cleaned_data["publish_at"]
        if publish_at:
            local = timezone.localtime(publish_at)
            messages.success(
                request,
                gettext("%(title)s (%(reference)s) will be published on %(date)s at %(time)s")
                % {
                    "title": vacancy.title,
                    "reference": vacancy.reference,
                    "date": f"{local.day} {local:%B %Y}",
                    "time": local.strftime("%H:%M"),
                },
            )
            return redirect(_manage_url(vacancy))
        return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been published"))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Publish the vacancy"),
        button=_("Publish"),
        allowed_from={Status.APPROVED},
        intro=_("Once published, candidates can find the vacancy and apply until its closing time."),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_close(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = _bound(request, forms.ReasonForm, label=_("Why are you closing it early? (optional)"), required=False)
    if (
        form.is_bound
        and form.is_valid()
        and _status_allows(form, vacancy, {Status.PUBLISHED})
        and _attempt(
            form,
            lambda: services.close_vacancy_early(
                vacancy_id=vacancy.pk, actor=request.user, reason=form.cleaned_data["reason"].strip()
            ),
        )
    ):
        return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been closed"))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Close the vacancy early"),
        button=_("Close vacancy"),
        allowed_from={Status.PUBLISHED},
        warning=True,
        intro=_("Candidates will not be able to apply any more. Applications already sent are kept."),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_withdraw(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = _bound(
        request,
        forms.ReasonForm,
        label=_("Why are you withdrawing it?"),
        required=True,
        required_message=_("Enter why you are withdrawing the vacancy"),
    )
    if (
        form.is_bound
        and form.is_valid()
        and _status_allows(form, vacancy, WITHDRAWABLE)
        and _attempt(
            form,
            lambda: services.withdraw_vacancy(vacancy_id=vacancy.pk, actor=request.user, reason=form.cleaned_data["reason"]),
        )
    ):
        return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been withdrawn"))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Withdraw the vacancy"),
        button=_("Withdraw vacancy"),
        allowed_from=WITHDRAWABLE,
        warning=True,
        intro=_("A withdrawn vacancy is taken off the website for good and cannot be reopened. You can advertise it again as a new vacancy."),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_reopen(request, reference):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = _bound(request, forms.ReopenForm)
    if (
        form.is_bound
        and form.is_valid()
        # Only a closed vacancy reopens: the service would also publish an
        # approved one, which is the publish page's job.
        and _status_allows(form, vacancy, {Status.CLOSED})
        and _attempt(
            form,
            lambda: services.reopen_vacancy(
                vacancy_id=vacancy.pk, actor=request.user, closing_at=form.cleaned_data["closing_at"]
            ),
        )
    ):
        return _moved(request, vacancy, gettext("%(title)s (%(reference)s) has been reopened"))
    return _action_page(
        request,
        vacancy,
        form,
        heading=_("Reopen the vacancy"),
        button=_("Reopen vacancy"),
        allowed_from={Status.CLOSED},
        intro=_("The vacancy will be published again until the new closing time."),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_readvert(request, reference):
    return _clone(request, reference, readvert=True)


@staff_member_required
@require_http_methods(["GET", "POST"])
def vacancy_copy(request, reference):
    return _clone(request, reference, readvert=False)


def _clone(request, reference, *, readvert):
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    form = _bound(request, forms.ConfirmForm)
    if form.is_bound and form.is_valid():
        clone = services.clone_vacancy(vacancy_id=vacancy.pk, actor=request.user, readvert=readvert)
        message = (
            gettext("%(new)s created to advertise %(old)s again. Check it, set a new closing date and send it for approval.")
            if readvert
            else gettext("%(new)s created as a copy of %(old)s. Check it, set a new closing date and send it for approval.")
        )
        messages.success(request, message % {"new": clone.reference, "old": vacancy.reference})
        return redirect(_manage_url(clone))
    if readvert:
        heading = _("Advertise the vacancy again")
        intro = _(
            "This makes a new draft with the same reference and the next number at the end, "
            "copying the advert, its locations and person specification."
        )
    else:
        heading = _("Copy the vacancy")
        intro = _("This makes a new draft with a new reference, copying the advert, its locations and person specification.")
    return _action_page(
        request, vacancy, form, heading=heading, button=_("Create draft"), intro=intro
    )
