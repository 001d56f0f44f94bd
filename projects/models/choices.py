"""The catalog's fixed vocabularies, side by side: each a value stored in the database and the label readers see.

Every model exposes its own under the name it always had (CaseStudyPage.Status, Organisation.Kind...).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStudyStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")
    UNKNOWN = "unknown", _("Unknown")


class PartnerRole(models.TextChoices):
    LEAD_AGENCY = "lead_agency", _("Lead agency")
    VENDOR = "vendor", _("Vendor")
    FUNDER = "funder", _("Funder")
    IMPLEMENTER = "implementer", _("Implementer")
    OPERATOR = "operator", _("Operator")
    PARTNER = "partner", _("Partner")


class AgreementKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    FRAMEWORK = "framework", _("Framework")
    MOU = "mou", _("Memorandum of understanding")
    TREATY_FTA = "treaty_fta", _("Treaty or free trade agreement")
    INITIATIVE = "initiative", _("Initiative")
    ACTION_PLAN = "action_plan", _("Action plan")
    DECLARATION = "declaration", _("Declaration")
    CONTRACT = "contract", _("Contract")


class AgreementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SIGNED = "signed", _("Signed")
    ADOPTED = "adopted", _("Adopted")
    IN_FORCE = "in_force", _("In force")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    STATE_OWNED_ENTERPRISE = "state_owned_enterprise", _("State-owned enterprise")
    AGENCY = "agency", _("Government agency")
    INTERNATIONAL_BODY = "international_body", _("International body")
    UNIVERSITY = "university", _("University or research institute")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    OTHER = "other", _("Other")
