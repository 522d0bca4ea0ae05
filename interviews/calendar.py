"""The calendar entry (.ics, RFC 5545) sent with every booking e-mail, written
by the icalendar package. Its UID is the booking's, and SEQUENCE counts the
booking's changes, so a calendar updates one entry when the booking moves and
removes it when the booking is cancelled."""

from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText


def booking_calendar(booking, *, cancelled=False):
    """The bytes of a one-event calendar for this booking (METHOD:REQUEST, or
    METHOD:CANCEL once cancelled)."""
    slot = booking.slot
    vacancy = slot.round.vacancy
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Interviews//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", booking.calendar_uid())
    event.add("sequence", booking.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    event.add("summary", f"Interview: {vacancy.title} ({vacancy.organisation.name})")
    event.add("location", vText(slot.place_text()))
    event.add("description", f"Vacancy reference {vacancy.reference}. Application reference {booking.application.reference}.")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if slot.video_link:
        event.add("url", slot.video_link)
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["cn"] = vText(vacancy.organisation.name)
    event["organizer"] = organizer
    calendar.add_component(event)
    return calendar.to_ical()
