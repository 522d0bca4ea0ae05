"""Moving Organisation, Site and Membership into organisations keeps every row.

The database is built at the heads before the move (vacancies 0004, accounts
0003) with a trust, its sites, staff of each role, a vacancy on two sites
restricted to a second trust, applications, scores and a pack, written through
the models as they were then; then migrated to today's heads and read back
through today's models.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from candidates.models import Application
from organisations.models import Membership, Organisation, Site, StaffRole
from shortlisting.models import Score, ShortlistPack
from vacancies.models import Criterion, Vacancy

BEFORE_THE_MOVE = [("organisations", None)]  # unapplies accounts 0004 and vacancies 0005 with it


def migrate(targets):
    """Migrate to the targets; the models as they are in the database then."""
    MigrationExecutor(connection).migrate(targets)
    loader = MigrationExecutor(connection).loader
    return loader.project_state(list(loader.applied_migrations)).apps


def heads():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def seed_before_the_move(apps):
    """Rows written through the historical models, as a database before the move held them."""
    User = apps.get_model("accounts", "User")
    Organisation = apps.get_model("vacancies", "Organisation")
    Site = apps.get_model("vacancies", "Site")
    Membership = apps.get_model("accounts", "Membership")
    Vacancy = apps.get_model("vacancies", "Vacancy")
    Criterion = apps.get_model("vacancies", "Criterion")
    Application = apps.get_model("candidates", "Application")
    Score = apps.get_model("shortlisting", "Score")
    ShortlistPack = apps.get_model("shortlisting", "ShortlistPack")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="vacancies", model="organisation")

    address = {"address_line_1": "Charles Hastings Way", "town": "Worcester", "postcode": "WR5 1DD"}
    trust = Organisation.objects.create(
        name="Worcestershire Acute Hospitals NHS Trust", ods_code="RWP", employer_code="C9365", **address
    )
    other_trust = Organisation.objects.create(
        name="Lewisham and Greenwich NHS Trust", ods_code="RJ2", employer_code="C9279", **address
    )
    royal = Site.objects.create(organisation=trust, name="Worcestershire Royal Hospital", **address)
    alex = Site.objects.create(organisation=trust, name="Alexandra Hospital", **address)
    recruiter = User.objects.create(email="rita@example.org", full_name="Rita Recruiter")
    manager = User.objects.create(email="harry@example.org", full_name="Harry Manager")
    candidate = User.objects.create(email="cara@example.org", full_name="Cara Candidate")
    Membership.objects.create(user=recruiter, organisation=trust, role="recruiter")
    Membership.objects.create(user=manager, organisation=trust, role="hiring_manager")
    vacancy = Vacancy.objects.create(
        organisation=trust,
        reference="C9365-25-0249",
        title="Directorate Manager",
        staff_group="administrative_clerical",
        band="8b",
        contract_type="permanent",
        job_summary="Summary",
        main_duties="Duties",
        closing_at=timezone.now() - datetime.timedelta(days=1),
        status="shortlisting",
        advertising_scope="restricted",
        hiring_manager=manager,
    )
    vacancy.sites.set([royal, alex])
    vacancy.restricted_to.set([other_trust])
    vacancy.panel_members.set([manager])
    criterion = Criterion.objects.create(vacancy=vacancy, category="experience", text="Leading teams", order=1)
    application = Application.objects.create(
        vacancy=vacancy, candidate=candidate, status="submitted", anonymous_number=1, submitted_at=timezone.now()
    )
    Score.objects.create(application=application, criterion=criterion, panel_member=manager, score=3)
    ShortlistPack.objects.create(vacancy=vacancy, requested_by=recruiter, seed=7, chunk_size=25, applicant_count=1)


@pytest.mark.django_db(transaction=True)
def test_moving_the_models_keeps_every_row_and_relation():
    seed_before_the_move(migrate(BEFORE_THE_MOVE))

    migrate(heads())
    ContentType.objects.clear_cache()

    trust = Organisation.objects.get(ods_code="RWP")
    vacancy = Vacancy.objects.get(reference="C9365-25-0249")
    assert vacancy.organisation == trust
    assert sorted(site.name for site in vacancy.sites.all()) == ["Alexandra Hospital", "Worcestershire Royal Hospital"]
    assert [organisation.ods_code for organisation in vacancy.restricted_to.all()] == ["RJ2"]
    assert sorted(Site.objects.filter(organisation=trust).values_list("name", flat=True)) == [
        "Alexandra Hospital",
        "Worcestershire Royal Hospital",
    ]
    roles = {membership.user.email: membership.role for membership in Membership.objects.select_related("user")}
    assert roles == {"rita@example.org": StaffRole.RECRUITER, "harry@example.org": StaffRole.HIRING_MANAGER}
    assert list(Organisation.objects.recruited_by(Membership.objects.get(role="recruiter").user)) == [trust]
    assert Vacancy.objects.for_staff(vacancy.hiring_manager).get() == vacancy
    application = Application.objects.get()
    assert (application.vacancy, application.candidate.email) == (vacancy, "cara@example.org")
    score = Score.objects.get()
    assert (score.application, score.criterion, score.panel_member, score.score) == (
        application,
        Criterion.objects.get(),
        vacancy.hiring_manager,
        3,
    )
    assert ShortlistPack.objects.get().vacancy == vacancy
    # The content type followed the model, so admin history stays attached to it.
    assert ContentType.objects.filter(app_label="organisations", model="organisation").exists()
    assert not ContentType.objects.filter(app_label="vacancies", model="organisation").exists()


@pytest.mark.django_db(transaction=True)
def test_moving_the_models_back_keeps_every_row():
    migrate(heads())
    trust = Organisation.objects.create(
        name="Trust A", ods_code="AAA", employer_code="C1234", address_line_1="1 Road", town="Town", postcode="WR5 1DD"
    )

    apps = migrate(BEFORE_THE_MOVE)

    assert apps.get_model("vacancies", "Organisation").objects.get().name == trust.name
    migrate(heads())
