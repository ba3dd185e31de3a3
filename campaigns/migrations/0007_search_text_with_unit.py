from django.db import migrations

# The entries' folded search text gains their unit's (campaigns.models.entry.search_text_of): one
# statement, portable to SQLite and PostgreSQL, run once over existing rows.
FORWARDS = """
UPDATE campaigns_entry SET search_text = TRIM(search_text || ' ' || COALESCE(
    (SELECT units_unit.search_text FROM units_unit WHERE units_unit.id = campaigns_entry.unit_id), ''))
"""


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0006_scale_indexes")]

    operations = [migrations.RunSQL(FORWARDS, migrations.RunSQL.noop, elidable=False)]
