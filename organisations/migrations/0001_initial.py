"""Organisation and Site (from vacancies) and Membership (from accounts) move
here. Only Django's picture of the models moves: the tables keep their names
and every row (db_table on each model says why), so the database is not
touched, bar the content types, which follow the models so that admin history
and permissions stay attached to them."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import nhsuk.postcodes

MOVED = [("vacancies", "organisation"), ("vacancies", "site"), ("accounts", "membership")]


def move_content_types(apps, schema_editor, *, forwards=True):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old_app, model in MOVED:
        source, target = (old_app, "organisations") if forwards else ("organisations", old_app)
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0003_outgoing_email"),
        ("vacancies", "0004_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
            migrations.CreateModel(
                name='Organisation',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200, unique=True)),
                    ('short_name', models.CharField(blank=True, help_text='For example LGT', max_length=30)),
                    ('ods_code', models.CharField(help_text="The trust's code in the NHS Organisation Data Service", max_length=10, unique=True, verbose_name='ODS code')),
                    ('employer_code', models.CharField(help_text="The prefix of the trust's vacancy references, for example C9365", max_length=6, unique=True, validators=[django.core.validators.RegexValidator('^[A-Z][0-9]{3,5}$')])),
                    ('about', models.TextField(blank=True, verbose_name='about the trust')),
                    ('values', models.TextField(blank=True)),
                    ('address_line_1', models.CharField(max_length=200)),
                    ('address_line_2', models.CharField(blank=True, max_length=200)),
                    ('town', models.CharField(max_length=100)),
                    ('county', models.CharField(blank=True, max_length=100)),
                    ('postcode', models.CharField(max_length=8, validators=[nhsuk.postcodes.UKPostcodeValidator()])),
                    ('website', models.URLField(blank=True)),
                ],
                options={
                    'db_table': 'vacancies_organisation',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='Membership',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('role', models.CharField(choices=[('recruiter', 'HR recruiter'), ('hiring_manager', 'Hiring manager')], max_length=20)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL)),
                    ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='organisations.organisation')),
                ],
                options={
                    'db_table': 'accounts_membership',
                    'constraints': [models.UniqueConstraint(fields=('user', 'organisation'), name='membership_user_organisation_unique')],
                },
            ),
            migrations.CreateModel(
                name='Site',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200)),
                    ('address_line_1', models.CharField(max_length=200)),
                    ('address_line_2', models.CharField(blank=True, max_length=200)),
                    ('town', models.CharField(max_length=100)),
                    ('county', models.CharField(blank=True, max_length=100)),
                    ('postcode', models.CharField(max_length=8, validators=[nhsuk.postcodes.UKPostcodeValidator()])),
                    ('latitude', models.DecimalField(blank=True, decimal_places=6, max_digits=8, null=True)),
                    ('longitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True)),
                    ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sites', to='organisations.organisation')),
                ],
                options={
                    'db_table': 'vacancies_site',
                    'ordering': ['organisation', 'name'],
                    'constraints': [models.UniqueConstraint(fields=('organisation', 'name'), name='site_organisation_name_unique')],
                },
            ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
