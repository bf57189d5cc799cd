// SPDX-License-Identifier: Apache-2.0
// vidata::layouts::parse_splits: each dataset's official split files read into (key, labels) entries, by
// MMAction2's rules (tools/data/parse_file_list.py).
#pragma once

#include <vidata/core/error.hpp>
#include <vidata/io/read_file.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vidata::layouts {

/// One video of a split list: the key the frame or video tree is searched for (`class/video` at level 2),
/// its labels (one, or several for MMIT) and whether the list is multi-label (its lines end "labels..." even
/// with one label). An unlabelled test video has the label -1, as Kinetics' test list in MMAction2.
struct split_entry {
    std::string key;
    std::vector<int> labels;
    bool multi_label = false;

    friend bool operator==(const split_entry&, const split_entry&) = default;
};

/// One split of a dataset: its train, val and (where the dataset has one) test videos, in file order.
struct dataset_split {
    std::vector<split_entry> train;
    std::vector<split_entry> val;
    std::vector<split_entry> test;
};

/// The datasets build_file_list knows, and how many numbered splits each has (3 for UCF-101 and HMDB51, 1 otherwise).
[[nodiscard]] inline const std::vector<std::string>& build_file_list_datasets() {
    static const std::vector<std::string> names{"ucf101", "kinetics400", "kinetics600", "kinetics700", "sthv1", "sthv2",
                                                "mit",    "mmit",        "hmdb51",      "jester",      "diving48"};
    return names;
}
[[nodiscard]] inline int split_count(std::string_view dataset) { return dataset == "ucf101" || dataset == "hmdb51" ? 3 : 1; }

namespace detail {

/// Where in a file a problem is: the file, and the 1-based line when there is one.
[[nodiscard]] inline source_location at(const std::filesystem::path& file, std::size_t line = 0) {
    source_location where;
    where.file = file.string();
    where.line = line;
    return where;
}

/// The lines of a text file as Python's text mode yields them: "\r\n" and "\r" read as "\n"; no final empty line.
[[nodiscard]] inline std::vector<std::string> text_lines(const std::filesystem::path& path) {
    const std::string text = read_file(path);
    std::vector<std::string> lines;
    std::string current;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            lines.push_back(std::move(current));
            current.clear();
        } else current += c;
    }
    if (!current.empty()) lines.push_back(std::move(current));
    return lines;
}

/// Python's str.strip() for ASCII whitespace.
[[nodiscard]] inline std::string_view strip(std::string_view s) {
    constexpr std::string_view ws = " \t\n\r\f\v";
    const auto b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

/// Python's str.split() (runs of whitespace).
[[nodiscard]] inline std::vector<std::string> split_whitespace(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::string_view(" \t\n\r\f\v").find(s[i]) != std::string_view::npos) ++i;
        const std::size_t b = i;
        while (i < s.size() && std::string_view(" \t\n\r\f\v").find(s[i]) == std::string_view::npos) ++i;
        if (i > b) out.emplace_back(s.substr(b, i - b));
    }
    return out;
}

/// Python's str.split(sep) for one character.
[[nodiscard]] inline std::vector<std::string> split_on(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t b = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == sep) {
            out.emplace_back(s.substr(b, i - b));
            b = i + 1;
        }
    return out;
}

/// One row as Python's csv.reader (excel dialect) reads a line: commas split, a quoted field may hold commas
/// and doubled quotes. A blank line is an empty row.
[[nodiscard]] inline std::vector<std::string> csv_row(std::string_view line) {
    std::vector<std::string> out;
    if (line.empty()) return out;
    std::string field;
    bool quoted = false, at_start = true;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"' && at_start) {
            quoted = true;
            at_start = false;
        } else if (c == ',') {
            out.push_back(std::move(field));
            field.clear();
            at_start = true;
        } else {
            field += c;
            at_start = false;
        }
    }
    out.push_back(std::move(field));
    return out;
}

