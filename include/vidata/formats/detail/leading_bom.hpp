// SPDX-License-Identifier: Apache-2.0
// The check of writers whose file starts with a record's text: a leading byte-order mark would not read back.
#pragma once

#include <vidata/core/error.hpp>

#include <string>
#include <string_view>

namespace vidata::formats::detail {

// Readers skip one UTF-8 byte-order mark at the start of a file, so a file whose first record's text begins
// with one (an input that had two) cannot be written so that it reads back the same: refuse it.
inline void refuse_leading_bom(std::string_view first_text, std::string_view format) {
    if (first_text.starts_with("\xEF\xBB\xBF"))
        throw invalid_argument("vidata::formats::" + std::string(format) +
                               "::write: the first record starts with a byte-order mark, which reading would drop");
}

}  // namespace vidata::formats::detail
