from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_decision_scans_under_random_names"),
        ("campaigns", "0006_scale_indexes"),
        ("units", "0002_search_trigram"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="award",
            index=models.Index(fields=["-decision", "position"], name="award_newest_decision"),
        ),
    ]
