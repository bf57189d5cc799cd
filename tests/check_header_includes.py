# SPDX-License-Identifier: Apache-2.0
"""The header self-containment TUs share a precompiled Eigen and nlohmann/json (half of each TU's time), so they
cannot notice a header that uses either library while nothing it includes brings it in. This check does: for each
header whose code (not its comments) names Eigen:: or nlohmann::, the header or a vidata header it includes,
directly or not, must include that library.

Usage: check_header_includes.py INCLUDE_DIR [GENERATED_INCLUDE_DIR]
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
LIBRARIES = {
    "Eigen::": re.compile(r"^Eigen/"),
    "nlohmann::": re.compile(r"^nlohmann/json(_fwd)?\.hpp$"),
}


def main() -> int:
    roots = [pathlib.Path(p) for p in sys.argv[1:]]
    headers = {}
    for root in roots:
        for path in root.rglob("vidata/**/*.hpp"):
            headers[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")

    def closure(name, seen):
        if name in seen or name not in headers:
            return
        seen.add(name)
        for included in INCLUDE.findall(headers[name]):
            closure(included, seen)

    failures = 0
    for name, text in sorted(headers.items()):
        code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
        reach = set()
        closure(name, reach)
        included = {inc for h in reach for inc in INCLUDE.findall(headers[h])}
        for usage, library in LIBRARIES.items():
            if usage in code and not any(library.match(inc) for inc in included):
                print(f"{name}: uses {usage} but neither it nor a vidata header it includes includes that library")
                failures += 1
    print(f"{len(headers)} headers checked, {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
