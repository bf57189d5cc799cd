// SPDX-License-Identifier: Apache-2.0
// Tests of vidata::record_table: records in, the same records out, whatever mix of members is empty or present.
#include <vidata/core/record_table.hpp>
#include <vidata/core/video_record_table.hpp>

#include "support.hpp"

#include <iterator>
#include <optional>
#include <ranges>
#include <string>
#include <vector>

namespace record_table_test {

struct tagged {
    std::optional<std::vector<std::string>> tags;
    std::string id;
    double start = 0.0;
    bool flag = false;
    std::optional<int> cc;
    std::optional<std::string> label;

    friend bool operator==(const tagged&, const tagged&) = default;
};

}  // namespace record_table_test

template <>
struct vidata::table_columns<record_table_test::tagged> {
    using T = record_table_test::tagged;
    static constexpr std::tuple members{&T::tags, &T::id, &T::start, &T::flag, &T::cc, &T::label};
};

static_assert(std::ranges::random_access_range<vidata::video_record_table>);
static_assert(std::ranges::sized_range<vidata::video_record_table>);
static_assert(std::same_as<std::ranges::range_value_t<vidata::video_record_table>, vidata::video_record>);
static_assert(std::same_as<std::ranges::range_reference_t<vidata::video_record_table>, vidata::video_record>);

TEST_CASE("record_table: video records round-trip, views read members in place", "[core][record_table]") {
    using vidata::video_record;
    std::vector<video_record> records(4);
    records[0].path = "v_ApplyEyeMakeup_g08_c01";
    records[0].total_frames = 121;
    records[0].labels = {0};
    records[1].path = "";  // empty strings and empty label lists are values too
    records[2].path = "a/much/longer/path/than/the/small/string/buffer/holds.mp4";
    records[2].labels = {3, 17, 250};
    records[2].offset = 9;
    records[3].path = "x";
    records[3].labels = {-1};
    records[3].fps = 29.97;  // the first fps, on the last record: the records before it read back without one

    const vidata::video_record_table table(records);
    REQUIRE(table.size() == 4);
    CHECK(table == records);
    CHECK(table.to_vector() == records);
    const std::vector<video_record> converted = table;
    CHECK(converted == records);
    for (std::size_t i = 0; i < records.size(); ++i) {
        CAPTURE(i);
        CHECK(table[i] == records[i]);
        CHECK(table.view<&video_record::path>(i) == records[i].path);
        const auto labels = table.view<&video_record::labels>(i);
        CHECK(std::vector<int>(labels.begin(), labels.end()) == records[i].labels);
        CHECK(table.view<&video_record::total_frames>(i) == records[i].total_frames);
    }
    CHECK(!table.view<&video_record::fps>(0).has_value());
    CHECK(table.view<&video_record::fps>(3) == 29.97);
    CHECK(!table.view<&video_record::duration>(3).has_value());

    // Iteration in both directions and by random access gives the same records.
    std::vector<video_record> backwards;
    for (auto it = table.end(); it != table.begin();) backwards.push_back(*--it);
    CHECK(std::vector<video_record>(backwards.rbegin(), backwards.rend()) == records);
    CHECK(table.begin()[2] == records[2]);
    CHECK(table.end() - table.begin() == 4);
    CHECK(table.front() == records.front());
    CHECK(table.back() == records.back());
    CHECK_THROWS_AS(table.at(4), vidata::invalid_argument);

    // A copy is equal; a change in any member is a difference.
    auto other = records;
    other[2].labels.back() = 251;
    CHECK_FALSE(table == vidata::video_record_table(other));
    CHECK(table == vidata::video_record_table(records));
}

TEST_CASE("record_table: memory is the columns' bytes, counted by hand", "[core][record_table]") {
    using vidata::video_record;
    std::vector<video_record> records(2);
    records[0].path = "abc";  // 3 chars
    records[0].labels = {1};
    records[1].path = "de";  // 2 chars
    records[1].labels = {2, 3};
    const vidata::video_record_table table(records);
    // path: 5 chars + 2 ends × 4; total_frames and offset: 2 × 8 each; labels: 3 ints × 4 + 2 ends × 4; fps and
    // duration: never present, nothing.
    CHECK(table.memory_bytes() == (5 + 8) + 16 + 16 + (12 + 8));
}

TEST_CASE("record_table: optional, vector-of-string and bool members, appended as fields", "[core][record_table]") {
    using record_table_test::tagged;
    std::vector<tagged> records(5);
    records[0].id = "id0";
    records[1].id = "id1";
    records[1].tags = std::vector<std::string>{"dog", "", "a tag long enough to leave the small string buffer"};
    records[1].flag = true;
    records[1].cc = 0;
    records[2].tags = std::vector<std::string>{};
    records[2].label = "";
    records[3].start = -2.5;
    records[3].cc = 1;
    records[3].label = "abseiling";
    records[4].id = "id4";

    const vidata::record_table<tagged> table(records);
    CHECK(table == records);
    REQUIRE(table.view<&tagged::tags>(1).has_value());
    CHECK(table.view<&tagged::tags>(1)->size() == 3);
    CHECK((*table.view<&tagged::tags>(1))[2] == "a tag long enough to leave the small string buffer");
    CHECK(!table.view<&tagged::tags>(0).has_value());
    CHECK(table.view<&tagged::tags>(2)->empty());

    // The parser's form: one field per column, nothing constructed.
    vidata::record_table<tagged> appended;
    const std::vector<std::string_view> tags{"dog", "", "a tag long enough to leave the small string buffer"};
    appended.append(std::nullopt, std::string_view("id0"), 0.0, false, std::nullopt, std::nullopt);
    appended.append(tags, std::string_view("id1"), 0.0, true, 0, std::nullopt);
    appended.append(std::vector<std::string>{}, std::string_view(""), 0.0, false, std::nullopt, std::string_view(""));
    appended.append(std::nullopt, std::string_view(""), -2.5, false, 1, std::string_view("abseiling"));
    appended.append(std::nullopt, std::string_view("id4"), 0.0, false, std::nullopt, std::nullopt);
    CHECK(appended == table);
}
