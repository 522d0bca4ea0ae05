"""Offers: the conditional offer to the preferred candidate, its references and
its six pre-employment checks (the NHS Employment Check Standards) with the
documents the candidate uploads, then the unconditional offer and the start
date. Every change writes an OfferEvent (offers.services)."""

import datetime
import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vacancies.models import ContractType, DBSLevel


def document_storage():
    """The private storage (settings.STORAGES["private"]): documents are never
    served from a public address, only by offers.views.common.document_download."""
    return storages["private"]


class OfferStatus(models.TextChoices):
    MADE = "made", _("Conditional offer made")
    ACCEPTED = "accepted", _("Conditional offer accepted")
    DECLINED = "declined", _("Declined")
    UNCONDITIONAL = "unconditional", _("Unconditional offer made")
    START_CONFIRMED = "start_confirmed", _("Start date confirmed")
    # The candidate withdrew their application while the offer was open
    # (services.withdraw_offer_of_application), as against declining the offer.
    WITHDRAWN = "withdrawn", _("Withdrawn by the candidate")


class Offer(models.Model):
    """The job offered to one application: conditional on the checks, then unconditional."""

    Status = OfferStatus

    # The offer's lifecycle; offers.services moves it, and nothing else.
    TRANSITIONS = {
        Status.MADE: {Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN},
        Status.ACCEPTED: {Status.UNCONDITIONAL, Status.DECLINED, Status.WITHDRAWN},
        Status.UNCONDITIONAL: {Status.START_CONFIRMED, Status.DECLINED, Status.WITHDRAWN},
        Status.DECLINED: set(),
        Status.START_CONFIRMED: set(),
        Status.WITHDRAWN: set(),
    }
    STATUS_TAG_CLASSES = {
        Status.MADE: "nhsuk-tag--blue",
        Status.ACCEPTED: "nhsuk-tag--aqua-green",
        Status.DECLINED: "nhsuk-tag--red",
        Status.UNCONDITIONAL: "nhsuk-tag--purple",
        Status.START_CONFIRMED: "nhsuk-tag--green",
        Status.WITHDRAWN: "nhsuk-tag--white",
    }

    application = models.OneToOneField("candidates.Application", on_delete=models.CASCADE, related_name="offer")
    vacancy = models.ForeignKey("vacancies.Vacancy", on_delete=models.PROTECT, related_name="offers")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.MADE)
    salary = models.DecimalField(
        _("salary (a year, full time)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    outside_band_reason = models.TextField(
        blank=True, help_text=_("Why the salary is outside the vacancy's Agenda for Change band")
    )
    hours_per_week = models.DecimalField(
        max_digits=4, decimal_places=1, validators=[MinValueValidator(1), MaxValueValidator(48)]
    )
    contract_type = models.CharField(max_length=20, choices=ContractType.choices)
    base_site = models.ForeignKey("organisations.Site", on_delete=models.PROTECT, related_name="+")
    proposed_start_date = models.DateField()
    start_date = models.DateField(null=True, blank=True, help_text=_("The start date of the unconditional offer"))
    decline_reason = models.TextField(blank=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    unconditional_at = models.DateTimeField(null=True, blank=True)
    start_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-made_at", "-id"]
        indexes = [
            # A vacancy's offers, newest first (the offers page).
            models.Index(fields=["vacancy", "-made_at"], name="offer_vacancy_made_idx"),
        ]

    def __str__(self):
        return f"Offer {self.pk} to application {self.application_id}"

    @property
    def status_tag_class(self):
        return self.STATUS_TAG_CLASSES[self.Status(self.status)]

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.Status(self.status)]


class OfferEvent(models.Model):
    """Something that happened to an offer, its references or its checks: who, when, what."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=_("Empty when the system, or a referee, made the change"),
    )
    description = models.CharField(max_length=300)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["offer", "created_at", "id"]
        indexes = [
            # An offer's history, oldest first.
            models.Index(fields=["offer", "created_at"], name="offerevent_offer_time_idx"),
        ]

    def __str__(self):
        return f"{self.offer_id}: {self.description}"


class ReferenceStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    RECEIVED = "received", _("Received")
    DECLINED = "declined", _("Declined by the referee")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not accepted")
    # No longer wanted: the candidate withdrew before the referee answered.
    CANCELLED = "cancelled", _("Cancelled")


def new_token_key():
    return secrets.token_urlsafe(16)


class ReferenceRequestQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(status=ReferenceStatus.REQUESTED)


class ReferenceRequest(models.Model):
    """A request for a reference to one of the candidate's referees, answered
    through a signed, single-use, expiring link (offers.tokens)."""

    Status = ReferenceStatus
    # The referee answers or declines only while it is requested.
    TRANSITIONS = {
        Status.REQUESTED: {Status.RECEIVED, Status.DECLINED, Status.CANCELLED},
        Status.RECEIVED: {Status.ACCEPTED, Status.REJECTED},
        Status.DECLINED: set(),
        Status.ACCEPTED: set(),
        Status.REJECTED: set(),
        Status.CANCELLED: set(),
    }
    STATUS_TAG_CLASSES = {
        Status.REQUESTED: "nhsuk-tag--blue",
        Status.RECEIVED: "nhsuk-tag--purple",
        Status.DECLINED: "nhsuk-tag--red",
        Status.ACCEPTED: "nhsuk-tag--green",
        Status.REJECTED: "nhsuk-tag--red",
        Status.CANCELLED: "nhsuk-tag--grey",
    }

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="reference_requests")
    referee = models.ForeignKey("candidates.Referee", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    # Part of every link's signed value: changed once the link is used, so a
    # used link (or any older one) no longer matches.
    token_key = models.CharField(max_length=40, default=new_token_key)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    # Chasing (offers.services.chase_references): chases_claimed counts the
    # chases beat has claimed, emails_sent the e-mails written (the request and
    # each chase); each moves by a conditional UPDATE, so each happens once.
    chases_claimed = models.PositiveSmallIntegerField(default=0)
    emails_sent = models.PositiveSmallIntegerField(default=0)
    overdue_at = models.DateTimeField(null=True, blank=True, help_text=_("When the last chase went unanswered"))
    # The referee's answer.
    responded_at = models.DateTimeField(null=True, blank=True)
    employed_from = models.DateField(_("employed from"), null=True, blank=True)
    employed_to = models.DateField(_("employed until"), null=True, blank=True)
    role = models.CharField(_("job title"), max_length=200, blank=True)
    sickness_absence_days = models.PositiveSmallIntegerField(null=True, blank=True)
    disciplinary = models.BooleanField(null=True, blank=True)
    disciplinary_details = models.TextField(blank=True)
    would_reemploy = models.BooleanField(null=True, blank=True)
    comments = models.TextField(blank=True)
    decline_reason = models.TextField(blank=True)
    # The recruiter's review.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    objects = ReferenceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["offer", "requested_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "referee"], name="refrequest_one_per_referee"),
            models.CheckConstraint(
                condition=Q(employed_to__isnull=True) | Q(employed_from__isnull=True)
                | Q(employed_to__gte=models.F("employed_from")),
                name="refrequest_dates_in_order",
            ),
        ]
        indexes = [
            # The chaser's scan: unanswered requests, oldest first.
            models.Index(
                fields=["requested_at"], condition=Q(status="requested"), name="refrequest_unanswered_idx"
            ),
        ]

    def __str__(self):
        return f"Reference {self.pk} for offer {self.offer_id}"

    @property
    def status_tag_class(self):
        return self.STATUS_TAG_CLASSES[self.Status(self.status)]

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.Status(self.status)]


class CheckKind(models.TextChoices):
    # The NHS Employment Check Standards, in their order.
    IDENTITY = "identity", _("Identity")
    RIGHT_TO_WORK = "right_to_work", _("Right to work")
    REGISTRATION = "registration", _("Professional registration and qualifications")
    EMPLOYMENT_HISTORY = "employment_history", _("Employment history and references")
    WORK_HEALTH = "work_health", _("Work health assessment")
    CRIMINAL_RECORD = "criminal_record", _("Criminal record (DBS) check")


class CheckStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", _("Not required")
    NOT_STARTED = "not_started", _("Not started")
    WAITING_FOR_CANDIDATE = "waiting_for_candidate", _("Waiting for candidate")
    IN_PROGRESS = "in_progress", _("In progress")
    CLEARED = "cleared", _("Cleared")
    FAILED = "failed", _("Failed")


# What the candidate is asked to upload for each check; a check not here
# (references, work health) asks for no document.
DOCUMENTS_ASKED = {
    CheckKind.IDENTITY: _("A passport, photocard driving licence or national identity card."),
    CheckKind.RIGHT_TO_WORK: _(
        "A British or Irish passport, or your visa or biometric residence permit. "
        "If you have a share code, give it instead."
    ),
    CheckKind.REGISTRATION: _("Your professional registration and the certificates of your qualifications."),
    CheckKind.CRIMINAL_RECORD: _("A DBS certificate you already hold, if you are on the update service."),
}


class Check(models.Model):
    """One of an offer's six pre-employment checks."""

    Kind = CheckKind
    Status = CheckStatus
    STATUS_TAG_CLASSES = {
        CheckStatus.NOT_REQUIRED: "nhsuk-tag--grey",
        CheckStatus.NOT_STARTED: "nhsuk-tag--grey",
        CheckStatus.WAITING_FOR_CANDIDATE: "nhsuk-tag--yellow",
        CheckStatus.IN_PROGRESS: "nhsuk-tag--blue",
        CheckStatus.CLEARED: "nhsuk-tag--green",
        CheckStatus.FAILED: "nhsuk-tag--red",
    }

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.NOT_STARTED)
    dbs_level = models.CharField(
        _("DBS check"), max_length=20, choices=DBSLevel.choices, blank=True,
        help_text=_("For the criminal record check: the vacancy's level when the offer was made"),
    )
    share_code = models.CharField(
        max_length=11, blank=True, help_text=_("For the right to work check: the candidate's Home Office share code")
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "kind"], name="check_one_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for offer {self.offer_id}"

    @property
    def status_tag_class(self):
        return self.STATUS_TAG_CLASSES[self.Status(self.status)]

    @property
    def is_required(self):
        return self.status != self.Status.NOT_REQUIRED

    @property
    def documents_asked(self):
        return DOCUMENTS_ASKED.get(self.Kind(self.kind)) if self.is_required else None

    @property
    def order(self):
        return list(self.Kind).index(self.Kind(self.kind))


