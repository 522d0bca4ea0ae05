import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("interviews", "0002_after_shortlisting_scoring_outcomes")]

    operations = [
        migrations.AlterField(
            model_name="interviewevent",
            name="vacancy",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="interview_events",
                to="vacancies.vacancy",
            ),
        ),
    ]