/// os.path.basename / dirname / splitext (POSIX).
[[nodiscard]] inline std::string basename(std::string_view p) {
    const auto s = p.rfind('/');
    return std::string(s == std::string_view::npos ? p : p.substr(s + 1));
}
[[nodiscard]] inline std::string dirname(std::string_view p) {
    const auto s = p.rfind('/');
    if (s == std::string_view::npos) return {};
    std::string_view head = p.substr(0, s + 1);
    // dirname strips the trailing slashes, unless the head is all slashes.
    while (head.size() > 1 && head.back() == '/') head.remove_suffix(1);
    if (head == "/") return "/";
    return std::string(head);
}
[[nodiscard]] inline std::string strip_extension(std::string_view p) {
    const auto slash = p.rfind('/');
    const std::size_t base = slash == std::string_view::npos ? 0 : slash + 1;
    const auto dot = p.rfind('.');
    if (dot == std::string_view::npos || dot < base) return std::string(p);
    // Leading dots of the base name do not start an extension (".hidden" has none).
    std::size_t first = base;
    while (first < p.size() && p[first] == '.') ++first;
    if (dot < first) return std::string(p);
    return std::string(p.substr(0, dot));
}
/// The level's key of a path: its base name at level 1, `parent/base` at level 2 (os.path.join drops an empty parent).
[[nodiscard]] inline std::string key_at_level(std::string_view video, int level) {
    if (level == 1) return basename(video);
    const std::string parent = basename(dirname(video));
    return parent.empty() ? basename(video) : parent + "/" + basename(video);
}

[[nodiscard]] inline parse_error lookup_error(const std::filesystem::path& file, std::size_t line, const std::string& what,
                                              const std::string& found) {
    return parse_error(at(file, line), what, found);
}

/// `int(float(s))`: a decimal time truncated toward zero.
[[nodiscard]] inline std::int64_t truncated_seconds(const std::string& s, const std::filesystem::path& file, std::size_t line) {
    const std::string t(strip(s));
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v) || std::fabs(v) > 9e15)
        throw parse_error(at(file, line), "a time in seconds", s);
    return static_cast<std::int64_t>(v);
}

[[nodiscard]] inline std::string six_digits(std::int64_t v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%06lld", static_cast<long long>(v));
    return buffer;
}

/// UCF-101's classInd.txt (or the one MMAction2 generates for HMDB51): `index name` -> name: index - 1.
[[nodiscard]] inline std::map<std::string, int> read_class_index(const std::filesystem::path& file) {
    std::map<std::string, int> out;
    std::size_t n = 0;
    for (const std::string& line : text_lines(file)) {
        ++n;
        const auto items = split_whitespace(line);
        if (items.empty()) continue;
        if (items.size() < 2) throw parse_error(at(file, n), "'index name'", line);
        char* end = nullptr;
        const long index = std::strtol(items[0].c_str(), &end, 10);
        if (end != items[0].c_str() + items[0].size()) throw parse_error(at(file, n), "an integer class index", items[0]);
        out.insert_or_assign(items[1], static_cast<int>(index) - 1);
    }
    return out;
}

/// A list of labels in file order, one per line (Jester's and Something-Something V1's labels files): name -> line index.
[[nodiscard]] inline std::map<std::string, int> read_label_lines(const std::filesystem::path& file) {
    std::map<std::string, int> out;
    int index = 0;
    for (const std::string& line : text_lines(file)) out.insert_or_assign(std::string(strip(line)), index++);
    return out;
}

[[nodiscard]] inline int find_label(const std::map<std::string, int>& mapping, const std::string& name, const std::filesystem::path& file,
                                    std::size_t line, const std::string& where_from) {
    const auto it = mapping.find(name);
    if (it == mapping.end()) throw parse_error(at(file, line), "a class listed in " + where_from, name);
    return it->second;
}

