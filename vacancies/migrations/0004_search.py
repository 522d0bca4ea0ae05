"""The public search: stored keyword-search documents, and indexes for its orders.

On PostgreSQL, Vacancy.search_vector and Vacancy.title_vector are tsvectors kept
by triggers rather than by Django, so that every way a row is written (save,
bulk_create, queryset.update, a data migration, psql) keeps them right, and so
that the trust's name, which lives in another table, can be part of them:

- vacancies_vacancy_search_vectors_update recomputes both before a vacancy is
  inserted, or updated in one of the columns they are made of;
- vacancies_organisation_name_update touches a trust's vacancies when the trust
  is renamed, which fires the first trigger for each of them.

vacancy_search_vector_gin is the GIN index the keyword search (`@@`) uses.
search_vector is kept in the row (STORAGE MAIN) rather than moved to the TOAST
table: the search tests it on every row it walks, and a TOAST fetch per row
costs more than the wider row.

On SQLite the columns exist but stay empty; vacancies/search.py searches with
icontains there instead.
"""

from decimal import Decimal

import django.contrib.postgres.search
import django.db.models.expressions
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models

# 'english' stems words ("nurses" and "nursing" find "nurse") and drops stop
# words. The query must use the same configuration (vacancies/search.py).
CREATE_SQL = """
CREATE FUNCTION vacancies_vacancy_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    trust_name text := (SELECT name FROM vacancies_organisation WHERE id = NEW.organisation_id);
BEGIN
    NEW.title_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '') || ' ' || coalesce(NEW.reference, '')), 'A')
        || setweight(to_tsvector('english', coalesce(trust_name, '') || ' ' || coalesce(NEW.directorate, '')), 'B');
    NEW.search_vector :=
        NEW.title_vector
        || setweight(to_tsvector('english', coalesce(NEW.job_summary, '')), 'C')
        || setweight(to_tsvector('english', coalesce(NEW.main_duties, '')), 'D');
    RETURN NEW;
END
$$;

CREATE TRIGGER vacancies_vacancy_search_vectors_update
    BEFORE INSERT OR UPDATE OF title, reference, organisation_id, directorate, job_summary, main_duties
    ON vacancies_vacancy
    FOR EACH ROW EXECUTE FUNCTION vacancies_vacancy_search_vectors();

CREATE FUNCTION vacancies_organisation_name_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Naming a column in SET fires the vacancy trigger, which reads the new name.
    UPDATE vacancies_vacancy SET title = title WHERE organisation_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER vacancies_organisation_name_update
    AFTER UPDATE OF name ON vacancies_organisation
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION vacancies_organisation_name_changed();

ALTER TABLE vacancies_vacancy ALTER COLUMN search_vector SET STORAGE MAIN;

-- Fill them for the vacancies there already are.
UPDATE vacancies_vacancy SET title = title;

-- The keyword search on /jobs/: search_vector @@ websearch_to_tsquery(...).
CREATE INDEX vacancy_search_vector_gin ON vacancies_vacancy USING gin (search_vector);
"""

DROP_SQL = """
DROP INDEX IF EXISTS vacancy_search_vector_gin;
DROP TRIGGER IF EXISTS vacancies_organisation_name_update ON vacancies_organisation;
DROP FUNCTION IF EXISTS vacancies_organisation_name_changed();
DROP TRIGGER IF EXISTS vacancies_vacancy_search_vectors_update ON vacancies_vacancy;
DROP FUNCTION IF EXISTS vacancies_vacancy_search_vectors();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("vacancies", "0003_staff_roles_scope_approval_references"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='vacancy',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='vacancy',
            name='title_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name='vacancy',
            index=models.Index(condition=models.Q(('advertising_scope', 'external'), ('status', 'published')), fields=['-date_posted', '-published_at', '-id'], name='vacancy_public_newest_idx'),
        ),
        migrations.AddIndex(
            model_name='vacancy',
            index=models.Index(models.OrderBy(django.db.models.functions.comparison.Coalesce(models.Case(models.When(salary_period='hour', then=django.db.models.expressions.CombinedExpression(models.F('salary_from'), '*', models.Value(Decimal('1955.36')))), default=models.F('salary_from')), models.Value(Decimal('0')), output_field=models.DecimalField(decimal_places=2, max_digits=12)), descending=True), models.F('closing_at'), models.F('id'), condition=models.Q(('advertising_scope', 'external'), ('status', 'published')), name='vacancy_public_salary_idx'),
        ),
        migrations.AddIndex(
            model_name='vacancy',
            index=models.Index(condition=models.Q(('advertising_scope', 'external'), ('status', 'published')), fields=['band'], name='vacancy_public_band_idx'),
        ),
        migrations.RunPython(on_postgresql(CREATE_SQL), on_postgresql(DROP_SQL), elidable=False),
    ]
