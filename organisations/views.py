"""A trust's own pages under /manage/trusts/<ods code>/: for now, the wording
of its e-mails to candidates. Only the trust's recruiters see them; anyone
else gets 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .decorators import staff_member_required
from .emails import REGISTRY, fill, registered_emails, wording_for
from .forms import EmailTemplateForm
from .models import Organisation


def get_trust_for_recruiter(user, ods_code):
    """The trust, if the user is one of its recruiters; else 404."""
    return get_object_or_404(Organisation.objects.recruited_by(user), ods_code=ods_code)


def _email_or_404(key):
    email = REGISTRY.get(key)
    if email is None:
        raise Http404
    return email


@staff_member_required
@require_http_methods(["GET"])
def email_template_list(request, ods_code):
    organisation = get_trust_for_recruiter(request.user, ods_code)
    templates = {template.key: template for template in organisation.email_templates.all()}
    rows = [(email, templates.get(email.key)) for email in registered_emails()]
    return render(
        request,
        "organisations/email_template_list.html",
        {"organisation": organisation, "rows": rows, "back_url": reverse("manage:dashboard")},
    )


def _edit_page(request, organisation, email, form, *, preview):
    wording = wording_for(organisation=organisation, email=email)
    examples = email.example_values(trust=organisation.name)
    return render(
        request,
        "organisations/email_template_edit.html",
        {
            "organisation": organisation,
            "email": email,
            "form": form,
            "template": wording.template,
            "placeholders": email.all_placeholders,
            # None: the saved wording's; False: none (the form has errors).
            "preview": preview
            if preview is not None
            else {"subject": fill(wording.subject, examples), "body": fill(wording.body, examples), "typed": False},
            "back_url": reverse("organisations:email_template_list", kwargs={"ods_code": organisation.ods_code}),
        },
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def email_template_edit(request, ods_code, key):
    """The trust's wording of one e-mail: change it and save (POST), with a
    preview of what is saved now."""
    organisation = get_trust_for_recruiter(request.user, ods_code)
    email = _email_or_404(key)
    if request.method == "POST":
        form = EmailTemplateForm(request.POST, email=email)
        if form.is_valid():
            services.save_email_template(
                organisation=organisation,
                email=email,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                enabled=form.sends,
                actor=request.user,
            )
            messages.success(request, _("%(email)s email saved") % {"email": email.label})
            return redirect("organisations:email_template_list", ods_code=organisation.ods_code)
        return _edit_page(request, organisation, email, form, preview=False)
    else:
        wording = wording_for(organisation=organisation, email=email)
        form = EmailTemplateForm(
            initial={"subject": wording.subject, "body": wording.body, "enabled": wording.enabled}, email=email
        )
    return _edit_page(request, organisation, email, form, preview=None)


@staff_member_required
@require_POST
def email_template_preview(request, ods_code, key):
    """What the typed wording looks like with example values, before saving
    it; the form stays as typed, and saving it is one more button."""
    organisation = get_trust_for_recruiter(request.user, ods_code)
    email = _email_or_404(key)
    form = EmailTemplateForm(request.POST, email=email)
    preview = False
    if form.is_valid():
        examples = email.example_values(trust=organisation.name)
        preview = {
            "subject": fill(form.cleaned_data["subject"], examples),
            "body": fill(form.cleaned_data["body"], examples),
            "typed": True,
        }
    return _edit_page(request, organisation, email, form, preview=preview)


@staff_member_required
@require_POST
def email_template_reset(request, ods_code, key):
    """Back to the default wording, sent."""
    organisation = get_trust_for_recruiter(request.user, ods_code)
    email = _email_or_404(key)
    services.reset_email_template(organisation=organisation, email=email, actor=request.user)
    messages.success(request, _("%(email)s email reset to the default wording") % {"email": email.label})
    return redirect("organisations:email_template_edit", ods_code=organisation.ods_code, key=email.key)
