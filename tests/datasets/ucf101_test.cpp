// SPDX-License-Identifier: Apache-2.0
// vidata::datasets::ucf101 against UCF-101's official split archive: classes, splits, the formats that read them.
#include "datasets_support.hpp"

#include <vidata/datasets/ucf101.hpp>
#include <vidata/formats/ucf101_classind.hpp>
#include <vidata/formats/ucf101_split.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

namespace ucf101_test {

using vidata::datasets::ucf101;
namespace fm = vidata::formats;

// The fixture copy of the archive's ucfTrainTestlist/, which download_annotations.sh flattens into annotations/.
std::filesystem::path archive_file(const std::filesystem::path& fixtures, std::string_view annotations_path) {
    return fixtures / "ucf101/ucfTrainTestlist" / std::string(vidata::test::base_name(annotations_path));
}

TEST_CASE("datasets/ucf101: classInd.txt has num_classes classes, read with the format the descriptor names",
          "[datasets][ucf101][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto& classind = vidata::test::official<ucf101>("annotations/classInd.txt");
    REQUIRE(classind.format == fm::ucf101_classind::name);
    const auto classes = vidata::read_annotations<fm::ucf101_classind>(archive_file(*dir, classind.path));
    CHECK(classes.size() == static_cast<std::size_t>(ucf101::num_classes));
    CHECK(classes.back().index == ucf101::num_classes);
}

TEST_CASE("datasets/ucf101: one train and one test list per split, labels within the classes", "[datasets][ucf101][fixtures]") {
    const auto dir = vidata::test::fixtures();
    if (!dir) return;
    const auto classes = vidata::read_annotations<fm::ucf101_classind>(archive_file(*dir, "classInd.txt"));
    for (std::string_view pattern : {"annotations/trainlist0{}.txt", "annotations/testlist0{}.txt"}) {
        const auto& file = vidata::test::official<ucf101>(pattern);
        REQUIRE(file.format == fm::ucf101_split::name);
        for (int s = 1; s <= ucf101::num_splits; ++s) {
            const auto path = archive_file(*dir, vidata::datasets::fill(file.path, s));
            INFO(path);
            REQUIRE(std::filesystem::exists(path));
            const auto entries = fm::ucf101_split::parse(vidata::test::read_file(path), path.string(), classes);
            std::set<std::string> class_dirs;
            for (const auto& e : entries) class_dirs.insert(std::string(e.class_name()));
            CHECK(class_dirs.size() == static_cast<std::size_t>(ucf101::num_classes));  // every class in every split
            const bool train = pattern.find("train") != std::string_view::npos;
            CHECK(std::all_of(entries.begin(), entries.end(), [&](const auto& e) { return e.label.has_value() == train; }));
        }
        // and no split beyond num_splits
        CHECK_FALSE(std::filesystem::exists(archive_file(*dir, vidata::datasets::fill(file.path, ucf101::num_splits + 1))));
    }
}

}  // namespace ucf101_test