/// UCF-101 and HMDB51 lists: `Class/video.avi [label]` per line; the class comes from the directory part.
/// Difference from MMAction2: at level 1 the label is the class's id too (MMAction2's UCF-101 rule sets it to the
/// path string, a bug that writes the path as the label).
[[nodiscard]] inline std::vector<split_entry> read_class_path_list(const std::filesystem::path& file, const std::map<std::string, int>& classes,
                                                                   const std::filesystem::path& class_file, int level) {
    std::vector<split_entry> out;
    std::size_t n = 0;
    for (const std::string& line : text_lines(file)) {
        ++n;
        const auto items = split_whitespace(line);
        if (items.empty()) continue;
        const std::string video = strip_extension(items[0]);
        out.push_back({key_at_level(video, level), {find_label(classes, dirname(items[0]), file, n, class_file.string())}, false});
    }
    return out;
}

/// Jester / Something-Something V1: `id;label` per line, `id` alone in the test file.
[[nodiscard]] inline std::vector<split_entry> read_semicolon_list(const std::filesystem::path& file, const std::map<std::string, int>* classes,
                                                                  const std::filesystem::path& class_file, int level) {
    std::vector<split_entry> out;
    std::size_t n = 0;
    for (const std::string& line : text_lines(file)) {
        ++n;
        const auto items = split_on(strip(line), ';');
        if (items.size() == 1 && items[0].empty()) continue;
        split_entry e{key_at_level(items[0], level), {-1}, false};
        if (classes != nullptr) {
            if (items.size() < 2) throw parse_error(at(file, n), "'id;label'", line);
            e.labels = {find_label(*classes, items[1], file, n, class_file.string())};
        }
        out.push_back(std::move(e));
    }
    return out;
}

[[nodiscard]] inline nlohmann::json read_json(const std::filesystem::path& file) {
    const std::string text = read_file(file);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw parse_error(at(file), "a JSON document", e.what());
    }
}

[[nodiscard]] inline std::vector<split_entry> read_sthv2_list(const std::filesystem::path& file, const nlohmann::json* labels,
                                                              const std::filesystem::path& label_file, int level) {
    const nlohmann::json doc = read_json(file);
    if (!doc.is_array()) throw parse_error(at(file), "a JSON array of videos", doc.type_name());
    std::vector<split_entry> out;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const auto& item = doc[i];
        source_location where = at(file);
        where.path = "/" + std::to_string(i);
        if (!item.is_object() || !item.contains("id") || !item["id"].is_string()) throw parse_error(where, "an object with a string 'id'", item.dump());
        split_entry e{key_at_level(item["id"].get<std::string>(), level), {-1}, false};
        if (labels != nullptr) {
            if (!item.contains("template") || !item["template"].is_string()) throw parse_error(where, "a string 'template'", item.dump());
            std::string t = item["template"].get<std::string>();
            std::erase(t, '[');
            std::erase(t, ']');
            const auto it = labels->find(t);
            if (it == labels->end()) throw parse_error(where, "a template listed in " + label_file.string(), t);
            if (it->is_string()) e.labels = {std::stoi(it->get<std::string>())};
            else if (it->is_number_integer()) e.labels = {it->get<int>()};
            else throw parse_error(where, "a class index in " + label_file.string(), it->dump());
        }
        out.push_back(std::move(e));
    }
    return out;
}

/// Kinetics' convert_label: quotes removed, spaces turned into underscores.
[[nodiscard]] inline std::string kinetics_class_key(std::string s) {
    std::erase(s, '"');
    std::replace(s.begin(), s.end(), ' ', '_');
    return s;
}

struct kinetics_columns {
    std::optional<std::size_t> label;
    std::size_t youtube_id = 1, time_start = 2, time_end = 3;
};

