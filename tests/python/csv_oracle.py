# SPDX-License-Identifier: Apache-2.0
"""The Python csv side of the CSV cross-checks (tests/io/csv_test.cpp).

  csv_oracle.py write OUT.csv OUT.json TERMINATOR
      Python's csv.writer (QUOTE_MINIMAL, the given line terminator: crlf or lf) writes the tricky rows
      below to OUT.csv; OUT.json holds the same rows for the C++ reader to compare against.
  csv_oracle.py check IN.csv IN.json TERMINATOR
      Python's csv.reader reads the file C++ wrote and compares its rows with IN.json; it also checks that
      csv.writer would have written the same bytes. Exits 1 naming every mismatch.
  csv_oracle.py dump IN.csv OUT.json
      Python's csv.reader reads any file (a real dataset's, say) and writes its rows to OUT.json.
"""
import csv
import io
import json
import sys

ROWS = [
    ['label', 'youtube_id', 'time_start', 'time_end', 'split'],
    ['abseiling', '-3B32lodo2M', '59', '69', 'val'],
    ['plain', '', ' ', 'trailing space ', ' leading'],
    ['a,b', 'say "hi"', '"', '""', ','],
    ['line1\nline2', 'crlf\r\ninside', '\n', 'x\n\ny', 'end\n'],
    ['tab\tinside', "'single'", '#hash', 'semi;colon', 'ünïcödé ✓ 多字节'],
    ['"starts', 'ends"', 'mid"dle', 'a""b', ''],
    [''],
    [],
    ['only'],
    ['', ''],
    ['last', 'row'],
]


def terminator(name):
    return {'crlf': '\r\n', 'lf': '\n'}[name]


def write(csv_path, json_path, term):
    with open(csv_path, 'w', newline='', encoding='utf-8') as f:
        csv.writer(f, lineterminator=terminator(term)).writerows(ROWS)
    with open(json_path, 'w', encoding='utf-8') as f:
        json.dump(ROWS, f)
    return 0


def check(csv_path, json_path, term):
    with open(json_path, encoding='utf-8') as f:
        expected = json.load(f)
    with open(csv_path, newline='', encoding='utf-8') as f:
        got = list(csv.reader(f))
    problems = []
    if got != expected:
        for i, (g, e) in enumerate(zip(got, expected)):
            if g != e:
                problems.append('ROWS: row %d: python read %r, expected %r' % (i, g, e))
        if len(got) != len(expected):
            problems.append('ROWS: python read %d rows, expected %d' % (len(got), len(expected)))
    again = io.StringIO(newline='')
    csv.writer(again, lineterminator=terminator(term)).writerows(expected)
    with open(csv_path, newline='', encoding='utf-8') as f:
        written = f.read()
    if again.getvalue() != written:
        problems.append('BYTES: python would write %r\n C++ wrote %r' % (again.getvalue(), written))
    for p in problems:
        print(p)
    return 1 if problems else 0


def dump(csv_path, json_path):
    with open(csv_path, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    with open(json_path, 'w', encoding='utf-8') as f:
        json.dump(rows, f)
    return 0


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'dump':
        sys.exit(dump(sys.argv[2], sys.argv[3]))
    if len(sys.argv) != 5 or sys.argv[1] not in ('write', 'check'):
        print(__doc__)
        sys.exit(2)
    sys.exit((write if sys.argv[1] == 'write' else check)(sys.argv[2], sys.argv[3], sys.argv[4]))
