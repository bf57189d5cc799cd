# SPDX-License-Identifier: Apache-2.0
# The independent side of vidata's numpy_argsort test: numpy's own np.argsort, run on rows the C++ test wrote.
#
# usage: metrics_argsort.py DTYPE LENGTHS VALUES OUT [KIND]
#   DTYPE    float32 | float64 | int64, the type of VALUES
#   LENGTHS  raw int64 row lengths
#   VALUES   the rows, concatenated, raw DTYPE
#   OUT      written: np.argsort(row, kind=KIND) of every row, concatenated, raw int64
#   KIND     numpy's sort kind, 'quicksort' (numpy's default) unless given
import sys

import numpy as np


def main():
    dtype, lengths_path, values_path, out_path = sys.argv[1:5]
    kind = sys.argv[5] if len(sys.argv) > 5 else 'quicksort'
    lengths = np.fromfile(lengths_path, dtype=np.int64)
    values = np.fromfile(values_path, dtype=np.dtype(dtype))
    if int(lengths.sum()) != values.size:
        sys.exit(f'{values_path}: {values.size} values, but the lengths add up to {int(lengths.sum())}')
    rows = np.split(values, np.cumsum(lengths)[:-1]) if lengths.size else []
    orders = [np.argsort(row, kind=kind).astype(np.int64) for row in rows]
    out = np.concatenate(orders) if orders else np.empty(0, dtype=np.int64)
    out.tofile(out_path)
    print(np.__version__)


if __name__ == '__main__':
    main()
