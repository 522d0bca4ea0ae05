"""The builders of a draft's ordered lists: the responsibility sections of the
detailed job description and the criteria of the person specification.

One set of views serves both, each told by manage_urls.py which Builder it
works for: add, change, remove (after confirming) and move up or down, all
without JavaScript. The order and its row lock are kept by vacancies.services
(add_item, change_item, delete_item, move_item). Each list page is its own
view: the sections are cards, the criteria tables by category, and only the
person specification has a rule to meet before going on.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from organisations.decorators import staff_member_required

from ... import forms, services
from ...models import Criterion, ResponsibilitySection
from .common import bound, get_vacancy_for_user, refuse_unless_draft
from .steps import next_step_url, step_context


@dataclass(frozen=True)
class Builder:
    """One kind of ordered item: its model and form, the words of its pages
    and messages, and its URL names, manage:<noun>_<verb>."""

    model: type
    form_class: type
    noun: str
    # The id of an item on the list page is <anchor>-<pk>: a move comes back to it.
    anchor: str
    add_heading: str
    change_heading: str
    delete_heading: str
    delete_button: str
    added: str
    saved: str
    # May name the item's own words: %(name)s.
    removed: str

    @property
    def urls(self):
        """Its URL names by verb, for reverse() and the {% url %} tag."""
        verbs = ["list", "create", "edit", "delete", "move_up", "move_down"]
        return {verb: f"manage:{self.noun}_{verb}" for verb in verbs}

    def list_url(self, vacancy):
        return reverse(self.urls["list"], kwargs={"reference": vacancy.reference})


RESPONSIBILITIES = Builder(
    model=ResponsibilitySection,
    form_class=forms.ResponsibilitySectionForm,
    noun="responsibility",
    anchor="section",
    add_heading=_("Add a section"),
    change_heading=_("Change a section"),
    delete_heading=_("Are you sure you want to remove this section?"),
    delete_button=_("Remove section"),
    added=_("Section added"),
    saved=_("Section saved"),
    removed=_("Section “%(name)s” removed"),
)

CRITERIA = Builder(
    model=Criterion,
    form_class=forms.CriterionForm,
    noun="criterion",
    anchor="criterion",
    add_heading=_("Add a criterion"),
    change_heading=_("Change a criterion"),
    delete_heading=_("Are you sure you want to remove this criterion?"),
    delete_button=_("Remove criterion"),
    added=_("Criterion added"),
    saved=_("Criterion saved"),
    removed=_("Criterion removed"),
)


# The list pages ------------------------------------------------------------------------


@staff_member_required
@require_safe
def responsibility_list(request, reference):
    """The headed sections of the detailed job description, in order. The step
    is optional: Continue is a link."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := refuse_unless_draft(request, vacancy):
        return refusal
    return render(
        request,
        "vacancies/manage/responsibility_list.html",
        step_context(
            request,
            vacancy,
            "responsibilities",
            builder=RESPONSIBILITIES,
            sections=list(vacancy.responsibility_sections.order_by("order")),
            next_url=next_step_url(request, vacancy, "responsibilities"),
        ),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def criterion_list(request, reference):
    """The person specification builder: criteria by category, each essential
    or desirable, with how it is assessed. Continuing needs an essential one."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := refuse_unless_draft(request, vacancy):
        return refusal
    form = bound(request, forms.PersonSpecificationForm, vacancy=vacancy)
    if form.is_bound and form.is_valid():
        return redirect(next_step_url(request, vacancy, "person_specification"))
    criteria = list(vacancy.criteria.order_by("order"))
    categories = []
    for value, label in Criterion.Category.choices:
        in_category = [criterion for criterion in criteria if criterion.category == value]
        if in_category:
            categories.append({"label": label, "criteria": in_category})
    return render(
        request,
        "vacancies/manage/criterion_list.html",
        step_context(
            request,
            vacancy,
            "person_specification",
            builder=CRITERIA,
            form=form,
            categories=categories,
            essential_count=sum(criterion.is_essential for criterion in criteria),
            desirable_count=sum(not criterion.is_essential for criterion in criteria),
        ),
    )


# One item: add, change, remove, move ------------------------------------------------------


def _draft_and_item(request, reference, builder, pk):
    """The draft (or the answer that turns the change away) and its item; 404
    for an item of another vacancy."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    item = get_object_or_404(builder.model.objects.select_related("vacancy"), vacancy=vacancy, pk=pk)
    return vacancy, item, refuse_unless_draft(request, vacancy)


def _form_page(request, vacancy, builder, form, heading):
    return render(
        request,
        "vacancies/manage/builder_form.html",
        {"vacancy": vacancy, "form": form, "heading": heading, "back_url": builder.list_url(vacancy)},
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def item_create(request, reference, *, builder):
    """Add an item at the end of its list (a criterion: of its category)."""
    vacancy = get_vacancy_for_user(request.user, reference, editable=True)
    if refusal := refuse_unless_draft(request, vacancy):
        return refusal
    form = bound(request, builder.form_class, instance=builder.model(vacancy=vacancy))
    if form.is_bound and form.is_valid():
        services.add_item(item=form.save(commit=False))
        messages.success(request, builder.added)
        return redirect(builder.list_url(vacancy))
    return _form_page(request, vacancy, builder, form, builder.add_heading)


@staff_member_required
@require_http_methods(["GET", "POST"])
def item_edit(request, reference, pk, *, builder):
    vacancy, item, refusal = _draft_and_item(request, reference, builder, pk)
    if refusal:
        return refusal
    form = bound(request, builder.form_class, instance=item)
    if form.is_bound and form.is_valid():
        services.change_item(item=form.save(commit=False))
        messages.success(request, builder.saved)
        return redirect(builder.list_url(vacancy))
    return _form_page(request, vacancy, builder, form, builder.change_heading)


@staff_member_required
@require_http_methods(["GET", "POST"])
def item_delete(request, reference, pk, *, builder):
    """Ask first; remove on the POST."""
    vacancy, item, refusal = _draft_and_item(request, reference, builder, pk)
    if refusal:
        return refusal
    if request.method == "POST":
        services.delete_item(model=builder.model, item_id=item.pk)
        messages.success(request, builder.removed % {"name": str(item)})
        return redirect(builder.list_url(vacancy))
    return render(
        request,
        "vacancies/manage/item_delete.html",
        {
            "vacancy": vacancy,
            "heading": builder.delete_heading,
            "item_text": str(item),
            "button": builder.delete_button,
            "back_url": builder.list_url(vacancy),
        },
    )


@staff_member_required
@require_POST
def item_move(request, reference, pk, *, builder, up):
    """Swap with the one above (up) or below; at either end, nothing moves.
    Back to the item on the list."""
    vacancy, item, refusal = _draft_and_item(request, reference, builder, pk)
    if refusal:
        return refusal
    services.move_item(model=builder.model, item_id=item.pk, up=up)
    return redirect(f"{builder.list_url(vacancy)}#{builder.anchor}-{item.pk}")