def document_name(instance, filename):
    # A random name: the candidate's file name is kept in original_name only,
    # never in a path.
    return f"offers/{instance.offer_check.offer_id}/{secrets.token_hex(16)}.{instance.extension}"


class Document(models.Model):
    """A file the candidate uploaded for a check, in the private storage."""

    class ContentType(models.TextChoices):
        PDF = "application/pdf", "PDF"
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"

    EXTENSIONS = {ContentType.PDF: "pdf", ContentType.JPEG: "jpg", ContentType.PNG: "png"}

    offer_check = models.ForeignKey(Check, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(storage=document_storage, upload_to=document_name, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=30, choices=ContentType.choices)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["offer_check", "uploaded_at", "id"]

    def __str__(self):
        return self.original_name

    @property
    def extension(self):
        return self.EXTENSIONS[self.ContentType(self.content_type)]


class CandidateNotice(models.Model):
    """An e-mail to a candidate this app has written: its row is the claim
    (one per application and kind), so a task run twice writes it once."""

    application = models.ForeignKey("candidates.Application", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=50)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="candidatenotice_once_per_kind"),
        ]

    def __str__(self):
        return f"{self.kind} to application {self.application_id}"


def working_days_between(start, end):
    """Whole working days (Monday to Friday) from the date of `start` to the
    date of `end`: a request sent on Friday is 1 working day old on Monday."""
    start, end = timezone.localdate(start), timezone.localdate(end)
    days = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days += 1
    return days
