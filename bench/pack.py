"""pack: shortlisting packs of 50, 200 and 500 applicants, on 1 and 2 real Celery workers.

Seeds one vacancy per size with submitted applications whose sections read like
real ones (2 to 4 jobs with duties, 1 to 4 qualifications, 400 to 1,100 words of
supporting information, from a seeded random generator: the same run after
run). Then, for each size and each number of workers, starts that many
`celery worker` processes (concurrency 1 each) on a queue of the bench's own,
asks for a pack as the web does (shortlisting.services.request_pack, tasks sent
on commit) and waits for the row to say ready. Prints one line each:

- pack: applicants, workers, seconds (from the request to the pack ready),
  pages, pages_per_second, and peak_rss_mb, the highest peak resident memory
  (VmHWM) of any of the workers' pool processes, which do the rendering, or
  of the process one starts for a merge; also
  worker_cpu_seconds (CPU time of the pool processes: beside the seconds, it
  tells a slow pack from a machine busy with other work), merge_seconds
  (the serial tail: front matter, glyphs and merge), tagged (`pdfinfo` says
  "Tagged: yes" and there is a structure tree) and qpdf_check (`qpdf --check`
  finds no errors);
- pack_baseline: the same 50 applicants laid out by WeasyPrint as one
  document in one process (the applications template, tagged as a chunk is,
  no chunks, no front matter, no merge): seconds, pages, pages_per_second,
  peak_rss_mb;
- pack_summary: the ratios the targets are about (for 500 applicants: within
  120 s on 2 workers, every worker under 300 MB, 2 workers at least 1.6 times
  as fast as 1, 500 taking at most 11 times as long as 50), whether every
  pack was tagged and passed qpdf --check, and merge_seconds by size.

BENCH_PACK_SIZES=50,200 measures fewer sizes; BENCH_PACK_TIMEOUT (900) is how
many seconds a pack may take before the bench gives up on it. Every pack and pack_summary line
has a `storage` field: `disk` (MEDIA_ROOT, a temporary folder) always, and
`s3` too when STORAGE_URL names a bucket on an S3-API server (README,
"Configuration"): the same packs made again with every chunk and the PDF
written to and read from the bucket.

The broker is whatever the settings give (REDIS_URL, or the file-system broker
under var/). Figures are wall-clock times on a machine that may be doing other
work: compare runs on a quiet machine.
"""

import datetime
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.database import emit, note

# BENCH_PACK_SIZES=50,200 measures fewer sizes (the smallest is the baseline's).
SIZES = [int(size) for size in os.environ.get("BENCH_PACK_SIZES", "50,200,500").split(",")]
WORKER_COUNTS = [1, 2]
BASELINE_SIZE = min(SIZES)
TIMEOUT = int(os.environ.get("BENCH_PACK_TIMEOUT", 900))
TARGETS = {"seconds_500_two_workers": 120, "peak_rss_mb": 300, "two_worker_speedup": 1.6, "growth_500_over_50": 11}

