"""Shortlisting packs: a vacancy's person specification and its anonymised
applications in one PDF, for panels who read on paper or offline.

A pack is a job kept in the database (DESIGN.md, "Background work"): the row is
written in the request's transaction with its chunks, one per
SHORTLIST_PACK_CHUNK_SIZE applicants in the pack's random order, and the broker
only carries nudges. Workers claim a chunk with a conditional UPDATE, render it
to a PDF of its own, and the last one nudges the merge, which adds the cover,
the person specification and the contents, page numbers and bookmarks.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PackStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RENDERING = "rendering", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")

    @classmethod
    def in_progress(cls):
        return [cls.QUEUED, cls.RENDERING]


class ShortlistPackQuerySet(models.QuerySet):
    def in_progress(self):
        return self.filter(status__in=PackStatus.in_progress())


class ShortlistPack(models.Model):
    """One request for a vacancy's shortlisting pack, and the PDF it becomes."""

    Status = PackStatus

    # Every allowed move; shortlisting.services.move_pack is the one place that
    # moves a pack, with a conditional UPDATE from the statuses listed here.
    # A failed pack goes back to queued when someone presses "Try again".
    TRANSITIONS = {
        Status.QUEUED: {Status.RENDERING, Status.FAILED},
        Status.RENDERING: {Status.READY, Status.FAILED},
        Status.READY: set(),
        Status.FAILED: {Status.QUEUED},
    }
    # The time each status was last entered, by move_pack.
    STATUS_TIME_FIELDS = {
        Status.QUEUED: "queued_at",
        Status.RENDERING: "rendering_at",
        Status.READY: "ready_at",
        Status.FAILED: "failed_at",
    }

    vacancy = models.ForeignKey("vacancies.Vacancy", on_delete=models.PROTECT, related_name="shortlist_packs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when an operator asked for it with manage.py render_pack"),
    )
    # What the pack holds (shortlisting.pack_kinds): the shortlisting pack, or
    # a kind an app higher up registers (the interview pack of a round). No
    # choices: shortlisting does not know the kinds above it.
    kind = models.CharField(max_length=30, default="shortlisting")
    # For a kind about one thing of the vacancy, that thing's id (the
    # interview pack: its InterviewRound); empty for the shortlisting pack.
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    # The applicants' order is a shuffle by this seed, fixed when the pack is
    # requested: no one is favoured by always coming first, and the same pack
    # renders the same order however often its chunks are retried.
    seed = models.BigIntegerField()
    chunk_size = models.PositiveSmallIntegerField()
    applicant_count = models.PositiveIntegerField()
    progress = models.PositiveSmallIntegerField(default=0, help_text=_("Per cent done"))
    page_count = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(max_length=255, blank=True)
    error = models.TextField(blank=True)

    # The merge is claimed like a chunk: a token, so that a merge left behind
    # by a dead worker cannot overwrite the one the sweep started again.
    merge_token = models.UUIDField(null=True, blank=True)
    merge_attempts = models.PositiveSmallIntegerField(default=0)
    merge_nudged_at = models.DateTimeField(null=True, blank=True)
    merge_started_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(default=timezone.now)
    rendering_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    objects = ShortlistPackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A second request while one is in progress gets the same pack
            # (services.request_pack); this keeps it so under a race.
            models.UniqueConstraint(
                fields=["vacancy", "kind"],
                condition=Q(status__in=["queued", "rendering"], subject_id__isnull=True),
                name="shortlistpack_one_in_progress_per_vacancy",
            ),
            models.UniqueConstraint(
                fields=["vacancy", "kind", "subject_id"],
                condition=Q(status__in=["queued", "rendering"], subject_id__isnull=False),
                name="shortlistpack_one_in_progress_per_subject",
            ),
            models.CheckConstraint(condition=Q(status__in=PackStatus.values), name="shortlistpack_status_valid"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="shortlistpack_progress_percent"),
            models.CheckConstraint(condition=Q(chunk_size__gte=1), name="shortlistpack_chunk_size_positive"),
            models.CheckConstraint(
                condition=~Q(status="ready") | ~Q(file=""), name="shortlistpack_ready_has_file"
            ),
        ]
        indexes = [
            # A vacancy's packs, newest first (the packs page).
            models.Index(fields=["vacancy", "-created_at"], name="shortlistpack_vacancy_idx"),
            # The retention sweep: packs made before a cut-off.
            models.Index(fields=["created_at"], name="shortlistpack_created_idx"),
        ]

    def __str__(self):
        return f"Shortlisting pack {self.pk} for {self.vacancy_id}"

    def get_absolute_url(self):
        if self.kind != "shortlisting":
            from . import pack_kinds

            return pack_kinds.get(self.kind).page_url(
                "pack_detail", vacancy=self.vacancy, subject_id=self.subject_id, pk=self.pk
            )
        return reverse("shortlisting:pack_detail", kwargs={"reference": self.vacancy.reference, "pk": self.pk})

    @property
    def is_in_progress(self):
        return self.status in PackStatus.in_progress()

    @property
    def is_ready(self):
        return self.status == self.Status.READY and bool(self.file)

    @property
    def is_failed(self):
        return self.status == self.Status.FAILED

    @classmethod
    def moves_into(cls, status):
        """The statuses from which a pack may move to `status`."""
        return [source for source, targets in cls.TRANSITIONS.items() if status in targets]


