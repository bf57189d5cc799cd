// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::hmdb51 against HMDB51's official testTrainMulti_7030_splits: classes, splits, the split tags.
#include "datasets_support.hpp"

#include <vidata/datasets/hmdb51.hpp>
#include <vidata/formats/hmdb51_split.hpp>
#include <vidata/formats/label_map.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace hmdb51_test {

using vidata::datasets::hmdb51;
namespace fm = vidata::formats;

// The files of `dir` that the descriptor's pattern `annotations/*_test_split<s>.txt` names: the '*' is any class.
std::vector<std::filesystem::path> matching(const std::filesystem::path& dir, std::string_view pattern) {
    const std::string_view base = vidata::test::base_name(pattern);
    REQUIRE(base.starts_with("*"));
    const std::string suffix(base.substr(1));
    std::vector<std::filesystem::path> out;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > suffix.size() && name.ends_with(suffix)) out.push_back(entry.path());
    }
    return out;
}

TEST_CASE("datasets/hmdb51: num_classes split files per split, num_splits splits, tags 0/1/2", "[datasets][hmdb51][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto root = *dir / "hmdb51/testTrainMulti_7030_splits";
    const auto& splits = vidata::test::official<hmdb51>("annotations/*_test_split{}.txt");
    REQUIRE(splits.format == fm::hmdb51_split::name);
    std::set<std::string> classes_of_split_1;
    for (int s = 1; s <= hmdb51::num_splits; ++s) {
        INFO("split " << s);
        const auto files = matching(root, vidata::datasets::fill(splits.path, s));
        CHECK(files.size() == static_cast<std::size_t>(hmdb51::num_classes));
        std::map<int, std::size_t> tags;
        for (const auto& f : files) {
            const auto entries = vidata::read_annotations<fm::hmdb51_split>(f);
            REQUIRE_FALSE(entries.empty());
            if (s == 1) classes_of_split_1.insert(entries.front().class_name);
            for (const auto& e : entries) ++tags[e.tag];
        }
        CHECK(tags.size() == 3);
        CHECK(tags.count(hmdb51::split_tag_train) == 1);
        CHECK(tags.count(hmdb51::split_tag_test) == 1);
        CHECK(tags.count(hmdb51::split_tag_unused) == 1);
        // the 70/30 splits: 70 training and 30 test videos per class
        CHECK(tags[hmdb51::split_tag_train] == 70u * static_cast<std::size_t>(hmdb51::num_classes));
        CHECK(tags[hmdb51::split_tag_test] == 30u * static_cast<std::size_t>(hmdb51::num_classes));
    }
    CHECK(classes_of_split_1.size() == static_cast<std::size_t>(hmdb51::num_classes));
    CHECK(matching(root, vidata::datasets::fill(splits.path, hmdb51::num_splits + 1)).empty());
    // TSN's class_list.txt beside the splits names the same classes
    const auto class_list = vidata::read_annotations<fm::label_map>(root / "class_list.txt");
    std::set<std::string> listed;
    for (const auto& c : class_list) listed.insert(c.name);
    CHECK(listed == classes_of_split_1);
}

}  // namespace hmdb51_test
