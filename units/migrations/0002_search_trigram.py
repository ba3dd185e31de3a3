from django.db import migrations

from tayho_danvan.lib.trigram import TrigramExtension, trigram_index


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]

    operations = [
        TrigramExtension(),
        trigram_index("units_unit", "search_text", "unit_search_trgm"),
    ]
