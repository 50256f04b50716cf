from django.db import migrations

import withness.insights.models


def forget_snapshots(apps, schema_editor):
    # Snapshots are a cache, rebuilt on the next visit: dropping them spares the
    # conversion of every stored document from the database's JSON type to text.
    apps.get_model("insights", "InsightsSnapshot").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forget_snapshots, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="insightssnapshot",
            name="document",
            field=withness.insights.models.DocumentField(),
        ),
    ]