/// The columns by the header's names; MMAction2 takes them by position (label, id, start, end), which is the
/// same for the official train and val files and wrong for a test file without its label column.
[[nodiscard]] inline kinetics_columns kinetics_header(const std::vector<std::string>& header) {
    kinetics_columns c;
    const auto at = [&](std::string_view name) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (strip(header[i]) == name) return i;
        return std::nullopt;
    };
    if (at("youtube_id") && at("time_start") && at("time_end")) {
        c.label = at("label");
        c.youtube_id = *at("youtube_id");
        c.time_start = *at("time_start");
        c.time_end = *at("time_end");
    } else c.label = 0;
    return c;
}

/// Rows of a Kinetics CSV after its header; `classes` null for the test file (label -1).
[[nodiscard]] inline std::vector<split_entry> read_kinetics_list(const std::filesystem::path& file, const std::map<std::string, int>* classes,
                                                                 int level) {
    const auto lines = text_lines(file);
    std::vector<split_entry> out;
    if (lines.empty()) return out;
    const kinetics_columns c = kinetics_header(csv_row(lines[0]));
    for (std::size_t n = 1; n < lines.size(); ++n) {
        const auto row = csv_row(lines[n]);
        if (row.empty()) continue;
        const std::size_t need = std::max({c.youtube_id, c.time_start, c.time_end, c.label.value_or(0)}) + 1;
        if (row.size() < need) throw parse_error(at(file, n + 1), std::to_string(need) + " comma-separated fields", lines[n]);
        std::string video = row[c.youtube_id] + "_" + six_digits(truncated_seconds(row[c.time_start], file, n + 1)) + "_" +
                            six_digits(truncated_seconds(row[c.time_end], file, n + 1));
        split_entry e{{}, {-1}, false};
        if (classes != nullptr) {
            if (!c.label) throw parse_error(at(file, 1), "a 'label' column", lines[0]);
            const std::string label = kinetics_class_key(row[*c.label]);
            if (level == 2) video = label + "/" + video;
            e.labels = {find_label(*classes, label, file, n + 1, "the train file's labels")};
        }
        e.key = std::move(video);
        out.push_back(std::move(e));
    }
    return out;
}

/// Moments in Time / Multi-Moments in Time: CSV rows `class/video.mp4,...`. MiT's label is the class directory's
/// index in moments_categories.txt; MMIT's labels are the row's remaining fields.
[[nodiscard]] inline std::vector<split_entry> read_moments_list(const std::filesystem::path& file, const std::map<std::string, int>* categories,
                                                                const std::filesystem::path& category_file) {
    std::vector<split_entry> out;
    std::size_t n = 0;
    for (const std::string& line : text_lines(file)) {
        ++n;
        const auto row = csv_row(line);
        if (row.empty()) continue;
        split_entry e{strip_extension(row[0]), {}, categories == nullptr};
        if (categories != nullptr) e.labels = {find_label(*categories, dirname(row[0]), file, n, category_file.string())};
        else
            for (std::size_t i = 1; i < row.size(); ++i) {
                const std::string field(strip(row[i]));
                char* end = nullptr;
                const long v = std::strtol(field.c_str(), &end, 10);
                if (field.empty() || end != field.c_str() + field.size()) throw parse_error(at(file, n), "an integer label", row[i]);
                e.labels.push_back(static_cast<int>(v));
            }
        out.push_back(std::move(e));
    }
    return out;
}

[[nodiscard]] inline std::vector<split_entry> read_diving48_list(const std::filesystem::path& file) {
    const nlohmann::json doc = read_json(file);
    if (!doc.is_array()) throw parse_error(at(file), "a JSON array of videos", doc.type_name());
    std::vector<split_entry> out;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const auto& item = doc[i];
        source_location where = at(file);
        where.path = "/" + std::to_string(i);
        if (!item.is_object() || !item.contains("vid_name") || !item["vid_name"].is_string() || !item.contains("label") ||
            !item["label"].is_number_integer())
            throw parse_error(where, "an object with a string 'vid_name' and an integer 'label'", item.dump());
        out.push_back({item["vid_name"].get<std::string>(), {item["label"].get<int>()}, false});
    }
    return out;
}

