"""The ecosystem register: actors, services, relations and service paths.

Aligned with Open Referral HSDS 3.0 and the Finnish national service catalogue (PTV):

| KEKO model           | HSDS 3.0                                   | PTV                      |
| -------------------- | ------------------------------------------ | ------------------------ |
| Organisation         | organization                               | organisaatio             |
| Service              | service (+ service_area, cost_option)      | palvelu                  |
| ServiceOrganisation  | service.organization_id (responsible)      | järjestäjä / tuottaja    |
| ServiceChannel       | location + service_at_location, phone, url | asiointikanava           |
| TargetGroup          | attribute + taxonomy_term                  | kohderyhmä               |
| Municipality         | service_area (extent = municipality code)  | kunta                    |
| Relation, ServicePath| (no HSDS counterpart; KEKO's own)          |                          |

Conventions every consumer (graph, API, export/import) can rely on:
- Every record's primary key `id` is a UUID4 chosen at creation and never changed; export and
  import upsert by it. Inline children (ServiceOrganisation, ServiceChannel, ServicePathStep)
  have their own UUIDs too.
- Localised text lives in `<field>_fi`, `<field>_sv`, `<field>_en`; `_fi` is required for names
  and is the fallback (`localized_name`, `portal.kernel.localization.localized`).
- Choice fields store the English codes of `ecosystem.models.choices`.
- Writes through the ORM (save/delete/m2m) bump the analysis data version by signal
  (`ecosystem.register.signals`); bulk writes (bulk_create, update) must call
  `ecosystem.register.versioning.bump_data_version()` themselves.
"""

from ecosystem.models.base import MAX_AGE, UUIDClusterableModel
from ecosystem.models.map_page import EcosystemMapPage
from ecosystem.models.organisations import Organisation
from ecosystem.models.paths import ServicePath, ServicePathStep
from ecosystem.models.places import Municipality, TargetGroup
from ecosystem.models.relations import Relation
from ecosystem.models.services import Service, ServiceChannel, ServiceOrganisation
from ecosystem.models.stewardship import (
    CheckReminder,
    Proposal,
    ProposalKind,
    ProposalStatus,
)

__all__ = [
    "CheckReminder",
    "Proposal",
    "ProposalKind",
    "ProposalStatus",
    "MAX_AGE",
    "EcosystemMapPage",
    "Municipality",
    "Organisation",
    "Relation",
    "Service",
    "ServiceChannel",
    "ServiceOrganisation",
    "ServicePath",
    "ServicePathStep",
    "TargetGroup",
    "UUIDClusterableModel",
]
