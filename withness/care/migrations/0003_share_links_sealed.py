import hashlib
import json

from django.db import migrations, models

import withness.accounts.encrypted

SHARE_PURPOSE = b"withness share link v1"  # withness.care.services.SHARE_PURPOSE


def seal_open_links(apps, schema_editor):
    """Give every existing link its token's hash and its own sealed copy of the summary.

    Both the token and the summary are still plain here, so no one's key is needed. The
    summaries and tokens themselves are sealed at their owners' next sign-in.
    """
    from withness.accounts import vault

    ShareLink = apps.get_model("care", "ShareLink")
    for link in ShareLink.objects.select_related("summary").iterator():
        link.token_hash = hashlib.sha256(link.token.encode()).hexdigest()
        data = json.dumps(link.summary.snapshot).encode()
        link.sealed_snapshot = vault.seal_with_secret(data, link.token, SHARE_PURPOSE)
        link.save(update_fields=["token_hash", "sealed_snapshot"])


class Migration(migrations.Migration):
    dependencies = [
        ("care", "0002_sealed_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="sharelink",
            name="sealed_snapshot",
            field=models.TextField(blank=True),
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
