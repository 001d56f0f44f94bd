from .base import Confidence, SourcedContent
from .index_pages import AgreementIndexPage, CaseStudyIndexPage, IndexPage, SolutionIndexPage
from .pages import (
    AgreementPage,
    CaseStudyFunding,
    CaseStudyLesson,
    CaseStudyPage,
    CaseStudyPartner,
    EntryPage,
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
    "IndexPage",
    "Organisation",
    "SolutionIndexPage",
    "SolutionPage",
    "SourcedContent",
    "Technology",
    "Theme",
]
