// SPDX-License-Identifier: Apache-2.0
// A read-only annotation format is rejected: vidata writes every format it reads (read ∘ write round-trips).
// expect: is not an annotation_format: it has no static write\(std::ostream&, records\)
#include <vidata/core/concepts.hpp>

#include <istream>
#include <string_view>
#include <vector>

struct read_only {
    using record_type = vidata::video_record;
    static constexpr std::string_view name = "read_only";
    static std::vector<vidata::video_record> read(std::istream&, std::string_view) { return {}; }
};

static_assert(vidata::require_annotation_format<read_only>());