CRITERIA = [
    ("qualifications", "Registered Nurse (Adult) with current NMC registration", True),
    ("qualifications", "Degree in nursing or equivalent experience", True),
    ("qualifications", "Practice supervisor or assessor qualification", False),
    ("experience", "Post-registration experience on an acute medical or surgical ward", True),
    ("experience", "Experience of coordinating a shift", False),
    ("experience", "Experience of supporting students and new staff", True),
    ("skills_knowledge", "Recognises and escalates the deteriorating patient (NEWS2, sepsis)", True),
    ("skills_knowledge", "Safe administration of medicines, including intravenous drugs", True),
    ("skills_knowledge", "Understands safeguarding adults and children", True),
    ("skills_knowledge", "IT skills for the electronic patient record", True),
    ("personal_qualities", "Compassionate, with patients' dignity at heart", True),
    ("personal_qualities", "Works well in a multidisciplinary team", True),
]
EMPLOYERS = [
    "Worcestershire Royal Hospital", "Alexandra Hospital, Redditch", "Queen Elizabeth Hospital, Woolwich",
    "University Hospital Lewisham", "Birmingham Heartlands Hospital", "Gloucestershire Royal Hospital",
    "Hereford County Hospital", "Kidderminster Treatment Centre", "Bupa Care Homes", "Nuffield Health",
]
JOB_TITLES = [
    "Staff Nurse", "Senior Staff Nurse", "Healthcare Assistant", "Clinical Support Worker", "Nursing Associate",
    "Registered Nurse", "Care Assistant", "Student Nurse (placement)",
]
DUTIES = [
    "Delivered holistic care to a group of up to eight patients with complex needs.",
    "Recognised deterioration early using NEWS2 and escalated to the medical team.",
    "Administered medicines, including intravenous antibiotics and controlled drugs, safely.",
    "Coordinated the shift in the absence of the ward sister, allocating staff to patients' needs.",
    "Supervised and assessed student nurses and supported newly qualified staff through preceptorship.",
    "Planned safe discharges with therapists, social workers and community teams.",
    "Kept accurate, contemporaneous records in the electronic patient record.",
    "Took part in falls and pressure ulcer audits and shared the learning at safety huddles.",
    "Supported patients and families through end of life care with compassion.",
    "Carried out observations, blood glucose monitoring, ECGs and venepuncture.",
]
QUALIFICATIONS = [
    ("BSc (Hons) Adult Nursing", "University of Worcester", "2:1"),
    ("BSc (Hons) Nursing Studies", "University of Birmingham", "First"),
    ("Diploma of Higher Education in Nursing", "University of Greenwich", ""),
    ("Practice Assessor course", "Birmingham City University", "Pass"),
    ("Care Certificate", "Worcestershire Acute Hospitals NHS Trust", ""),
    ("A levels: Biology, Chemistry, Psychology", "Worcester Sixth Form College", "A, B, B"),
    ("Level 3 Diploma in Health and Social Care", "Heart of Worcestershire College", "Distinction"),
]
SUPPORTING_SENTENCES = [
    "I am applying for this post because I want to develop my career in a team that puts patients first.",
    "In my current role I care for patients with a wide range of acute medical conditions.",
    "I recognise deterioration early, act on it and escalate it clearly using SBAR.",
    "I led a small audit of lying and standing blood pressures in patients over 65, and we improved compliance from 40% to 85% in three months.",
    "I regularly coordinate the shift, balancing the needs of patients with the skills of the team on duty.",
    "I enjoy supporting students and new colleagues, and I completed my practice assessor training last year.",
    "I am confident with intravenous medicines and blood transfusion, and I have completed the trust's competencies.",
    "I communicate clearly and kindly with patients and relatives, especially when news is difficult.",
    "I work closely with doctors, therapists, pharmacists and the discharge team to plan safe discharges.",
    "I keep up to date through mandatory training, study days and reading, and my revalidation is current.",
    "I understand my responsibilities for safeguarding adults and children and have made referrals when needed.",
    "I reflect on incidents and feedback, and I have changed my practice as a result.",
    "I am comfortable using the electronic patient record, e-prescribing and the bed management system.",
    "I would bring energy, reliability and a sense of humour to your team.",
    "Your trust's values of kindness, respect and openness match the way I try to work every day.",
    "I am committed to equality, diversity and inclusion, and to treating everyone with dignity.",
]


# Where the packs are stored: local disk always; the bucket STORAGE_URL names too.
STORAGES = ["disk", "s3"] if os.environ.get("STORAGE_URL") else ["disk"]
DISK_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def run():
    from django.conf import settings
    from django.test import override_settings

    with tempfile.TemporaryDirectory(prefix="bench-pack-media-") as media, override_settings(MEDIA_ROOT=media):
        started = time.perf_counter()
        vacancies = seed()
        emit("pack.seed", applicants=sum(SIZES), seconds=round(time.perf_counter() - started, 1), unit="s")

        baseline = measure_baseline(vacancies[BASELINE_SIZE])
        emit(
            "pack_baseline", applicants=BASELINE_SIZE, seconds=baseline["seconds"], pages=baseline["pages"],
            pages_per_second=round(baseline["pages"] / baseline["seconds"], 1), peak_rss_mb=baseline["peak_rss_mb"],
            unit="s",
        )
        for storage in STORAGES:
            disk = {"default": DISK_STORAGE, "private": DISK_STORAGE} if storage == "disk" else {}
            with override_settings(STORAGES={**settings.STORAGES, **disk}):
                results = {}
                for size in SIZES:
                    for workers in WORKER_COUNTS:
                        results[size, workers] = measure_pack(vacancies[size], size, workers, media, storage)
                summarise(results, baseline, storage)


