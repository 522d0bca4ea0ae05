"""Saving searches as alerts, confirming and unsubscribing, and sending them.

An alert row is its own job. send_alert_batch claims a batch of due alerts
(row locks, skipping those another run holds), writes their e-mails
(OutgoingEmail rows) and moves their windows on, in one transaction: two runs
at once send each alert once, and a worker that dies mid-batch rolls the batch
back, so its alerts are still due for the next run."""

import datetime

from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext

from nhsuk.formats import public_url
from vacancies.models import Vacancy
from vacancies.search import Sort, search_vacancies, with_result_fields

from .models import PERIODS, JobAlert

MAX_JOBS_PER_EMAIL = 20
UNCONFIRMED_FOR = datetime.timedelta(days=7)
BATCH_SIZE = 500
_UNSUBSCRIBE_SALT = "alerts.unsubscribe"
_CONFIRM_SALT = "alerts.confirm"


class AlertExists(Exception):
    """The same search is already saved for this person."""


def saved_query(form):
    """The query string an alert keeps: the valid answers of the search form,
    in the form's order, without the page or the sort (an alert lists what is
    new, newest first, or by relevance for keywords)."""
    criteria = form.criteria()
    params = QueryDict(mutable=True)
    for name, value in vars(criteria).items():
        if name == "sort" or not value:
            continue
        if isinstance(value, list):
            params.setlist(name, value)
        elif value is True:
            params[name] = "on"
        else:
            params[name] = value
    return params.urlencode()


def describe_search(form):
    """A name for a search in a person's words: "nurse in Leeds", "all jobs"."""
    criteria = form.criteria()
    if criteria.keywords and criteria.location:
        return (_("%(keywords)s in %(location)s") % {"keywords": criteria.keywords, "location": criteria.location})[:100]
    if criteria.keywords or criteria.location:
        return (criteria.keywords or _("Jobs in %(location)s") % {"location": criteria.location})[:100]
    return _("All jobs")


def create_alert(*, query, frequency, name, user=None, email="", now=None):
    """Save a search as an alert and return it.

    1. A candidate's alert is live at once: their address is verified.
    2. A visitor's waits for confirmation: we e-mail a link, after commit.
    3. The first run looks at vacancies published from now on.
    Raises AlertExists if the person already has this search.
    """
    now = now or timezone.now()
    alert = JobAlert(
        user=user,
        email="" if user else email.strip().lower(),
        query=query,
        name=name,
        frequency=frequency,
        created_at=now,
        confirmed_at=now if user else None,
        last_run_at=now if user else None,
    )
    if user:
        alert.next_run_at = now + alert.period
    try:
        with transaction.atomic():
            alert.save()
            if not user:
                _send_confirmation(alert)
    except IntegrityError as error:
        raise AlertExists(_("You already have an alert for this search.")) from error
    return alert


def _send_confirmation(alert):
    context = {"alert": alert, "confirm_url": public_url(reverse("alerts:alert_confirm", args=[confirm_token(alert)]))}
    subject = render_to_string("alerts/email/confirm_subject.txt", context).strip()
    body = render_to_string("alerts/email/confirm_body.txt", context)
    EmailMultiAlternatives(subject, body, None, [alert.recipient]).send()


def confirm_token(alert):
    return signing.dumps(alert.pk, salt=_CONFIRM_SALT)


def unsubscribe_token(alert):
    return signing.dumps(alert.pk, salt=_UNSUBSCRIBE_SALT)


def alert_for_token(token, *, purpose):
    """The alert a link names, or None if the token was changed, has expired
    (a confirmation link lasts as long as an unconfirmed alert) or its alert
    is gone."""
    salt, max_age = {"confirm": (_CONFIRM_SALT, UNCONFIRMED_FOR), "unsubscribe": (_UNSUBSCRIBE_SALT, None)}[purpose]
    try:
        alert_id = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return JobAlert.objects.select_related("user").filter(pk=alert_id).first()


