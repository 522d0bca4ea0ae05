"""Forms of the interview scoring and outcome pages (interviews.scoring_views):
they validate and normalise; the views save through interviews.scoring."""

from django import forms
from django.utils.translation import gettext_lazy as _

from shortlisting.anonymised import score_choices

from .models import InterviewOutcome


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": _("Enter the question"),
            "max_length": _("The question must be 2,000 characters or fewer"),
        },
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Enter the question"), code="required")
        return text


class InterviewScoreForm(forms.Form):
    """One panel member's scores of one candidate: a 0 to 3 score and a note
    for each criterion assessed at interview and each interview question. A
    line may be left unscored for now; a note needs a score."""

    def __init__(self, *args, criteria, questions, scores=None, **kwargs):
        """`scores`: {("criterion" or "question", id): InterviewScore} this member gave."""
        super().__init__(*args, **kwargs)
        scores = scores or {}
        self.lines = [("criterion", c) for c in criteria] + [("question", q) for q in questions]
        for kind, item in self.lines:
            given = scores.get((kind, item.pk))
            name = f"{kind}_{item.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=item.text,
                choices=score_choices(),
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=str(given.score) if given else None,
                error_messages={"invalid_choice": _("Choose a score from 0 to 3")},
            )
            self.fields[f"{name}_note"] = forms.CharField(
                label=_("Note (optional)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=given.note if given else "",
                max_length=2000,
                error_messages={"max_length": _("The note must be 2,000 characters or fewer")},
            )

    def clean(self):
        cleaned = super().clean()
        for kind, item in self.lines:
            name = f"{kind}_{item.pk}"
            if name not in self.errors and cleaned.get(f"{name}_note") and cleaned.get(name) is None:
                self.add_error(name, _("Choose a score for this line, or remove its note"))
        return cleaned

    def rows(self):
        """[(kind, criterion or question, score field, note field)] for the grid."""
        return [(kind, item, self[f"{kind}_{item.pk}"], self[f"{kind}_{item.pk}_note"]) for kind, item in self.lines]

    def scores(self, kind):
        """{id: (score, note)} of every criterion or question (`kind`) given a score."""
        return {
            item.pk: (self.cleaned_data[f"{kind}_{item.pk}"], self.cleaned_data[f"{kind}_{item.pk}_note"].strip())
            for line_kind, item in self.lines
            if line_kind == kind and self.cleaned_data.get(f"{kind}_{item.pk}") is not None
        }


class OutcomeForm(forms.Form):
    """The outcome of one interviewed candidate, with a reason (required when unsuccessful)."""

    decision = forms.ChoiceField(
        label=_("Outcome"),
        choices=InterviewOutcome.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an outcome"), "invalid_choice": _("Choose an outcome")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Required if the candidate was unsuccessful. It is kept on the record, not sent to them."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        error_messages={"max_length": _("The reason must be 2,000 characters or fewer")},
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["reason"] = (cleaned.get("reason") or "").strip()
        if cleaned.get("decision") == InterviewOutcome.Decision.UNSUCCESSFUL and not cleaned["reason"]:
            self.add_error("reason", _("Give the reason the candidate was unsuccessful"))
        return cleaned