/// HMDB51's classes: the names of its `<class>_test_split1.txt` files, sorted (MMAction2 lists the class
/// directories of data/hmdb51/rawframes, which are the same 51 names in a prepared tree).
[[nodiscard]] inline std::vector<std::string> hmdb51_classes(const std::filesystem::path& annotations) {
    std::vector<std::string> out;
    constexpr std::string_view suffix = "_test_split1.txt";
    std::error_code ec;
    for (std::filesystem::directory_iterator it(annotations, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() > suffix.size() && name.ends_with(suffix)) out.push_back(name.substr(0, name.size() - suffix.size()));
    }
    if (ec) throw io_error(annotations.string(), "cannot list the annotations directory: " + ec.message());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace detail

/// The splits of `dataset` from the official files in `annotations` (data/<dataset>/annotations in the standard
/// tree), in MMAction2's order and with its keys and labels (tools/data/parse_file_list.py). `level` is the
/// directory level of the frame or video tree the keys must match. The test list is read only when
/// `with_test` (it is the one file a prepared tree often lacks). MiT and MMIT have no test list: theirs is the
/// val list, as in MMAction2. Diving48's second list is its test file, which build_file_list calls `val`.
///
/// Throws io_error for a missing file, parse_error (file, line) for a line that does not parse or a class not in
/// the class list, invalid_argument for a dataset not in build_file_list_datasets().
[[nodiscard]] inline std::vector<dataset_split> parse_splits(std::string_view dataset, const std::filesystem::path& annotations, int level,
                                                             bool with_test = false) {
    namespace fs = std::filesystem;
    using namespace detail;
    std::vector<dataset_split> out;
    if (dataset == "ucf101" || dataset == "hmdb51") {
        const fs::path class_file = annotations / "classInd.txt";
        std::map<std::string, int> classes;
        if (dataset == "hmdb51" && !fs::exists(class_file)) {
            int index = 0;
            for (const auto& c : hmdb51_classes(annotations)) classes[c] = index++;
        } else classes = read_class_index(class_file);
        for (int i = 1; i <= 3; ++i) {
            dataset_split s;
            char name[32];
            if (dataset == "ucf101") {
                std::snprintf(name, sizeof name, "trainlist%02d.txt", i);
                s.train = read_class_path_list(annotations / name, classes, class_file, level);
                std::snprintf(name, sizeof name, "testlist%02d.txt", i);
                s.val = read_class_path_list(annotations / name, classes, class_file, level);
            } else {
                // MMAction2 first rewrites trainlist0i/testlist0i.txt from the per-class files (class by class in
                // sorted order, tag 1 train, 2 test) and reads them back; vidata reads the per-class files directly.
                for (const auto& c : hmdb51_classes(annotations)) {
                    const fs::path file = annotations / (c + "_test_split" + std::to_string(i) + ".txt");
                    std::size_t n = 0;
                    for (const std::string& line : text_lines(file)) {
                        ++n;
                        const auto items = split_whitespace(line);
                        if (items.empty()) continue;
                        if (items.size() < 2) throw parse_error(at(file, n), "'video tag'", line);
                        if (items[1] != "1" && items[1] != "2") continue;
                        const std::string path = c + "/" + items[0];
                        split_entry e{key_at_level(strip_extension(path), level), {find_label(classes, c, file, n, class_file.string())}, false};
                        (items[1] == "1" ? s.train : s.val).push_back(std::move(e));
                    }
                }
            }
            out.push_back(std::move(s));
        }
        return out;
    }
    dataset_split s;
    if (dataset == "jester" || dataset == "sthv1") {
        const std::string stem = dataset == "jester" ? "jester-v1-" : "something-something-v1-";
        const fs::path class_file = annotations / (stem + "labels.csv");
        const auto classes = read_label_lines(class_file);
        s.train = read_semicolon_list(annotations / (stem + "train.csv"), &classes, class_file, level);
        s.val = read_semicolon_list(annotations / (stem + "validation.csv"), &classes, class_file, level);
        if (with_test) s.test = read_semicolon_list(annotations / (stem + "test.csv"), nullptr, class_file, level);
    } else if (dataset == "sthv2") {
        const fs::path label_file = annotations / "something-something-v2-labels.json";
        const nlohmann::json labels = read_json(label_file);
        if (!labels.is_object()) throw parse_error(at(label_file), "a JSON object of templates", labels.type_name());
        s.train = read_sthv2_list(annotations / "something-something-v2-train.json", &labels, label_file, level);
        s.val = read_sthv2_list(annotations / "something-something-v2-validation.json", &labels, label_file, level);
        if (with_test) s.test = read_sthv2_list(annotations / "something-something-v2-test.json", nullptr, label_file, level);
    } else if (dataset == "kinetics400" || dataset == "kinetics600" || dataset == "kinetics700") {
        const fs::path train = annotations / "kinetics_train.csv";
        std::map<std::string, int> classes;
        {
            const auto lines = text_lines(train);
            const kinetics_columns c = lines.empty() ? kinetics_columns{} : kinetics_header(csv_row(lines[0]));
            for (std::size_t n = 1; n < lines.size(); ++n) {
                const auto row = csv_row(lines[n]);
                if (!row.empty() && c.label && *c.label < row.size()) classes.emplace(kinetics_class_key(row[*c.label]), 0);
            }
            int index = 0;
            for (auto& [name, id] : classes) id = index++;  // sorted unique train labels
        }
        s.train = read_kinetics_list(train, &classes, level);
        s.val = read_kinetics_list(annotations / "kinetics_val.csv", &classes, level);
        if (with_test) s.test = read_kinetics_list(annotations / "kinetics_test.csv", nullptr, level);
    } else if (dataset == "mit" || dataset == "mmit") {
        std::map<std::string, int> categories;
        const fs::path category_file = annotations / "moments_categories.txt";
        if (dataset == "mit") {
            std::size_t n = 0;
            for (const std::string& line : text_lines(category_file)) {
                ++n;
                const auto fields = split_on(line.substr(0, line.find_last_not_of(" \t\r\n") + 1), ',');
                if (fields.size() == 1 && fields[0].empty()) continue;
                char* end = nullptr;
                const long v = fields.size() == 2 ? std::strtol(fields[1].c_str(), &end, 10) : 0;
                if (fields.size() != 2 || end == fields[1].c_str()) throw parse_error(at(category_file, n), "'name,index'", line);
                categories.insert_or_assign(fields[0], static_cast<int>(v));
            }
        }
        const auto* c = dataset == "mit" ? &categories : nullptr;
        // MMAction2 reads MMIT's trainingSet.csv, where the guide's tree (and the archive) has trainingSet.txt, the
        // same rows: the .txt is read when the .csv is absent.
        auto list_file = [&](const std::string& stem) {
            const fs::path csv = annotations / (stem + ".csv"), txt = annotations / (stem + ".txt");
            std::error_code ec;
            return dataset == "mmit" && !fs::exists(csv, ec) && fs::exists(txt, ec) ? txt : csv;
        };
        s.train = read_moments_list(list_file("trainingSet"), c, category_file);
        s.val = read_moments_list(list_file("validationSet"), c, category_file);
        s.test = s.val;
    } else if (dataset == "diving48") {
        s.train = read_diving48_list(annotations / "Diving48_V2_train.json");
        s.val = read_diving48_list(annotations / "Diving48_V2_test.json");
        s.test = s.val;
    } else {
        throw invalid_argument("vidata::layouts::parse_splits: unknown dataset '" + std::string(dataset) +
                               "' (build_file_list knows ucf101, kinetics400/600/700, sthv1, sthv2, mit, mmit, hmdb51, jester, diving48)");
    }
    out.push_back(std::move(s));
    return out;
}

}  // namespace vidata::layouts
