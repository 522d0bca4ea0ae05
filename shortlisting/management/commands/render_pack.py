"""manage.py render_pack <reference>: make a vacancy's shortlisting pack from the
command line and print its progress until it is ready."""

import time

from django.core.management.base import BaseCommand, CommandError

from shortlisting import services
from shortlisting.models import ShortlistPack, ShortlistPackChunk
from vacancies.models import Vacancy

Status = ShortlistPack.Status


class Command(BaseCommand):
    help = (
        "Ask for a vacancy's shortlisting pack (or follow the one already being made) and print its progress "
        "until it is ready or has failed. The workers make it; with --in-process this command makes it itself, "
        "for when no worker is running."
    )

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The vacancy's reference, for example C9365-25-0249-2")
        parser.add_argument(
            "--in-process", action="store_true", help="Render the chunks and merge them here, not on the workers."
        )
        parser.add_argument("--no-wait", action="store_true", help="Ask for the pack and stop, without waiting.")
        parser.add_argument(
            "--timeout", type=int, default=1800, help="Give up waiting after this many seconds (default 1800)."
        )
        parser.add_argument("--seed", type=int, help="Fix the applicants' order (for comparing two runs).")

    def handle(self, *args, reference, in_process, no_wait, timeout, seed, **options):
        vacancy = Vacancy.objects.select_related("organisation").filter(reference=reference).first()
        if vacancy is None:
            raise CommandError(f"No vacancy has the reference {reference}.")
        try:
            pack, created = services.request_pack(vacancy=vacancy, requested_by=None, seed=seed)
        except services.NothingToPack as refusal:
            raise CommandError(str(refusal)) from None
        chunk_count = pack.chunks.count()
        self.stdout.write(
            f"{'New pack' if created else 'Following the pack already in progress'}: pack {pack.pk} for "
            f"{vacancy.reference} ({vacancy.title}), {pack.applicant_count} applicants in {chunk_count} chunks "
            f"of up to {pack.chunk_size}."
        )
        if no_wait:
            return

        started = time.monotonic()
        if in_process:
            for chunk in ShortlistPackChunk.objects.filter(pack=pack).select_related("pack__vacancy__organisation"):
                services.render_chunk(chunk=chunk)
                self._report(pack, started)
            services.merge_pack(pack=ShortlistPack.objects.select_related("vacancy__organisation").get(pk=pack.pk))
        last = None
        while True:
            line = self._report(pack, started, unless=last)
            last = line or last
            if pack.status in (Status.READY, Status.FAILED):
                break
            if time.monotonic() - started > timeout:
                raise CommandError(f"Gave up after {timeout} seconds; the pack is still {pack.get_status_display().lower()}.")
            time.sleep(1)

        if pack.status == Status.FAILED:
            raise CommandError(f"The pack failed: {pack.error}")
        self.stdout.write(self.style.SUCCESS(f"Ready: {pack.page_count} pages, {pack.file.name} in the media storage"))

    def _report(self, pack, started, unless=None):
        """Print the pack's progress if it changed since `unless`; the line printed."""
        pack.refresh_from_db()
        ready = ShortlistPackChunk.objects.filter(pack=pack, status=Status.READY).count()
        total = ShortlistPackChunk.objects.filter(pack=pack).count()
        line = f"{pack.get_status_display()}: {pack.progress}% ({ready} of {total} chunks rendered)"
        if line == unless:
            return None
        self.stdout.write(f"[{time.monotonic() - started:6.1f}s] {line}")
        return line
