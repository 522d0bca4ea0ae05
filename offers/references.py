"""References: requests to the candidate's referees, the referee's signed,
single-use, expiring link, their answer or refusal, the recruiter's review,
and the beat task that chases unanswered requests."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.emails import candidate_name
from candidates.models import Referee

from .models import Offer, ReferenceRequest, working_days_between
from .services import OfferRefused, event

logger = logging.getLogger(__name__)
Status = ReferenceRequest.Status

TOKEN_SALT = "offers.reference-link"


class InvalidLink(Exception):
    """The link is not (or no longer) a valid reference link."""


# Links ---------------------------------------------------------------------------------


def make_token(reference_request):
    """A signed token naming the request and its current token_key, with the
    time it was made: offers.references.request_for_token checks all three."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign_object(
        {"r": reference_request.pk, "k": reference_request.token_key}
    )


def reference_link(reference_request):
    path = reverse("offers:reference_form", kwargs={"reference_id": reference_request.pk})
    return settings.SITE_URL.rstrip("/") + path + "?" + urlencode({"t": make_token(reference_request)})


def request_for_token(reference_id, token):
    """The request the link is for, if the token is genuine, not expired
    (REFERENCE_LINK_DAYS), made for this very request and not used yet
    (its token_key changes when the referee answers or declines)."""
    try:
        value = signing.TimestampSigner(salt=TOKEN_SALT).unsign_object(
            token, max_age=settings.REFERENCE_LINK_DAYS * 24 * 3600
        )
    except signing.BadSignature as error:  # SignatureExpired is one
        raise InvalidLink(str(error)) from None
    if not isinstance(value, dict) or value.get("r") != reference_id:
        raise InvalidLink("Made for another request")
    reference_request = (
        ReferenceRequest.objects.select_related("offer__vacancy__organisation", "offer__application", "referee")
        .filter(pk=reference_id).first()
    )
    if reference_request is None or value.get("k") != reference_request.token_key:
        raise InvalidLink("Used or replaced")
    if reference_request.status != Status.REQUESTED:
        raise InvalidLink("Answered already")
    return reference_request


# Requesting and chasing ----------------------------------------------------------------------


def _send_after_commit(reference_request_id, step):
    from .tasks import send_reference_email  # tasks imports this module

    transaction.on_commit(lambda: send_reference_email.delay(reference_request_id=reference_request_id, step=step))


def request_references(*, offer_id, referee_ids, actor, now=None):
    """Ask the candidate's referees for references: one request each (a
    referee already asked is skipped), an event, and the e-mail to each
    referee sent by a task after commit. Returns the new requests."""
    now = now or timezone.now()
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer_id)
        if offer.status not in (Offer.Status.MADE, Offer.Status.ACCEPTED):
            raise OfferRefused(_("References can be requested only while the offer is conditional."))
        referees = Referee.objects.filter(application_id=offer.application_id, pk__in=referee_ids).exclude(
            pk__in=ReferenceRequest.objects.filter(offer=offer).values("referee_id")
        )
        created = []
        for referee in referees.order_by("pk"):
            reference_request = ReferenceRequest.objects.create(
                offer=offer, referee=referee, requested_by=actor, requested_at=now
            )
            event(offer=offer, actor=actor, now=now, description=f"Reference requested from {referee.name}")
            _send_after_commit(reference_request.pk, 0)
            created.append(reference_request)
    return created


def send_reference_email(*, reference_request, step):
    """Write the e-mail of one step to the referee (0: the request, then each
    chase), once: claim it by moving emails_sent from `step` to step + 1 with
    a conditional UPDATE, in the transaction that writes the e-mail (the queued
    backend's row), and only while the request is unanswered.
    Returns whether this call wrote it."""
    with transaction.atomic():
        claimed = ReferenceRequest.objects.filter(
            pk=reference_request.pk, emails_sent=step, status=Status.REQUESTED
        ).update(emails_sent=step + 1)
        if not claimed:
            logger.info("Reference e-mail %s of request %s already sent or not needed", step, reference_request.pk)
            return False
        offer = reference_request.offer
        context = {
            "referee": reference_request.referee,
            "candidate_name": candidate_name(offer.application),
            "vacancy": offer.vacancy,
            "link": reference_link(reference_request),
            "days": settings.REFERENCE_LINK_DAYS,
            "reminder": step > 0,
        }
        subject = render_to_string("offers/email/reference_request_subject.txt", context).strip()
        body = render_to_string("offers/email/reference_request_body.txt", context)
        html = render_to_string("offers/email/reference_request_body.html", context)
        message = EmailMultiAlternatives(subject, body, None, [reference_request.referee.email])
        message.attach_alternative(html, "text/html")
        message.send()
    return True


