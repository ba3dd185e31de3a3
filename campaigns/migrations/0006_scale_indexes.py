from django.conf import settings
from django.db import migrations, models

from tayho_danvan.lib.trigram import TrigramExtension, trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_history_of_ceremonies_and_pledge_items"),
        ("units", "0002_search_trigram"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        TrigramExtension(),
        trigram_index("campaigns_entry", "search_text", "entry_search_trgm"),
        migrations.RemoveIndex(
            model_name="entry",
            name="entry_campaign_state",
        ),
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(fields=["campaign", "state", "evaluation", "kind", "field", "id"], name="entry_campaign_tally"),
        ),
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(
                condition=models.Q(("evaluation", ""), _negated=True),
                fields=["campaign", "-id"],
                name="entry_evaluated_newest",
            ),
        ),
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(fields=["campaign", "-id"], name="entry_campaign_newest"),
        ),
    ]
