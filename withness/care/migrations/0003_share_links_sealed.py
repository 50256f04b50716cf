from django.db import migrations, models

import withness.accounts.encrypted


def seal_open_links(apps, schema_editor):
    """Give every existing link its token's hash and its own sealed copy of the summary.

    Both the token and the summary are still plain here, so no one's key is needed. The
    summaries and tokens themselves are sealed at their owners' next sign-in.
    """
    from withness.care.services import seal_for_link, token_hash

    ShareLink = apps.get_model("care", "ShareLink")
    for link in ShareLink.objects.select_related("summary").iterator():
        link.token_hash = token_hash(link.token)
        link.sealed_snapshot = seal_for_link(link.summary.snapshot, link.token)
        link.save(update_fields=["token_hash", "sealed_snapshot"])


class Migration(migrations.Migration):
    dependencies = [
        ("care", "0002_sealed_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="sharelink",
            name="sealed_snapshot",
            field=models.JSONField(default=dict),
        ),
        migrations.AddField(
            model_name="sharelink",
            name="token_hash",
            field=models.CharField(max_length=64, null=True),
        ),
        migrations.RunPython(seal_open_links, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="sharelink",
            name="token_hash",
            field=models.CharField(max_length=64, unique=True),
        ),
        migrations.AlterField(
            model_name="sharelink",
            name="token",
            field=withness.accounts.encrypted.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="therapistsummary",
            name="snapshot",
            field=withness.accounts.encrypted.EncryptedJSONField(default=dict),
        ),
    ]
