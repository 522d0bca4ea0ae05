from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    """Interview rounds, slots and bookings: from a completed shortlist to the
    interview (DESIGN.md: it depends on shortlisting and below; nothing below
    depends on it)."""

    name = "interviews"
    verbose_name = "Interviews"