def token_is_genuine(token):
    """An unsubscribe link we sent, whatever became of its alert."""
    try:
        signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return False
    return True


def confirm_alert(*, alert, now=None):
    """A visitor confirmed their address: the alert goes live, looking at
    vacancies published from now on. Confirming twice changes nothing."""
    now = now or timezone.now()
    JobAlert.objects.filter(pk=alert.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, last_run_at=now, next_run_at=now + alert.period
    )


def change_alert(*, alert, name, frequency):
    """Rename an alert or change how often it sends; a new frequency counts
    from its last run."""
    alert.name, alert.frequency = name, frequency
    fields = ["name", "frequency"]
    if alert.last_run_at:
        alert.next_run_at = alert.last_run_at + alert.period
        fields.append("next_run_at")
    alert.save(update_fields=fields)


def new_vacancies(alert, *, since, until, among=None):
    """The vacancies /jobs/ shows for the alert's search that were first
    published in (since, until], in the page's order (newest first, or by
    relevance for keywords). The same search code as /jobs/: it already keeps
    out internal and restricted vacancies, drafts and closed ones.

    among: the ids of every vacancy published in a window that covers this
    one (new_vacancy_ids), read once for a batch of alerts, so that each
    alert's search looks at a few hundred rows, not every open vacancy."""
    form = alert.search_form()
    criteria = form.criteria()
    criteria.sort = Sort.RELEVANCE if criteria.keywords else Sort.NEWEST
    matches = search_vacancies(criteria, now=until).ordered.filter(published_at__gt=since, published_at__lte=until)
    return matches if among is None else matches.filter(pk__in=among)


def new_vacancy_ids(*, since, until):
    """The ids of the vacancies open to the public and first published in
    (since, until]. Publishing sets published_at once: reopening keeps it."""
    return list(
        Vacancy.objects.visible_to_public()
        .open_for_applications(until)
        .filter(published_at__gt=since, published_at__lte=until)
        .values_list("pk", flat=True)
    )


def due_alert_ids(*, now, after=("", 0), limit=BATCH_SIZE):
    """A batch of due alerts' ids, read in batches, never all at once: in
    order of their search, so that alerts with the same search share a batch
    and the search runs once for them (send_alert_batch). after: the (query,
    id) of the last alert of the previous batch."""
    query, alert_id = after
    rows = list(
        JobAlert.objects.due(now)
        .filter(Q(query__gt=query) | Q(query=query, pk__gt=alert_id))
        .order_by("query", "pk")
        .values_list("query", "pk")[:limit]
    )
    return [pk for _query, pk in rows], (rows[-1] if rows else None)


def send_alert(*, alert_id, now=None):
    """Send one due alert its new vacancies; True if an e-mail was written."""
    return send_alert_batch(alert_ids=[alert_id], now=now) == 1


def send_alert_batch(*, alert_ids, now=None):
    """Send a batch of due alerts their new vacancies; how many e-mails were
    written. Claim, send and mark happen in one transaction:

    1. Claim: lock the batch's live, due alerts, skipping any another run has
       locked (SKIP LOCKED). A run that comes after this one commits finds
       them no longer due; a worker that dies rolls the whole batch back, and
       it stays due for the next beat.
    2. Read the ids of the vacancies published since the earliest of their
       last runs, once for all, and run each distinct search once among them.
    3. For each alert, take the matches published since its own last run, up
       to 20, and if there are any write its e-mail.
    4. Mark: move every claimed alert's window on to now.
    """
    now = now or timezone.now()
    with transaction.atomic():
        alerts = list(
            JobAlert.objects.due(now)
            .filter(pk__in=alert_ids)
            .select_related("user")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("query", "pk")
        )
        if not alerts:
            return 0
        since = min(alert.last_run_at for alert in alerts)
        among = new_vacancy_ids(since=since, until=now)
        matches_of, lines_of, messages = {}, {}, []
        for alert in alerts:
            if alert.query not in matches_of:
                matches_of[alert.query] = _matches(alert, since=since, until=now, among=among)
            found = [vacancy for vacancy in matches_of[alert.query] if vacancy.published_at > alert.last_run_at]
            if found:
                messages.append(
                    _alert_email(alert, found[:MAX_JOBS_PER_EMAIL], more=len(found) > MAX_JOBS_PER_EMAIL, lines_of=lines_of)
                )
        if messages:
            get_connection().send_messages(messages)
        for frequency, period in PERIODS.items():
            JobAlert.objects.filter(pk__in=[alert.pk for alert in alerts if alert.frequency == frequency]).update(
                last_run_at=now, next_run_at=now + period
            )
    return len(messages)


