"""Fixed vocabularies of the ecosystem register.

Stored values are stable English codes (export/import and the API use them); labels are
translated. Service statuses use the HSDS 3.0 `service.status` values verbatim.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    WELLBEING_COUNTY = "wellbeing_county", _("Wellbeing services county")
    EMPLOYMENT_AUTHORITY = "employment_authority", _("Employment authority")
    STATE_AGENCY = "state_agency", _("State agency")
    EDUCATIONAL_INSTITUTE = "educational_institute", _("Educational institute")
    DEVELOPMENT_COMPANY = "development_company", _("Development company")
    NGO = "ngo", _("Non-governmental organisation")
    COMPANY = "company", _("Company")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTNERS = "partners", _("Network partners only")


class ServiceStatus(models.TextChoices):
    """HSDS 3.0 service.status, values identical to the standard's."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


class Obligation(models.TextChoices):
    """Whether law obliges someone to provide the service (PTV: statutory vs. other)."""

    STATUTORY = "statutory", _("Statutory")
    COMPLEMENTARY = "complementary", _("Complementary")


class ServiceClass(models.TextChoices):
    """A coarse service class (in the spirit of PTV service classes) for coverage analysis."""

    EMPLOYMENT = "employment", _("Employment services")
    GUIDANCE = "guidance", _("Guidance and advice")
    COACHING = "coaching", _("Coaching")
    EDUCATION = "education", _("Education and training")
    SUBSIDISED_WORK = "subsidised_work", _("Subsidised work and work trials")
    WORK_ABILITY = "work_ability", _("Work ability and rehabilitation")
    HEALTH = "health", _("Health services")
    MENTAL_HEALTH_SUBSTANCE = "mental_health_substance", _("Mental health and substance abuse")
    SOCIAL = "social", _("Social services")
    INTEGRATION = "integration", _("Integration of immigrants")
    YOUTH = "youth", _("Youth services")
    BUSINESS = "business", _("Business and employer services")
    BENEFITS = "benefits", _("Benefits and financial support")
    LEGAL = "legal", _("Legal aid")
    LEISURE = "leisure", _("Sports, culture and participation")


class Cost(models.TextChoices):
    FREE = "free", _("Free of charge")
    FEE = "fee", _("Fee charged")
    VARIES = "varies", _("Depends on the customer")


class OrganisationRole(models.TextChoices):
    """An organisation's role in a service (PTV: järjestäjä / tuottaja)."""

    RESPONSIBLE = "responsible", _("Responsible (organiser)")
    PRODUCER = "producer", _("Producer")


class ProvisionType(models.TextChoices):
    """How the organisation provides the service (PTV: itse tuotettu / ostopalvelu)."""

    OWN = "own", _("Own production")
    PROCURED = "procured", _("Procured")


class ChannelType(models.TextChoices):
    SERVICE_POINT = "service_point", _("Service point")
    PHONE = "phone", _("Phone service")
    E_SERVICE = "e_service", _("E-service")
    WEB_PAGE = "web_page", _("Web page")


class RelationType(models.TextChoices):
    REFERRAL = "referral", _("Referral")
    JOINT_SERVICE = "joint_service", _("Joint service")
    COOPERATION_AGREEMENT = "cooperation_agreement", _("Cooperation agreement")
    FUNDING = "funding", _("Funding")
    INFORMATION_SHARING = "information_sharing", _("Information sharing")


class Direction(models.TextChoices):
    DIRECTED = "directed", _("Directed (source to target)")
    MUTUAL = "mutual", _("Mutual")
