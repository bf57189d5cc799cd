# SPDX-License-Identifier: Apache-2.0
# pickle_expect.py PKL OUT.json: loads PKL with Python's pickle and writes what vidata must read from
# it (vidata's JSON convention and the type signature). Prints NOT A PLAIN PICKLE, exit 0, for files
# plain pickle.load cannot take as one complete pickle (torch.save files, pickles needing torch).
import json
import pickle
import sys

import pickle_convention as conv


def main():
    with open(sys.argv[1], "rb") as f:
        try:
            obj = pickle.load(f)
        except ModuleNotFoundError as e:
            print("NOT A PLAIN PICKLE:", e)
            return
        if f.read(1):
            print("NOT A PLAIN PICKLE: more data follows the first pickle")
            return
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump({"json": conv.expected(obj), "signature": conv.signature(obj)}, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
