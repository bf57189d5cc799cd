// SPDX-License-Identifier: Apache-2.0
// Typed access to the values of a loaded pickle with errors that name the file and the path inside it, shared by the pickle formats and metrics/tube_inputs.hpp.
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/pickle/value.hpp>

#include <cstdint>
#include <string>
#include <utility>

namespace vidata::detail {

/// A parse_error at `path` inside the pickle `source` ("/gttubes/<video>/2"; "/" for the root).
[[nodiscard]] inline parse_error tube_input_error(const std::string& source, std::string path, std::string expected, std::string found) {
    return parse_error(source_location{source, 0, 0, -1, path.empty() ? std::string("/") : std::move(path)}, std::move(expected),
                       std::move(found));
}

/// The same error under the name the pickle formats use.
[[nodiscard]] inline parse_error pickle_error(const std::string& source, std::string path, std::string expected, std::string found) {
    return tube_input_error(source, std::move(path), std::move(expected), std::move(found));
}

/// A name in a pickle: str, or bytes from a Python 2 pickle read without an encoding.
[[nodiscard]] inline std::string pickle_text(const pickle::value& v, const std::string& source, const std::string& path, const char* what) {
    if (v.is_str()) return v.as_str();
    if (v.is_bytes()) return v.as_bytes();
    throw tube_input_error(source, path, what, v.type_name());
}

/// `name` as a str, or as bytes where it is not UTF-8 (a name pickle_text read from bytes), so that it reads back.
[[nodiscard]] inline pickle::value pickle_name(const std::string& name) {
    try {
        return pickle::value(name);
    } catch (const invalid_argument&) {
        return pickle::value::bytes(name);
    }
}

[[nodiscard]] inline std::int64_t pickle_integer(const pickle::value& v, const std::string& source, const std::string& path, const char* what) {
    if (v.is_int() || (v.is_numpy_scalar() && v.as_ndarray().type().kind != 'f')) {
        try {
            return v.as_int();
        } catch (const invalid_argument&) {
            // beyond int64: reported below like any other wrong value
        }
    }
    throw tube_input_error(source, path, what, v.type_name());
}

}  // namespace vidata::detail
