"""Search parameters from a query string, validated: the page, the API and the CSV export share this form."""

from django import forms
from django.http import QueryDict

from projects.results import MATCH_ALL, MATCH_ANY

from .query import DEFAULT_PAGE_SIZE, FILTER_FACETS, MAX_PAGE_SIZE, MAX_RESULT_WINDOW, SORTS, SearchQuery

MAX_QUERY_INPUT = 1000  # longer text is refused; up to this, the first MAX_QUERY_LENGTH characters are searched
MAX_VALUES_PER_FACET = 30
MAX_VALUE_LENGTH = 120


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=MAX_QUERY_INPUT, strip=True)
    year_from = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    year_to = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    sort = forms.ChoiceField(required=False, choices=[(sort, sort) for sort in SORTS])
    page = forms.IntegerField(required=False, min_value=1)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)
    # Several countries: entries of any of them, or of all of them (agreements between them). Anything else is ignored.
    country_match = forms.CharField(required=False)

    def __init__(self, data: QueryDict, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.facet_values: dict[str, list[str]] = {}
        for facet in FILTER_FACETS:
            # Repeated parameters (?country=TH&country=VN) and comma-separated lists (?country=TH,VN) both work.
            values = [value.strip() for raw in data.getlist(facet) for value in raw.split(",") if value.strip()]
            self.facet_values[facet] = list(dict.fromkeys(values))

    def clean(self):
        cleaned = super().clean()
        for facet, values in self.facet_values.items():
            if len(values) > MAX_VALUES_PER_FACET:
                self.add_error(None, forms.ValidationError(f"Choose at most {MAX_VALUES_PER_FACET} values of {facet}.", code=facet))
            elif any(len(value) > MAX_VALUE_LENGTH or "\x00" in value for value in values):
                self.add_error(None, forms.ValidationError(f"A {facet} value is too long or contains a null character.", code=facet))
            elif facet == "country":
                self.facet_values[facet] = [value.upper() for value in values]
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_from > year_to:
            self.add_error("year_to", "The end year cannot be before the start year.")
        page, page_size = cleaned.get("page") or 1, cleaned.get("page_size") or DEFAULT_PAGE_SIZE
        if page * page_size > MAX_RESULT_WINDOW:
            last = MAX_RESULT_WINDOW // page_size
            self.add_error("page", f"Only the first {MAX_RESULT_WINDOW} results can be paged through (page {last} at most); narrow the search.")
        return cleaned

    def clean_country_match(self) -> str:
        """As the list pages: 'all' or 'any', else the default, which is 'all' when only agreements are searched."""
        requested = self.cleaned_data.get("country_match")
        return requested if requested in (MATCH_ALL, MATCH_ANY) else self.default_country_match

    @property
    def default_country_match(self) -> str:
        return MATCH_ALL if self.facet_values.get("type") == ["agreement"] else MATCH_ANY

    def first_error(self) -> tuple[str, str | None]:
        """(message, field) of the first problem, for a 400 response."""
        for field, errors in self.errors.items():
            if field == "__all__":
                error = self.errors.as_data()["__all__"][0]
                return errors[0], error.code if error.code in FILTER_FACETS else None
            return f"{field}: {errors[0]}", field
        return "Invalid search parameters.", None

    def link_params(self) -> QueryDict:
        """The parameters this form understood, cleaned, without the page number. Links on the page keep these and
        nothing else: unknown or junk parameters in the address never reach a link, nor cost one a copy."""
        data = self.cleaned_data
        params = QueryDict(mutable=True)
        if data.get("q"):
            params["q"] = data["q"]
        for facet, values in self.facet_values.items():
            if values:
                params.setlist(facet, values)
        for name in ("year_from", "year_to", "sort", "page_size"):
            if data.get(name):
                params[name] = str(data[name])
        if data["country_match"] != self.default_country_match:
            params["country_match"] = data["country_match"]
        return params

    def to_query(self) -> SearchQuery:
        data = self.cleaned_data
        return SearchQuery(
            text=data.get("q") or "",
            filters={facet: values for facet, values in self.facet_values.items() if values},
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            page_size=data.get("page_size") or DEFAULT_PAGE_SIZE,
            country_match=data["country_match"],
        )
