"""The register document: the one shape in which the register is written and read in full.

Every full write of the register goes through the exchange's bulk path (ecosystem.exchange:
read, check, plan, write), the demo's included (ecosystem.demo.loader); single records are
written by the admin through the models. This module names the document's format.

Document shape (format "keko-ecosystem", version 1): top-level lists `municipalities`,
`target_groups`, `organisations`, `services`, `relations`, `service_paths`. Each record has the
model's field names; foreign keys and many-to-many fields hold UUID strings (or null);
services carry their `organisations` (ServiceOrganisation) and `channels` lists and service
paths their `steps`, each child with its own `id`.
"""

DOCUMENT_FORMAT = "keko-ecosystem"
DOCUMENT_VERSION = 1