def chase_references(*, now=None):
    """Beat: chase each unanswered request REFERENCE_CHASE_DAYS working days
    after it was sent (by default after 3 and after 7), flagging it overdue
    at the last chase.

    Each chase is claimed by a conditional UPDATE of chases_claimed from the
    step before, so two beat runs at the same moment (or a run repeated after
    a lost acknowledgement) chase once per step; the claim, its event and the
    e-mail's task (after commit) go together. Returns how many were chased.
    """
    now = now or timezone.now()
    days = settings.REFERENCE_CHASE_DAYS
    chased = 0
    candidates = ReferenceRequest.objects.unanswered().filter(chases_claimed__lt=len(days)).select_related(
        "referee", "offer"
    )
    for reference_request in candidates.order_by("requested_at", "pk"):
        step = reference_request.chases_claimed
        if working_days_between(reference_request.requested_at, now) < days[step]:
            continue
        last = step + 1 == len(days)
        with transaction.atomic():
            claimed = ReferenceRequest.objects.filter(
                pk=reference_request.pk, status=Status.REQUESTED, chases_claimed=step
            ).update(chases_claimed=F("chases_claimed") + 1, **({"overdue_at": now} if last else {}))
            if not claimed:
                continue
            event(
                offer=reference_request.offer, actor=None, now=now,
                description=(
                    f"Reference from {reference_request.referee.name} chased"
                    + (" and flagged overdue" if last else "")
                ),
            )
            _send_after_commit(reference_request.pk, step + 1)
        chased += 1
    if chased:
        logger.info("Chased %s unanswered reference requests", chased)
    return chased


# The referee's answer and the recruiter's review ----------------------------------------------


def _lock_for_answer(reference_id, token_key):
    reference_request = ReferenceRequest.objects.select_for_update().select_related("offer", "referee").get(
        pk=reference_id
    )
    # Two submissions of one link race here: the second finds the key changed.
    if reference_request.token_key != token_key or reference_request.status != Status.REQUESTED:
        raise InvalidLink("Used meanwhile")
    return reference_request


def submit_reference(*, reference_id, token_key, answers, now=None):
    """The referee answers the reference form; the link is then used up."""
    now = now or timezone.now()
    with transaction.atomic():
        reference_request = _lock_for_answer(reference_id, token_key)
        for field, value in answers.items():
            setattr(reference_request, field, value)
        reference_request.status = Status.RECEIVED
        reference_request.responded_at = now
        reference_request.token_key = ""
        reference_request.save()
        event(offer=reference_request.offer, actor=None, now=now,
              description=f"Reference received from {reference_request.referee.name}")
    return reference_request


def decline_reference(*, reference_id, token_key, reason="", now=None):
    """The referee declines to give a reference; the link is then used up."""
    now = now or timezone.now()
    with transaction.atomic():
        reference_request = _lock_for_answer(reference_id, token_key)
        reference_request.status = Status.DECLINED
        reference_request.decline_reason = reason.strip()
        reference_request.responded_at = now
        reference_request.token_key = ""
        reference_request.save(update_fields=["status", "decline_reason", "responded_at", "token_key"])
        event(offer=reference_request.offer, actor=None, now=now, note=reference_request.decline_reason,
              description=f"{reference_request.referee.name} declined to give a reference")
    return reference_request


def review_reference(*, reference_id, actor, accept, note="", now=None):
    """The recruiter accepts or rejects a reference received, with a note."""
    now = now or timezone.now()
    to_status = Status.ACCEPTED if accept else Status.REJECTED
    with transaction.atomic():
        reference_request = ReferenceRequest.objects.select_for_update().select_related("offer", "referee").get(
            pk=reference_id
        )
        if not reference_request.can_move_to(to_status):
            raise OfferRefused(_("Only a reference received and not yet reviewed can be accepted or rejected."))
        reference_request.status = to_status
        reference_request.reviewed_by = actor
        reference_request.reviewed_at = now
        reference_request.review_note = note.strip()
        reference_request.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        event(offer=reference_request.offer, actor=actor, now=now, note=reference_request.review_note,
              description=f"Reference from {reference_request.referee.name} "
              + ("accepted" if accept else "not accepted"))
    return reference_request
