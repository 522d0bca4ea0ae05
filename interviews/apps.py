from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    """Interview rounds, slots and bookings: from a completed shortlist to the
    interview (DESIGN.md: it depends on shortlisting and below; nothing below
    depends on it)."""

    name = "interviews"
    verbose_name = "Interviews"

    def ready(self):
        # The interview pack is made by shortlisting's pack pipeline, which
        # knows it only by this registration (shortlisting.pack_kinds).
        from shortlisting import pack_kinds

        from . import packs

        pack_kinds.register(packs.KIND, packs.InterviewPackContent())

        # A withdrawn candidate's slots are free for others at once.
        from candidates.signals import application_withdrawn

        from . import services

        def free_slots(sender, *, application_id, actor, now, **kwargs):
            services.free_slots_of_withdrawn_application(application_id=application_id, actor=actor, now=now)

        application_withdrawn.connect(free_slots, weak=False, dispatch_uid="interviews.free_slots_of_withdrawn")
