from django.core.management.base import BaseCommand

from withness.accounts.models import User
from withness.growth.digest import digest_send
from withness.growth.models import NudgeSettings


class Command(BaseCommand):
    help = "Send today's gentle e-mail digest to everyone who turned it on (run it daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://localhost:8000",
            help="The address of this instance, for links in the e-mail.",
        )

    def handle(self, *args, base_url, **options):
        owners = NudgeSettings.objects.filter(email_digest=True, deleted_at__isnull=True)
        sent = sum(
            digest_send(user=user, base_url=base_url.rstrip("/"))
            for user in User.objects.filter(pk__in=owners.values("owner"), is_active=True)
        )
        self.stdout.write(f"Sent {sent} digest{'s' if sent != 1 else ''}.")