# Seeding ---------------------------------------------------------------------


def seed():
    from django.utils import timezone

    from accounts.models import User
    from candidates.models import (
        Application,
        Employment,
        EmploymentHistory,
        GuaranteedInterview,
        PersonalDetails,
        Qualification,
        SupportingInformation,
    )
    from organisations.models import Organisation, Site
    from vacancies.models import Criterion, Vacancy

    rng = random.Random(20260107)
    organisation = Organisation.objects.create(
        name="Benchmark Hospitals NHS Trust", ods_code="RBN", employer_code="C9999",
        address_line_1="1 Hospital Road", town="Worcester", postcode="WR5 1DD",
    )
    site = Site.objects.create(
        organisation=organisation, name="Benchmark General Hospital", address_line_1="1 Hospital Road",
        town="Worcester", postcode="WR5 1DD",
    )
    now = timezone.now()
    today = timezone.localdate()
    vacancies = {}
    for number, size in enumerate(SIZES, start=1):
        vacancy = Vacancy.objects.create(
            organisation=organisation, reference=f"C9999-25-{number:04d}", title="Staff Nurse, Acute Medicine",
            directorate="Medicine", staff_group="nursing_midwifery", pay_scheme="afc", band="5",
            contract_type="permanent", full_time=True, job_summary="Join our acute medical team.",
            main_duties="Care for acutely unwell adults.", closing_at=now - datetime.timedelta(days=1),
            status=Vacancy.Status.CLOSED, offers_disability_confident=True,
        )
        vacancy.sites.set([site])
        Criterion.objects.bulk_create(
            Criterion(vacancy=vacancy, category=category, text=text, is_essential=essential, order=order,
                      assessed_at_application=True, assessed_at_interview=category != "qualifications")
            for order, (category, text, essential) in enumerate(CRITERIA, start=1)
        )
        users = User.objects.bulk_create(
            User(email=f"bench.{size}.{n}@example.org", full_name=f"Bench Applicant {size}-{n}", password="!")
            for n in range(1, size + 1)
        )
        applications = Application.objects.bulk_create(
            Application(vacancy=vacancy, candidate=user, status=Application.Status.SUBMITTED, anonymous_number=n,
                        submitted_at=now - datetime.timedelta(days=2))
            for n, user in enumerate(users, start=1)
        )
        jobs, qualifications, supporting, details, histories, requests = [], [], [], [], [], []
        for application in applications:
            details.append(PersonalDetails(application=application, first_name="Bench", last_name="Applicant",
                                           email=f"bench.{application.pk}@example.org"))
            histories.append(EmploymentHistory(application=application))
            start = today.replace(day=1)
            for index in range(rng.randint(2, 4)):
                length = datetime.timedelta(days=rng.randint(300, 1500))
                ended = None if index == 0 else start - datetime.timedelta(days=1)
                started = (start if index == 0 else ended) - length
                jobs.append(Employment(
                    application=application, employer=rng.choice(EMPLOYERS), job_title=rng.choice(JOB_TITLES),
                    started_on=started, ended_on=ended, is_current=index == 0,
                    reason_for_leaving="" if index == 0 else "Career progression",
                    duties=" ".join(rng.sample(DUTIES, rng.randint(3, 6))),
                ))
                start = started
            for title, institution, grade in rng.sample(QUALIFICATIONS, rng.randint(1, 4)):
                qualifications.append(Qualification(application=application, title=title, institution=institution,
                                                    grade=grade, year_awarded=rng.randint(2005, 2024)))
            supporting.append(SupportingInformation(application=application, text=supporting_text(rng)))
            requested = rng.random() < 0.1
            requests.append(GuaranteedInterview(
                application=application, requested=requested,
                scheme=GuaranteedInterview.Scheme.DISABILITY_CONFIDENT if requested else "",
            ))
        PersonalDetails.objects.bulk_create(details)
        EmploymentHistory.objects.bulk_create(histories)
        Employment.objects.bulk_create(jobs)
        Qualification.objects.bulk_create(qualifications)
        SupportingInformation.objects.bulk_create(supporting)
        GuaranteedInterview.objects.bulk_create(requests)
        vacancies[size] = vacancy
        note(f"bench: seeded a vacancy with {size} applications")
    return vacancies


