"""A person's newsletter data on request: export it as JSON, or erase it."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsletter.addresses import normalise_email
from newsletter.services.personal_data import erase_subscriber, subscriber_data


class Command(BaseCommand):
    help = (
        "export EMAIL: print everything the newsletter holds about the address as JSON. "
        "erase EMAIL: delete it all (only a hash stays, so no import adds the address back)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        try:
            email = normalise_email(email)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from error
        if action == "export":
            data = subscriber_data(email)
            if data is None:
                raise CommandError(f"No newsletter data for {email}.")
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        if not erase_subscriber(email):
            raise CommandError(f"No newsletter data for {email}.")
        self.stdout.write(f"Erased the newsletter data of {email}.")
