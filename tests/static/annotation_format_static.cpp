// SPDX-License-Identifier: Apache-2.0
// Compile-time tests of vidata::annotation_format: a model satisfies it; a type missing each requirement does not.
#include <vidata/core/box_record.hpp>
#include <vidata/core/concepts.hpp>
#include <vidata/core/segment.hpp>

#include <istream>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

using vidata::video_record;

struct list_format {
    using record_type = video_record;
    static constexpr std::string_view name = "rawframes";
    static std::vector<video_record> read(std::istream&, std::string_view) { return {}; }
    static void write(std::ostream&, std::span<const video_record>) {}
};

// A char-array name and a range-generic write are fine too.
struct array_named_format {
    using record_type = vidata::box_record;
    static constexpr const char name[] = "ava";
    static std::vector<vidata::box_record> read(std::istream&, std::string_view) { return {}; }
    template <std::ranges::input_range R>
    static void write(std::ostream&, const R&) {}
};

struct no_record_type {
    static constexpr std::string_view name = "x";
    static std::vector<video_record> read(std::istream&, std::string_view) { return {}; }
    static void write(std::ostream&, std::span<const video_record>) {}
};

struct runtime_name {
    using record_type = video_record;
    static inline std::string name = "x";  // not a constant expression
    static std::vector<video_record> read(std::istream&, std::string_view) { return {}; }
    static void write(std::ostream&, std::span<const video_record>) {}
};

struct reads_other_records {
    using record_type = video_record;
    static constexpr std::string_view name = "x";
    static std::vector<vidata::segment> read(std::istream&, std::string_view) { return {}; }
    static void write(std::ostream&, std::span<const video_record>) {}
};

struct no_write {
    using record_type = video_record;
    static constexpr std::string_view name = "x";
    static std::vector<video_record> read(std::istream&, std::string_view) { return {}; }
};

struct member_read {  // read must be static: a format has no state
    using record_type = video_record;
    static constexpr std::string_view name = "x";
    std::vector<video_record> read(std::istream&, std::string_view) { return {}; }
    static void write(std::ostream&, std::span<const video_record>) {}
};

static_assert(vidata::annotation_format<list_format>);
static_assert(vidata::annotation_format<array_named_format>);
static_assert(vidata::require_annotation_format<list_format>());

static_assert(!vidata::annotation_format<no_record_type>);
static_assert(!vidata::detail::format_has_record_type<no_record_type>);

static_assert(!vidata::annotation_format<runtime_name>);
static_assert(!vidata::detail::format_has_name<runtime_name> && vidata::detail::format_reads<runtime_name>);

static_assert(!vidata::annotation_format<reads_other_records>);
static_assert(!vidata::detail::format_reads<reads_other_records> && vidata::detail::format_writes<reads_other_records>);

static_assert(!vidata::annotation_format<no_write>);
static_assert(!vidata::detail::format_writes<no_write> && vidata::detail::format_reads<no_write>);

static_assert(!vidata::annotation_format<member_read>);
static_assert(!vidata::detail::format_reads<member_read>);

}  // namespace
