// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::hvu against HVU's tag table and MMAction2's tag map: categories, their sizes, the tag order.
#include "datasets_support.hpp"

#include <vidata/datasets/hvu.hpp>
#include <vidata/formats/hvu_categories.hpp>
#include <vidata/formats/hvu_csv.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <vector>

namespace hvu_test {

using vidata::datasets::hvu;
namespace fm = vidata::formats;

TEST_CASE("datasets/hvu: the tag table has num_classes tags in the six categories, of tag_category_nums each",
          "[datasets][hvu][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    REQUIRE(vidata::test::official<hvu>("annotations/hvu_categories.csv").format == fm::hvu_categories::name);
    const auto table = vidata::read_annotations<fm::hvu_categories>(*dir / "hvu/HVU_Tags_Categories_V1.0.csv");
    CHECK(table.size() == static_cast<std::size_t>(hvu::num_classes));
    std::map<std::string, std::vector<std::string>> by_category;
    for (const auto& r : table) by_category[r.category].push_back(r.tag);
    REQUIRE(by_category.size() == hvu::tag_categories.size());
    for (std::size_t i = 0; i < hvu::tag_categories.size(); ++i) {
        INFO(hvu::tag_categories[i]);
        REQUIRE(by_category.count(std::string(hvu::tag_categories[i])) == 1);
        CHECK(by_category[std::string(hvu::tag_categories[i])].size() == static_cast<std::size_t>(hvu::tag_category_nums[i]));
    }
    CHECK(std::accumulate(hvu::tag_category_nums.begin(), hvu::tag_category_nums.end(), 0) == hvu::num_classes);

    // MMAction2's tag map lists each category's tags sorted by name: a tag's index is its position there.
    const auto map = nlohmann::json::parse(vidata::test::read_file(*dir / "mmaction2_tools_data/hvu/label_map.json"));
    STATIC_REQUIRE(hvu::tag_ids_sorted_by_name);
    for (auto& [category, tags] : by_category) {
        INFO(category);
        std::sort(tags.begin(), tags.end());
        CHECK(map.at(category).get<std::vector<std::string>>() == tags);
    }
}

TEST_CASE("datasets/hvu: the release CSV tags are all in the tag table", "[datasets][hvu][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    std::set<std::string> known;
    for (const auto& r : vidata::read_annotations<fm::hvu_categories>(*dir / "hvu/HVU_Tags_Categories_V1.0.csv")) known.insert(r.tag);
    REQUIRE(vidata::test::official<hvu>("annotations/hvu_val.csv").format == fm::hvu_csv::name);
    const auto rows = vidata::read_annotations<fm::hvu_csv>(*dir / "hvu/HVU_Val_V1.0.head500.csv");
    REQUIRE(rows.size() == 500);
    for (const auto& r : rows) {
        REQUIRE(r.tags);
        for (const auto& t : *r.tags) {
            INFO(r.youtube_id << ": " << t);
            CHECK(known.count(t) == 1);
        }
    }
}

}  // namespace hvu_test
