"""Interview rounds, their slots, who is invited to them and who booked which
slot, with an event row for every change (DESIGN.md: InterviewRound / Slot /
Booking). interviews.services makes every change."""

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext_lazy as _

# The longest interview slot: a working day. A longer one is a typing mistake.
MAX_SLOT_MINUTES = 8 * 60


class InterviewRound(models.Model):
    """A vacancy's interview days: a set of slots that shortlisted candidates
    are invited to book, one slot each."""

    vacancy = models.ForeignKey("vacancies.Vacancy", on_delete=models.CASCADE, related_name="interview_rounds")
    name = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booking_deadline = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Invited candidates who have not booked by then are listed for the recruiter to chase"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # A vacancy's rounds, oldest first (the rounds list, the candidate's page).
            models.Index(fields=["vacancy", "created_at"], name="interviewround_vacancy_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.vacancy.reference})"


class SlotQuerySet(models.QuerySet):
    def with_booked_count(self):
        """Annotate `booked_count`: the places taken, not counting withdrawn
        applications (their places are freed at the next booking change)."""
        taken = ~Q(bookings__application__status="withdrawn")
        return self.annotate(booked_count=models.Count("bookings", filter=taken))


class Slot(models.Model):
    """One interview time: when, how long, where (a site and room, or a video
    link), who sits on the panel, and how many candidates it takes (one, or
    more for a group session)."""

    round = models.ForeignKey(InterviewRound, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    length_minutes = models.PositiveSmallIntegerField()
    site = models.ForeignKey(
        "organisations.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="interview_slots"
    )
    room = models.CharField(max_length=200, blank=True)
    video_link = models.URLField(max_length=500, blank=True)
    capacity = models.PositiveSmallIntegerField(default=1)
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="interview_slots")

    objects = SlotQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(length_minutes__gte=1, length_minutes__lte=MAX_SLOT_MINUTES),
                name="slot_length_within_a_day",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="slot_capacity_at_least_one"),
            # Candidates must know where to go: a site, or a video link.
            models.CheckConstraint(
                condition=Q(site__isnull=False) | ~Q(video_link=""), name="slot_has_place_or_video_link"
            ),
        ]
        indexes = [
            # A round's timetable in time order, and the free slots a candidate chooses from.
            models.Index(fields=["round", "starts_at"], name="slot_round_starts_idx"),
            # Overlapping slots of a panel member (SlotQuerySet.overlapping) across rounds.
            models.Index(fields=["starts_at"], name="slot_starts_idx"),
        ]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M} ({self.length_minutes} min)"

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.length_minutes)

    @property
    def label(self):
        """"Monday 15 March 2027, 09:00 to 09:45": the time as candidates choose it.

        Spelt out from the day and month names rather than through
        date_format, which parses its format string on every call: a
        refused booking shows every free time of the round again, while
        other candidates wait for the slot's lock."""
        starts_at, ends_at = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        day = f"{WEEKDAYS[starts_at.weekday()]} {starts_at.day} {MONTHS[starts_at.month]} {starts_at.year}"
        return f"{day}, {starts_at:%H:%M} to {ends_at:%H:%M}"

    @property
    def is_video(self):
        return bool(self.video_link)

    def place_text(self):
        """Where the interview is, in one line for e-mails and calendars."""
        if self.site_id:
            parts = [self.room, self.site.name, *self.site.address_lines]
            return ", ".join(part for part in parts if part)
        return self.video_link

    def candidate_cutoff(self):
        """The last moment a candidate may book, change or cancel this slot themselves."""
        return self.starts_at - datetime.timedelta(hours=settings.INTERVIEW_BOOKING_CUTOFF_HOURS)


class Invitation(models.Model):
    """A shortlisted application invited to book a slot in a round."""

    round = models.ForeignKey(InterviewRound, on_delete=models.CASCADE, related_name="invitations")
    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, related_name="interview_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    chased_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the candidate was last reminded to book a slot")
    )

    class Meta:
        ordering = ["invited_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "application"], name="invitation_once_per_round"),
        ]
        indexes = [
            # The rounds an application is invited to (the candidate's interview page).
            models.Index(fields=["application", "round"], name="invitation_application_idx"),
        ]

    def __str__(self):
        return f"{self.application} invited to {self.round}"


class Booking(models.Model):
    """An invited application's place in one slot. `round` repeats the slot's
    round so that the database itself refuses a second booking in a round;
    a slot's capacity is kept by interviews.services under the slot's row lock.
    `uid` names the calendar entry in every e-mail about this booking, and
    `sequence` counts its changes, so a move updates the same entry."""

    round = models.ForeignKey(InterviewRound, on_delete=models.CASCADE, related_name="bookings")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings")
    application = models.ForeignKey("candidates.Application", on_delete=models.CASCADE, related_name="interview_bookings")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    reminder_sent_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the reminder the day before was sent (claimed once)")
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "application"], name="booking_one_per_application_per_round"),
        ]
        indexes = [
            # Counting a slot's bookings under its lock, and the timetable's candidates per slot.
            models.Index(fields=["slot", "application"], name="booking_slot_idx"),
        ]

    def __str__(self):
        return f"{self.application} in {self.slot}"

    def calendar_uid(self):
        return f"interview-{self.uid}@{settings.SITE_NAME.replace(' ', '-').lower()}"