class ShortlistPackChunk(models.Model):
    """A run of applicants of a pack, in the pack's order, rendered by one task."""

    Status = PackStatus

    TRANSITIONS = {
        Status.QUEUED: {Status.RENDERING, Status.FAILED},
        # Back to queued when the worker hands it back (a transient error) or
        # the sweep finds its worker gone.
        Status.RENDERING: {Status.READY, Status.QUEUED, Status.FAILED},
        # Made again on "Try again" if its PDF was lost before the merge.
        Status.READY: {Status.QUEUED},
        Status.FAILED: {Status.QUEUED},
    }
    # A chunk claimed this many times without finishing (its worker killed by
    # the time limit or the out-of-memory killer each time) fails the pack
    # rather than going round for ever.
    MAX_ATTEMPTS = 5

    pack = models.ForeignKey(ShortlistPack, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveSmallIntegerField(help_text=_("0 for the first chunk"))
    first_position = models.PositiveIntegerField(help_text=_("The pack position of its first applicant, from 1"))
    application_ids = models.JSONField(help_text=_("Its applications' ids, in the pack's order"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    claim_token = models.UUIDField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text=_("How many times a worker claimed it"))
    nudged_at = models.DateTimeField(default=timezone.now, help_text=_("When a task was last sent for it"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(max_length=255, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    # [[anonymous code, page index within the chunk from 0], ...] in order:
    # where the merge puts each applicant's bookmark and contents entry.
    applicant_pages = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["pack", "index"]
        constraints = [
            models.UniqueConstraint(fields=["pack", "index"], name="shortlistpackchunk_pack_index_unique"),
            models.CheckConstraint(
                condition=Q(status__in=PackStatus.values), name="shortlistpackchunk_status_valid"
            ),
        ]
        indexes = [
            # The stuck-work sweep: chunks still queued or rendering. Partial,
            # so it stays as small as the work in flight.
            models.Index(
                fields=["status", "nudged_at"],
                condition=Q(status__in=["queued", "rendering"]),
                name="shortlistpackchunk_active_idx",
            ),
        ]

    def __str__(self):
        return f"Chunk {self.index} of pack {self.pack_id}"

    @property
    def last_position(self):
        return self.first_position + len(self.application_ids) - 1

    @classmethod
    def moves_into(cls, status):
        return [source for source, targets in cls.TRANSITIONS.items() if status in targets]


# Scoring and decisions -----------------------------------------------------------
#
# Panel members score each received application against the criteria assessed
# at application; the hiring manager decides; completing the shortlist moves
# the vacancy and the applications on. shortlisting.scoring holds every
# operation (shortlisting.services belongs to packs).


class Score(models.Model):
    """One panel member's score of one application against one criterion."""

    MIN_SCORE = 0
    MAX_SCORE = 3

    application = models.ForeignKey("candidates.Application", on_delete=models.CASCADE, related_name="scores")
    # The criterion must be assessed at application and belong to the
    # application's vacancy: scoring.record_score checks both.
    criterion = models.ForeignKey("vacancies.Criterion", on_delete=models.CASCADE, related_name="scores")
    # PROTECT: a score is part of the record of a fair decision; the scorer
    # cannot be deleted from under it.
    panel_member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)],
        help_text=_("0 not met, 1 partly met, 2 met, 3 exceeded"),
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["application", "criterion", "panel_member"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "panel_member"], name="score_one_per_member_criterion"
            ),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=3), name="score_range_0_3"),
        ]

    def __str__(self):
        return f"{self.score} for application {self.application_id}, criterion {self.criterion_id}"


