"""Figures that are drawn as pictures: a table of counts (rows by columns) and places on a map.

A picture is never the only copy of its figures: each component renders the same figures as a table or a list (the
accessible and printable truth) and hands them to kb/static/js/pictures.js in a JSON island.
"""

from dataclasses import dataclass, field


@dataclass
class Cell:
    count: int
    url: str = ""


@dataclass
class Row:
    label: str
    cells: list[Cell]
    url: str = ""

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)


@dataclass
class Chart:
    """Counts with a row per category and a column per series, drawn as `kind`: "bar", "heatmap" or "columns"."""

    id: str
    heading: str
    row_header: str
    columns: list[str]
    rows: list[Row]
    kind: str = "bar"
    empty_message: str = ""

    @property
    def data(self) -> dict:
        return {
            "kind": self.kind,
            "columns": self.columns,
            "rows": [
                {"label": row.label, "values": [cell.count for cell in row.cells], "urls": [cell.url for cell in row.cells]} for row in self.rows
            ],
        }

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"


@dataclass
class Place:
    name: str
    url: str
    latitude: float
    longitude: float
    count: int
    note: str = ""


@dataclass
class PlaceMap:
    """Cities on a map of the region, each marker sized by its number of case studies and linking to its profile."""

    id: str
    heading: str
    places: list[Place] = field(default_factory=list)

    @property
    def data(self) -> dict:
        return {"places": [{"name": p.name, "url": p.url, "lat": p.latitude, "lon": p.longitude, "count": p.count} for p in self.places]}

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"


def places_of(cities) -> list[Place]:
    """Places for cities that have coordinates; each city needs a `case_study_count`."""
    return [
        Place(city.name, city.get_absolute_url(), float(city.latitude), float(city.longitude), city.case_study_count)
        for city in cities
        if city.latitude is not None and city.longitude is not None
    ]