class InterviewEvent(models.Model):
    """What happened in a round, who did it and when: the audit of invitations,
    bookings, moves and cancellations."""

    class Kind(models.TextChoices):
        ROUND_CREATED = "round_created", _("Round created")
        INVITED = "invited", _("Invited to interview")
        BOOKED = "booked", _("Slot booked")
        MOVED = "moved", _("Booking moved")
        CANCELLED = "cancelled", _("Booking cancelled")
        FREED_ON_WITHDRAWAL = "freed_on_withdrawal", _("Slot freed: application withdrawn")
        RESERVE_PROMOTED = "reserve_promoted", _("Reserve moved to shortlisted")
        CHASED = "chased", _("Reminded to book a slot")
        REMINDER_SENT = "reminder_sent", _("Reminder sent the day before")
        QUESTION_CHANGED = "question_changed", _("Interview questions changed")
        SCORED = "scored", _("Interview scored")
        OUTCOME_RECORDED = "outcome_recorded", _("Interview outcome recorded")
        COMPLETED = "completed", _("Interviews completed")

    # Every event belongs to a vacancy; those about one round name it too.
    vacancy = models.ForeignKey("vacancies.Vacancy", on_delete=models.CASCADE, related_name="interview_events")
    round = models.ForeignKey(InterviewRound, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, null=True, blank=True, related_name="interview_events"
    )
    slot = models.ForeignKey(Slot, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # A round's history, oldest first.
            models.Index(fields=["round", "created_at"], name="interviewevent_round_idx"),
            # A vacancy's interview history, oldest first.
            models.Index(fields=["vacancy", "created_at"], name="interviewevent_vacancy_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class ContactView(models.Model):
    """An audit row: a member of staff was shown a candidate's contact details
    (e-mail, telephone) or adjustments, once shortlisting was complete."""

    application = models.ForeignKey("candidates.Application", on_delete=models.CASCADE, related_name="contact_views")
    viewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(default=timezone.now)
    page = models.CharField(max_length=100, help_text=_("Where they were shown, in a word: the URL name"))

    class Meta:
        ordering = ["viewed_at", "id"]
        indexes = [
            # Who saw an application's contact details, newest first.
            models.Index(fields=["application", "-viewed_at"], name="contactview_application_idx"),
        ]

    def __str__(self):
        return f"{self.viewed_by} saw {self.application} at {self.viewed_at:%Y-%m-%d %H:%M}"


class InterviewQuestion(models.Model):
    """A question the recruiter writes for a vacancy's interviews, scored
    beside the person specification's criteria assessed at interview."""

    vacancy = models.ForeignKey("vacancies.Vacancy", on_delete=models.CASCADE, related_name="interview_questions")
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["vacancy", "order", "id"]

    def __str__(self):
        return self.text[:60]


class InterviewScore(models.Model):
    """One panel member's score of one candidate at interview, against one
    criterion assessed at interview or one interview question."""

    MIN_SCORE = 0
    MAX_SCORE = 3

    application = models.ForeignKey("candidates.Application", on_delete=models.CASCADE, related_name="interview_scores")
    panel_member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Exactly one of the two: the services check that the criterion is the
    # vacancy's and assessed at interview, and the question the vacancy's.
    criterion = models.ForeignKey(
        "vacancies.Criterion", on_delete=models.CASCADE, null=True, blank=True, related_name="interview_scores"
    )
    question = models.ForeignKey(
        InterviewQuestion, on_delete=models.CASCADE, null=True, blank=True, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)],
        help_text=_("0 not met, 1 partly met, 2 met, 3 exceeded"),
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "criterion", "question", "panel_member"]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=3), name="interviewscore_range_0_3"),
            models.CheckConstraint(
                condition=(Q(criterion__isnull=False) & Q(question__isnull=True))
                | (Q(criterion__isnull=True) & Q(question__isnull=False)),
                name="interviewscore_criterion_or_question",
            ),
            models.UniqueConstraint(
                fields=["application", "panel_member", "criterion"],
                condition=Q(criterion__isnull=False),
                name="interviewscore_once_per_criterion",
            ),
            models.UniqueConstraint(
                fields=["application", "panel_member", "question"],
                condition=Q(question__isnull=False),
                name="interviewscore_once_per_question",
            ),
        ]

    def __str__(self):
        return f"{self.score} for application {self.application_id}"


class InterviewOutcome(models.Model):
    """The hiring manager's (or a recruiter's) outcome for one interviewed
    candidate: appoint (the preferred candidate), reserve or unsuccessful,
    with a reason for an unsuccessful one. Applied to the applications when
    the interviews are completed."""

    class Decision(models.TextChoices):
        APPOINT = "appoint", _("Appoint (preferred candidate)")
        RESERVE = "reserve", _("Reserve")
        UNSUCCESSFUL = "unsuccessful", _("Unsuccessful")

    application = models.OneToOneField(
        "candidates.Application", on_delete=models.CASCADE, related_name="interview_outcome"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="unsuccessful") | ~Q(reason=""), name="interviewoutcome_unsuccessful_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} for application {self.application_id}"