def supporting_text(rng):
    """400 to 1,100 words in paragraphs of four to seven sentences."""
    words = rng.randint(400, 1100)
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(rng.choice(SUPPORTING_SENTENCES) for _ in range(rng.randint(4, 7)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


# Measuring -------------------------------------------------------------------


def measure_pack(vacancy, size, worker_count, media, storage):
    from django.db import connections

    from recruitment.celery import app
    from shortlisting import services
    from shortlisting.models import ShortlistPack

    queue = f"bench-pack-{uuid.uuid4().hex[:8]}"
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    workers = [Worker(queue, number, media, storage) for number in range(1, worker_count + 1)]
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.wait_until_ready()
        started = time.perf_counter()
        pack, _ = services.request_pack(vacancy=vacancy, requested_by=None, seed=size)
        peak_kib = 0
        while True:
            peak_kib = max([peak_kib] + [worker.sample() for worker in workers])
            status = ShortlistPack.objects.filter(pk=pack.pk).values_list("status", flat=True).get()
            if status in (ShortlistPack.Status.READY, ShortlistPack.Status.FAILED):
                break
            if time.perf_counter() - started > TIMEOUT:
                raise SystemExit(f"bench: the pack of {size} was not ready after {TIMEOUT} s")
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        peak_kib = max([peak_kib] + [worker.sample() for worker in workers])
        cpu_seconds = sum(worker.cpu_seconds() for worker in workers)
    finally:
        for worker in workers:
            worker.stop()
        app.conf.task_default_queue = previous_queue
        connections.close_all()
    pack.refresh_from_db()
    if pack.status != ShortlistPack.Status.READY:
        raise SystemExit(f"bench: the pack of {size} failed: {pack.error}")
    result = {
        "seconds": round(seconds, 1),
        "pages": pack.page_count,
        "peak_rss_mb": round(peak_kib / 1024),
        # CPU time the pool processes used: with the wall-clock seconds, it
        # tells a slow pack from a busy machine.
        "worker_cpu_seconds": round(cpu_seconds, 1),
        # The part no second worker can help with: front matter and merge.
        "merge_seconds": round((pack.ready_at - pack.merge_started_at).total_seconds(), 1),
        **_checked(pack.file),
    }
    emit("pack", storage=storage, applicants=size, workers=worker_count, chunks=pack.chunks.count(), **result,
         pages_per_second=round(pack.page_count / seconds, 1), unit="s")
    return result


def _checked(file):
    """tagged: `pdfinfo` says "Tagged: yes" and the pack has a structure tree;
    qpdf_check: `qpdf --check` finds no errors or warnings (it exits 0). The
    pack is read by its storage name, into a file here, wherever it is stored."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as copy, file.open("rb") as stored:
        while block := stored.read(1 << 20):
            copy.write(block)
        copy.flush()
        return _checked_path(copy.name)


def _checked_path(path):
    import pikepdf

    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    with pikepdf.open(path) as pdf:
        has_tree = "/StructTreeRoot" in pdf.Root
    check = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    return {
        "tagged": has_tree and any(line.split() == ["Tagged:", "yes"] for line in info.splitlines()),
        "qpdf_check": check.returncode == 0,
    }


def measure_baseline(vacancy):
    """The same applicants as one WeasyPrint document, in a process of its own
    (forked, as Celery's pool processes are) so that its peak memory is its own."""
    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    process = context.Process(target=_baseline_in_child, args=(vacancy.pk, results))
    process.start()
    result = results.get(timeout=TIMEOUT)
    process.join()
    return result


def _baseline_in_child(vacancy_id, results):
    from django.db import connections

    from shortlisting import rendering
    from shortlisting.models import ShortlistPack, ShortlistPackChunk
    from vacancies.models import Vacancy

    connections.close_all()
    vacancy = Vacancy.objects.select_related("organisation").get(pk=vacancy_id)
    ids = list(vacancy.applications.order_by("pk").values_list("pk", flat=True))
    # An unsaved pack and one chunk of every applicant: the template's input,
    # with no chunking, front matter or merge.
    pack = ShortlistPack(vacancy=vacancy, seed=0, chunk_size=len(ids), applicant_count=len(ids))
    chunk = ShortlistPackChunk(pack=pack, index=0, first_position=1, application_ids=ids)
    started = time.perf_counter()
    part = rendering.render_applications(chunk, criteria=rendering.criteria_of(vacancy))
    seconds = time.perf_counter() - started
    results.put({"seconds": round(seconds, 1), "pages": part.page_count, "peak_rss_mb": round(_vm_hwm_kib(os.getpid()) / 1024)})


def summarise(results, baseline, storage):
    largest, smallest = max(SIZES), min(SIZES)
    speedups = {size: round(results[size, 1]["seconds"] / results[size, 2]["seconds"], 2) for size in SIZES}
    emit(
        "pack_summary",
        storage=storage,
        largest=largest,
        seconds_largest_two_workers=results[largest, 2]["seconds"],
        peak_rss_mb=max(result["peak_rss_mb"] for result in results.values()),
        two_worker_speedup=speedups,
        growth_largest_over_smallest={
            workers: round(results[largest, workers]["seconds"] / results[smallest, workers]["seconds"], 1)
            for workers in WORKER_COUNTS
        },
        overhead_one_worker_over_baseline=round(results[smallest, 1]["seconds"] / baseline["seconds"], 2),
        # Every pack tagged (pdfinfo) and clean (qpdf --check); the merge, the serial tail, by size.
        tagged=all(result["tagged"] and result["qpdf_check"] for result in results.values()),
        merge_seconds={size: results[size, 2]["merge_seconds"] for size in SIZES},
        targets=TARGETS,
    )


# Workers ---------------------------------------------------------------------


class Worker:
    """A `celery worker` process with one pool process, on the bench's queue and database."""

    def __init__(self, queue, number, media, storage):
        self.queue = queue
        self.number = number
        self.media = media
        self.storage = storage
        self.log = Path(media) / f"worker-{queue}-{number}.log"
        self.process = None
        self.cpu_ticks = {}

    def start(self):
        from django.conf import settings

        env = {
            **os.environ,  # DATABASE_URL: the bench's database; STORAGE_URL and the rest, the bucket
            "CELERY_QUEUE": self.queue,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PYTHONUNBUFFERED": "1",
        }
        if self.storage == "disk":
            env.pop("STORAGE_URL", None)
        self._log = open(self.log, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "recruitment", "worker", "--loglevel", "INFO",
             "--concurrency", "1", "--queues", self.queue, "--without-gossip", "--without-mingle",
             "--without-heartbeat", "--hostname", f"{self.queue}-{self.number}@%h"],
            cwd=settings.BASE_DIR, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"bench: a worker exited:\n{self.log.read_text()}")
            if "ready." in self.log.read_text(errors="replace"):
                return
            time.sleep(0.2)
        raise SystemExit("bench: a worker did not start")

    def sample(self):
        """Look at the pool processes now: their peak memory (KiB), and their
        CPU time so far, kept per process in case one is replaced. The
        processes a pool process starts (the merge's, shortlisting.tagged_pdf)
        count too, each on its own: the highest peak of any one process."""
        peak = 0
        pool = _children_of(self.process.pid)
        for pid in pool + [child for parent in pool for child in _children_of(parent)]:
            peak = max(peak, _vm_hwm_kib(pid))
            self.cpu_ticks[pid] = max(self.cpu_ticks.get(pid, 0), _cpu_ticks(pid))
        return peak

    def cpu_seconds(self):
        return sum(self.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def _children_of(pid):
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry.name))
    return children


def _cpu_ticks(pid):
    """User and system CPU time a process has used, in clock ticks (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def _vm_hwm_kib(pid):
    """A process's peak resident memory so far, in KiB (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
