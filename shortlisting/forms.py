"""Forms of the panel pages (shortlisting.panel_views): they validate and
normalise; the views save through shortlisting.scoring."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .anonymised import score_choices
from .models import ShortlistDecision


class ScoreForm(forms.Form):
    """One panel member's scores of one application: a 0–3 score and a note
    for every criterion assessed at application. A criterion may be left
    unscored for now; a note needs a score."""

    def __init__(self, *args, criteria, scores=None, **kwargs):
        """`criteria`: the criteria assessed at application, in order;
        `scores`: {criterion id: Score} already given by this member."""
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = scores or {}
        for criterion in self.criteria:
            given = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.text,
                # Score.MIN_SCORE to Score.MAX_SCORE, in the words the pack uses too.
                choices=score_choices(),
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=str(given.score) if given else None,
                error_messages={"invalid_choice": _("Choose a score from 0 to 3")},
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Note (optional)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=given.note if given else "",
                max_length=2000,
            )

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            score_name, note_name = f"score_{criterion.pk}", f"note_{criterion.pk}"
            if score_name in self.errors:
                continue
            if cleaned.get(note_name) and cleaned.get(score_name) is None:
                self.add_error(score_name, _("Choose a score for this criterion, or remove its note"))
        return cleaned

    def rows(self):
        """[(criterion, score field, note field)] for the grid."""
        return [(c, self[f"score_{c.pk}"], self[f"note_{c.pk}"]) for c in self.criteria]

    def scores(self):
        """{criterion id: (score, note)} of every criterion given a score."""
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"note_{c.pk}"].strip())
            for c in self.criteria
            if self.cleaned_data.get(f"score_{c.pk}") is not None
        }



class AgreedScoreForm(forms.Form):
    """The scores the panel agreed in moderation, one optional choice per
    criterion assessed at application; "Not agreed yet" leaves it as it is."""

    def __init__(self, *args, rows, **kwargs):
        """`rows`: the moderation page's rows (shortlisting.moderation.ModerationRow)."""
        super().__init__(*args, **kwargs)
        self.criteria = [row.criterion for row in rows]
        for row in rows:
            given = ", ".join(f"{member}: {value}" for member, value in row.member_scores if value is not None)
            self.fields[f"agreed_{row.criterion.pk}"] = forms.TypedChoiceField(
                label=_("Agreed score for: %(criterion)s") % {"criterion": row.criterion.text},
                choices=[("", _("Not agreed yet"))] + score_choices(),
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(row.agreed.score) if row.agreed else "",
                help_text=(_("Scores given: %(scores)s") % {"scores": given}) if given else _("Not scored yet"),
                error_messages={"invalid_choice": _("Choose an agreed score from 0 to 3")},
            )

    def scores(self):
        """{criterion id: agreed score} of every criterion given one."""
        return {
            c.pk: self.cleaned_data[f"agreed_{c.pk}"]
            for c in self.criteria
            if self.cleaned_data.get(f"agreed_{c.pk}") is not None
        }


class DecisionForm(forms.Form):
    """The hiring manager's decision on one application, with the reason;
    and, while members' scores still differ on a criterion with no agreed
    score (`needs_moderation`), the reason to decide without agreed scores."""

    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=ShortlistDecision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision")},
    )
    reason = forms.CharField(
        label=_("Reason for the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Give the reason for the decision")},
    )

    def __init__(self, *args, needs_moderation=False, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_moderation:
            self.fields["unmoderated_reason"] = forms.CharField(
                label=_("Reason to decide without agreed scores"),
                help_text=_(
                    "Only if the panel cannot agree the scores first, for example because it agreed them "
                    "outside this service."
                ),
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=2000,
                required=False,
            )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for the decision"), code="required")
        return reason

    def clean_unmoderated_reason(self):
        reason = self.cleaned_data["unmoderated_reason"].strip()
        if not reason:
            raise forms.ValidationError(
                _("Agree the scores first, or give a reason to decide without them"), code="required"
            )
        return reason


class PanelMemberForm(forms.Form):
    """Add a member of the trust's staff, not already on it, to a vacancy's panel."""

    user = forms.ModelChoiceField(
        label=_("Member of staff"),
        queryset=None,
        empty_label=_("Choose a member of staff"),
        error_messages={
            "required": _("Choose a member of staff to add to the panel"),
            "invalid_choice": _("Choose a member of staff of the trust who is not on the panel"),
        },
    )

    def __init__(self, *args, vacancy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = vacancy.organisation.staff().exclude(panel_vacancies=vacancy)
        self.fields["user"].label_from_instance = lambda user: f"{user.get_full_name()} ({user.email})"
