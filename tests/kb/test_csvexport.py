"""The streamed CSV every download uses: spreadsheet-safe, UTF-8 with a byte-order mark, one row at a time."""

import csv
import io

from kb.csvexport import streaming_csv_response


def read(response) -> tuple[str, list[list[str]]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    return text, list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_a_download_opens_in_a_spreadsheet_as_utf8_with_its_header_first():
    response = streaming_csv_response("cases.csv", ["title", "city"], [["城市大脑", "Hangzhou"], ["Smart Nation", "Singapore"]])
    text, rows = read(response)
    assert text.startswith("\ufefftitle,city\r\n")
    assert rows == [["title", "city"], ["城市大脑", "Hangzhou"], ["Smart Nation", "Singapore"]]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cases.csv"'


def test_cells_a_spreadsheet_would_evaluate_get_a_leading_apostrophe():
    hostile = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "fine = ok", "", None, 2019]
    _, rows = read(streaming_csv_response("x.csv", ["a"] * len(hostile), [hostile]))
    assert rows[1] == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "fine = ok", "", "", "2019"]


def test_commas_quotes_and_newlines_stay_inside_their_cell():
    _, rows = read(streaming_csv_response("x.csv", ["a", "b"], [['He said "yes", then left', "line one\nline two"]]))
    assert rows[1] == ['He said "yes", then left', "line one\nline two"]


def test_rows_are_produced_as_the_response_is_read_not_before():
    produced = []

    def rows():
        for number in range(3):
            produced.append(number)
            yield [number]

    response = streaming_csv_response("x.csv", ["n"], rows())
    assert response.streaming and produced == []
    chunks = iter(response.streaming_content)
    next(chunks)  # the header
    next(chunks)
    assert produced == [0]


def test_a_filename_with_quotes_or_non_ascii_is_still_a_valid_header():
    response = streaming_csv_response('Việt "Nam".csv', ["a"], [])
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