class ShortlistDecision(models.Model):
    """The hiring manager's decision on one application, with the reason.

    A reserve goes on the reserve list when shortlisting completes: neither
    shortlisted nor told no, it can be shortlisted later if someone withdraws.
    """

    class Outcome(models.TextChoices):
        SHORTLIST = "shortlist", _("Shortlist")
        NOT_SHORTLISTED = "not_shortlisted", _("Not shortlisted")
        RESERVE = "reserve", _("Reserve")

    application = models.OneToOneField(
        "candidates.Application", on_delete=models.CASCADE, related_name="shortlist_decision"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    # Why the hiring manager decided while the members' scores still differed
    # on a criterion with no agreed score (scoring.decide asks for one of the two).
    unmoderated_reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["shortlist", "not_shortlisted", "reserve"]),
                name="shortlistdecision_outcome_valid",
            ),
            # Every decision is recorded with its reason (DESIGN.md, fair shortlisting).
            models.CheckConstraint(condition=~Q(reason=""), name="shortlistdecision_reason_required"),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} for application {self.application_id}"


class AgreedScore(models.Model):
    """The score of one application against one criterion that the panel
    agreed in moderation, recorded by the hiring manager. Where there is one,
    it stands for the members' scores of that criterion: the guaranteed
    interview rule and "essential criteria met" read it instead."""

    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, related_name="agreed_scores"
    )
    # Assessed at application and of the application's vacancy:
    # scoring.record_agreed_scores checks both.
    criterion = models.ForeignKey("vacancies.Criterion", on_delete=models.CASCADE, related_name="agreed_scores")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(Score.MIN_SCORE), MaxValueValidator(Score.MAX_SCORE)]
    )
    # PROTECT, as for Score: who agreed it is part of the record.
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="agreedscore_one_per_criterion"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=3), name="agreedscore_range_0_3"),
        ]

    def __str__(self):
        return f"Agreed {self.score} for application {self.application_id}, criterion {self.criterion_id}"


class ShortlistingEvent(models.Model):
    """The audit trail of shortlisting: every score, agreed score, decision,
    completion, reveal of identities and change to the panel, with who and when."""

    class Kind(models.TextChoices):
        SCORE = "score", _("Score")
        DECISION = "decision", _("Decision")
        COMPLETE = "complete", _("Shortlisting completed")
        REVEAL = "reveal", _("Identities revealed")
        ASSIGN = "assign", _("Panel member assigned")
        REMOVE = "remove", _("Panel member removed")
        AGREE = "agree", _("Agreed score")

    vacancy = models.ForeignKey("vacancies.Vacancy", on_delete=models.CASCADE, related_name="shortlisting_events")
    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["vacancy", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["score", "decision", "complete", "reveal", "assign", "remove", "agree"]),
                name="shortlistingevent_kind_valid",
            ),
        ]
        indexes = [
            # A vacancy's shortlisting history, oldest first.
            models.Index(fields=["vacancy", "created_at"], name="shortlistevent_vacancy_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.vacancy_id}"