def _matches(alert, *, since, until, among):
    if not among:
        return []  # nothing was published in the batch's window
    return list(with_result_fields(new_vacancies(alert, since=since, until=until, among=among)))


def _vacancy_lines(vacancy):
    """A vacancy as an alert e-mail lists it: title, trust, band and salary,
    closing date, link."""
    pay = f"{vacancy.get_band_display()}: {vacancy.salary_display}" if vacancy.band else vacancy.salary_display
    closing = timezone.localtime(vacancy.closing_at)
    return "\n".join([
        vacancy.title,
        vacancy.organisation.name,
        pay,
        _("Closing date: %(date)s") % {"date": f"{closing.day} {closing:%B %Y}"},
        public_url(reverse("vacancies:vacancy_detail", args=[vacancy.reference])),
    ])


def _alert_email(alert, vacancies, *, more, lines_of):
    """The alert e-mail, written in code rather than a template: at national
    scale it is written a hundred thousand times a run, and each vacancy's
    lines once per batch (lines_of)."""
    unsubscribe_url = public_url(reverse("alerts:alert_unsubscribe", args=[unsubscribe_token(alert)]))
    # A visitor has no account: the unsubscribe page is where they manage it.
    manage_url = public_url(reverse("alerts:alert_list")) if alert.user_id else unsubscribe_url
    query = alert.query
    results_url = public_url(reverse("vacancies:search") + (f"?{query}&sort=newest" if query else "?sort=newest"))
    for vacancy in vacancies:
        if vacancy.pk not in lines_of:
            lines_of[vacancy.pk] = _vacancy_lines(vacancy)
    subject = ngettext(
        "New job for your alert: %(name)s", "New jobs for your alert: %(name)s", len(vacancies)
    ) % {"name": alert.name}
    parts = [_("New jobs for your alert: %(name)s") % {"name": alert.name}]
    parts += [lines_of[vacancy.pk] for vacancy in vacancies]
    if more:
        parts.append(_("There are more new jobs than we can list here."))
    parts += [
        _("See all the jobs for this search:") + "\n" + results_url,
        _("Manage your job alerts:") + "\n" + manage_url,
        _("Unsubscribe from this alert:") + "\n" + unsubscribe_url,
    ]
    headers = {
        # RFC 8058: a mail client may unsubscribe with one POST to this link.
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return EmailMultiAlternatives(subject, "\n\n".join(parts) + "\n", None, [alert.recipient], headers=headers)


def unsubscribe(*, alert):
    """Delete the alert. A second use of the link finds nothing to delete."""
    return JobAlert.objects.filter(pk=alert.pk).delete()[0] == 1


def remove_lapsed_alerts(*, now=None):
    """Delete alerts whose address bounced, and visitors' alerts left
    unconfirmed for 7 days; how many went."""
    now = now or timezone.now()
    bounced = JobAlert.objects.filter(bounced_at__isnull=False).delete()[0]
    unconfirmed = JobAlert.objects.filter(confirmed_at__isnull=True, created_at__lte=now - UNCONFIRMED_FOR).delete()[0]
    return bounced + unconfirmed
