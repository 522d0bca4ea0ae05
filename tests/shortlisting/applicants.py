"""Submitted applications with realistic sections, for pack tests.

Deterministic: applicant n always gets the same name, address, jobs,
qualifications and supporting information. Every applicant also has personal
details, referees and equality monitoring, so that tests can show none of it
reaches a pack.
"""

import datetime

from django.utils import timezone

from candidates.models import (
    Application,
    Employment,
    EmploymentHistory,
    EqualityMonitoring,
    GuaranteedInterview,
    PersonalDetails,
    Qualification,
    Referee,
    SupportingInformation,
)
from tests.factories import UserFactory

FIRST_NAMES = ["Amara", "Bethan", "Callum", "Deepa", "Eilidh", "Femi", "Gareth", "Hania", "Ifeoma", "Jakub", "Keziah", "Lowri"]
LAST_NAMES = ["Okonkwo", "Pritchard", "Quigley", "Ramaswamy", "Sutherland", "Thackeray", "Umarova", "Vasquez"]

JOBS = [
    (
        "Staff Nurse",
        "Worcestershire Royal Hospital",
        "Delivering care to up to eight patients on a 28-bed acute medical ward, including people with "
        "sepsis, heart failure and exacerbations of COPD. Coordinating the shift in the ward sister's "
        "absence, escalating deteriorating patients using NEWS2, and supervising student nurses on placement.",
    ),
    (
        "Healthcare Assistant",
        "Alexandra Hospital, Redditch",
        "Personal care, observations and blood glucose monitoring on a care of the elderly ward. "
        "Supporting patients at mealtimes, completing food and fluid charts, and helping with safe discharge.",
    ),
    (
        "Clinical Support Worker",
        "Queen Elizabeth Hospital, Woolwich",
        "Venepuncture and ECGs in the emergency department's ambulatory care unit; restocking, "
        "chaperoning, and welcoming patients and relatives at a stressful time.",
    ),
]

QUALIFICATIONS = [
    ("BSc (Hons) Adult Nursing", "University of Worcester", "2:1"),
    ("Care Certificate", "Worcestershire Acute Hospitals NHS Trust", ""),
    ("A levels: Biology, Psychology, English Literature", "Worcester Sixth Form College", "B, B, C"),
]

SUPPORTING = (
    "I am applying because I want to develop as a registered nurse in a team that puts patients' "
    "safety and dignity first. In my current post I care for patients with complex needs, "
    "recognise deterioration early and escalate it, and keep accurate records in the electronic "
    "patient record.\n\n"
    "I led a small audit of falls on my ward, which found that lying and standing blood pressures "
    "were recorded for fewer than half of patients over 65. With the practice educator I made a "
    "prompt card and taught it at safety huddles; three months later the figure was 85%.\n\n"
    "I mentor student nurses and new healthcare assistants, and I enjoy helping them gain "
    "confidence. I communicate clearly with patients and families, including when news is "
    "difficult, and I work well with doctors, therapists and the discharge team.\n\n"
    "I have completed my mandatory training, including safeguarding adults and children at level 2, "
    "and I keep my revalidation portfolio up to date."
)


def applicant_name(n):
    return FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[n % len(LAST_NAMES)]


def make_applications(vacancy, count, *, start=1, guaranteed_interview_every=3):
    """`count` submitted applications for `vacancy`, anonymous numbers start,
    start + 1, ...; returns them in that order. Every third applicant (by
    default) asks for a guaranteed interview."""
    today = timezone.localdate()
    applications = []
    for n in range(start, start + count):
        first_name, last_name = applicant_name(n)
        candidate = UserFactory(
            full_name=f"{first_name} {last_name}", email=f"{first_name}.{last_name}.{n}@example.org".lower()
        )
        application = Application.objects.create(
            vacancy=vacancy,
            candidate=candidate,
            status=Application.Status.SUBMITTED,
            anonymous_number=n,
            submitted_at=timezone.now(),
        )
        PersonalDetails.objects.create(
            application=application,
            first_name=first_name,
            last_name=last_name,
            email=candidate.email,
            phone=f"07700 9{n:05d}",
            address_line_1=f"{n} Foregate Street",
            town="Worcester",
            postcode="WR1 1DB",
        )
        for index, (job_title, employer, duties) in enumerate(JOBS[: 2 + n % 2]):
            started = today.replace(day=1) - datetime.timedelta(days=365 * (2 * index + 2))
            Employment.objects.create(
                application=application,
                employer=employer,
                job_title=job_title,
                started_on=started,
                ended_on=None if index == 0 else started + datetime.timedelta(days=365 * 2 - 1),
                is_current=index == 0,
                reason_for_leaving="" if index == 0 else "To start my nursing degree",
                duties=duties,
            )
        EmploymentHistory.objects.create(application=application, gaps_explanation="")
        for index, (title, institution, grade) in enumerate(QUALIFICATIONS[: 1 + n % 3]):
            Qualification.objects.create(
                application=application, title=title, institution=institution, grade=grade, year_awarded=2020 - 3 * index
            )
        SupportingInformation.objects.create(application=application, text=SUPPORTING)
        Referee.objects.create(
            application=application,
            name="Rhiannon Refereeson",
            job_title="Ward Manager",
            organisation="Worcestershire Acute Hospitals NHS Trust",
            email=f"referee.{n}@example.org",
            phone="01905 763333",
            relationship="Line manager",
            known_from=today - datetime.timedelta(days=1000),
        )
        requested = guaranteed_interview_every and n % guaranteed_interview_every == 0
        GuaranteedInterview.objects.create(
            application=application,
            requested=bool(requested),
            scheme=GuaranteedInterview.Scheme.DISABILITY_CONFIDENT if requested else "",
            is_disabled=bool(requested),
        )
        EqualityMonitoring.objects.create(
            application=application,
            ethnicity=EqualityMonitoring.Ethnicity.ASIAN_BANGLADESHI,
            religion=EqualityMonitoring.Religion.SIKH,
            sexual_orientation=EqualityMonitoring.SexualOrientation.BISEXUAL,
        )
        applications.append(application)
    return applications


# What must never appear in a pack, whoever the applicants are.
EQUALITY_WORDS = ["Bangladeshi", "Sikh", "Bisexual"]
