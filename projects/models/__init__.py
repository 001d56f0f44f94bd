from .base import Confidence, SourcedContent
from .pages import (
    AgreementIndexPage,
    AgreementPage,
    CaseStudyFunding,
    CaseStudyIndexPage,
    CaseStudyLesson,
    CaseStudyPage,
    CaseStudyPartner,
    EntryPage,
    SolutionIndexPage,
    SolutionPage,
)
from .snippets import City, Organisation
from .taxonomy import Country, Domain, Technology, Theme

__all__ = [
    "AgreementIndexPage",
    "AgreementPage",
    "CaseStudyFunding",
    "CaseStudyIndexPage",
    "CaseStudyLesson",
    "CaseStudyPage",
    "CaseStudyPartner",
    "City",
    "Confidence",
    "Country",
    "Domain",
    "EntryPage",
    "Organisation",
    "SolutionIndexPage",
    "SolutionPage",
    "SourcedContent",
    "Technology",
    "Theme",
]
