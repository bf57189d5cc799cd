// SPDX-License-Identifier: Apache-2.0
// Writing JSON text as Python's json.dump does by default (", " and ": " separators, ASCII with \u escapes, float repr).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/pickle/repr.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <string_view>

namespace vidata::formats::detail {

// A str as json.dumps(ensure_ascii=True) writes it. Invalid UTF-8 is an invalid_argument: Python could not
// have held it in a str either.
inline void append_python_json_string(std::string& out, std::string_view s) {
    try {
        out += nlohmann::json(s).dump(-1, ' ', true);
    } catch (const nlohmann::json::exception&) {
        throw invalid_argument("vidata: cannot write '" + std::string(s) + "' as JSON: it is not valid UTF-8");
    }
}

// A float as json.dumps writes it: its repr ("82.73", "1.0"). NaN and infinities have no JSON spelling
// (Python would write the non-standard NaN/Infinity): an invalid_argument.
inline void append_python_json_float(std::string& out, double v) {
    if (!std::isfinite(v)) throw invalid_argument("vidata: cannot write a NaN or an infinity as JSON");
    out += pickle::float_repr(v);
}

}  // namespace vidata::formats::detail
