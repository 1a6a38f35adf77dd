"""The portal's settings with a per-client API limit that Schemathesis's runs never reach."""

from portal.settings import *  # noqa: F403

KEKO_HSDS_RATE_LIMIT = 100_000
