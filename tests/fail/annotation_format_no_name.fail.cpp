// SPDX-License-Identifier: Apache-2.0
// An annotation format without a compile-time name is rejected with a sentence naming `name`.
// expect: is not an annotation_format: it has no static constexpr name
#include <vidata/core/concepts.hpp>

#include <istream>
#include <ostream>
#include <span>
#include <string_view>
#include <vector>

struct unnamed {
    using record_type = vidata::video_record;
    static std::vector<vidata::video_record> read(std::istream&, std::string_view) { return {}; }
    static void write(std::ostream&, std::span<const vidata::video_record>) {}
};

static_assert(vidata::require_annotation_format<unnamed>());
