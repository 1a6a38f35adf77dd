"""Fill the register with a synthetic national network for load tests
(see ecosystem.demo.synthetic)."""

from django.core.management.base import BaseCommand, CommandError

from ecosystem.demo.synthetic import generate


class Command(BaseCommand):
    help = (
        "Add a synthetic national ecosystem (45 employment areas, their municipalities and "
        "organisations, N services, M relations) for load tests. Never run it on real data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, default=20000, help="Services (20000).")
        parser.add_argument(
            "--relations", type=int, default=None, help="Relations (five per service)."
        )
        parser.add_argument("--areas", type=int, default=45, help="Employment areas (45).")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (0).")

    def handle(self, *args, services, relations, areas, seed, **options):
        if services < 1 or areas < 1 or (relations is not None and relations < 0):
            raise CommandError("--services and --areas must be positive, --relations not negative.")
        try:
            counts = generate(services=services, relations=relations, areas=areas, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            "Synthetic ecosystem added: "
            + ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts.items())
        )
