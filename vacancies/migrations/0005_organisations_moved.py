"""Organisation and Site moved to organisations (its migration 0001 keeps the
tables): the foreign keys point there now, in Django's picture only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_delete_membership"),
        ("organisations", "0001_initial"),
        ("vacancies", "0004_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='vacancy',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='vacancies', to='organisations.organisation'),
                ),
                migrations.AlterField(
                    model_name='referencesequence',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.organisation'),
                ),
                migrations.AlterField(
                    model_name='vacancy',
                    name='restricted_to',
                    field=models.ManyToManyField(blank=True, help_text='For restricted vacancies: the other trusts whose staff may apply', related_name='restricted_vacancies', to='organisations.organisation'),
                ),
                migrations.AlterField(
                    model_name='vacancy',
                    name='sites',
                    field=models.ManyToManyField(related_name='vacancies', to='organisations.site', verbose_name='job locations'),
                ),
                migrations.DeleteModel(
                    name='Site',
                ),
                migrations.DeleteModel(
                    name='Organisation',
                ),
            ],
        ),
    ]
