"""Streamed CSV downloads that spreadsheet programs open safely.

A byte-order mark makes Excel read UTF-8 (Chinese and Thai names); cells that a spreadsheet would
evaluate as a formula get a leading apostrophe; rows are written one at a time as the response is
sent, so a 100k-row download never sits in memory (pass querysets with `.iterator()`).
"""

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """The cell's text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file-like object whose write() hands back the line, for csv.writer to produce one line at a time."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    """The byte-order mark and header, then one CSV line per row, every cell neutralised."""
    writer = csv.writer(_Echo())
    yield BYTE_ORDER_MARK + writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row])


def streaming_csv_response(filename: str, header: list[str], rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """A download named `filename`, streamed as the rows are produced."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
