"""The synonym list: seeded with planners' common abbreviations, extended by editors in the admin."""

from django.db.utils import DatabaseError

DEFAULT_SYNONYMS = [
    "cctv, surveillance camera, security camera",
    "prc, china, people's republic of china",
    "kl, kuala lumpur",
    "hcmc, ho chi minh city, saigon",
    "centre, center",
    "ai, artificial intelligence",
    "iot, internet of things",
    "ioc, intelligent operations centre, intelligent operations center",
    "city brain, urban brain",
    "facial recognition, face recognition",
    "lao pdr, laos",
    "viet nam, vietnam",
    "bri, belt and road, belt and road initiative",
    "mou, memorandum of understanding",
    "ascn, asean smart cities network",
    "sez, special economic zone",
    "fta, free trade agreement",
    "digital twin, virtual city model",
    "e-government, egovernment, digital government",
    "soe, state-owned enterprise, state owned enterprise",
    "5g, fifth generation",
    "covid, covid-19, coronavirus, pandemic",
    "e-commerce, ecommerce, online retail",
    "lrt, light rail",
    "brt, bus rapid transit",
    # Old and variant place names (issue 14): editors add more in the admin.
    "peking, beijing",
    "canton, guangzhou",
    "rangoon, yangon",
    "burma, myanmar",
    "malacca, melaka",
]


def synonym_groups() -> list[list[str]]:
    """The editable list as lists of lower-case terms; the defaults when the table is not there yet."""
    from .models import Synonym

    try:
        return [synonym.term_list for synonym in Synonym.objects.all()]
    except DatabaseError:
        return [[term.strip() for term in line.split(",")] for line in DEFAULT_SYNONYMS]
