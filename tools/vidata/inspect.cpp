// SPDX-License-Identifier: Apache-2.0
// `vidata inspect FILE [--format NAME] [--json] [--full]`: what an annotation file, a pickle, .npy, JSON or CSV file holds.
#include "commands.hpp"
#include "inspect_formats.hpp"

#include <vidata/core/error.hpp>
#include <vidata/io/csv_reader.hpp>
#include <vidata/io/json.hpp>
#include <vidata/io/npy.hpp>
#include <vidata/io/pickle/describe.hpp>
#include <vidata/io/pickle/json.hpp>
#include <vidata/io/pickle/load.hpp>
#include <vidata/io/read_file.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

namespace vidata::cli {

std::vector<format_entry>& format_registry() {
    static std::vector<format_entry> formats;
    return formats;
}

namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::size_t first_records = 3;

struct inspect_options {
    std::string file;
    std::string format;  // empty: detect
    bool json = false;
    bool full = false;
    bool with_offset = false;  // rawframe_list's `frame_dir offset total_frames label` layout
};

std::string read_file_head(const std::string& path, std::size_t count) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw io_error(path, "cannot open the file");
    std::string head(count, '\0');
    in.read(head.data(), static_cast<std::streamsize>(count));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

// The container formats this command reads whatever their content; annotation formats come from format_registry().
constexpr std::string_view container_formats = "pickle, npy, json, csv";

std::string known_formats() {
    std::vector<std::string_view> names;
    for (const auto& f : format_registry()) names.push_back(f.name);
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto name : names) (out += name) += ", ";
    return out + std::string(container_formats);
}

const format_entry* find_format(std::string_view name) {
    for (const auto& f : format_registry())
        if (f.name == name) return &f;
    return nullptr;
}

// An annotation format when exactly one claims the file; nullptr when none does.
const format_entry* detect_annotation_format(const std::filesystem::path& path, std::string_view head) {
    std::vector<const format_entry*> claims;
    for (const auto& f : format_registry())
        if (f.detect && f.detect(path, head)) claims.push_back(&f);
    if (claims.size() > 1) {
        std::string names;
        for (const auto* f : claims) (names += names.empty() ? "" : ", ") += f->name;
        throw invalid_argument(path.string() + ": the file could be any of " + names + "; pass --format");
    }
    return claims.empty() ? nullptr : claims.front();
}

std::string detect_format(const std::filesystem::path& path, std::string_view head) {
    if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x80 && static_cast<unsigned char>(head[1]) >= 2)
        return "pickle";
    if (head.substr(0, 6) == "\x93NUMPY") return "npy";
    if (head.substr(0, 4) == "PK\x03\x04") return "pickle";  // a zipped torch.save file: the pickle reader says what it is
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".pkl" || ext == ".pickle" || ext == ".p") return "pickle";
    if (ext == ".npy") return "npy";
    if (ext == ".json") return "json";
    if (ext == ".csv") return "csv";
    const auto first = head.find_first_not_of(" \t\r\n\xef\xbb\xbf");
    if (first != std::string_view::npos && (head[first] == '{' || head[first] == '[')) return "json";
    throw invalid_argument(path.string() + ": cannot tell the format from the content or the extension; pass --format (one of " +
                           known_formats() + ")");
}

// In a summary, an array is described, not listed: its values can run to millions.
ordered_json summarise_arrays(ordered_json j) {
    if (j.is_object() && j.contains("__ndarray__")) {
        j["__ndarray__"].erase("data");
        return j;
    }
    if (j.is_structured())
        for (auto& child : j) child = summarise_arrays(std::move(child));
    return j;
}

// records: what a reader of the file yields (entries of a top-level list or dict, or 1); first: up to three of them.
void add_records(ordered_json& out, const ordered_json& whole) {
    ordered_json first = ordered_json::array();
    if (whole.is_array()) {
        out["records"] = whole.size();
        for (std::size_t i = 0; i < whole.size() && i < first_records; ++i) first.push_back(summarise_arrays(whole[i]));
    } else if (whole.is_object() && !whole.contains("__ndarray__") && !whole.contains("__bytes__")) {
        out["records"] = whole.size();
        for (auto it = whole.begin(); it != whole.end() && first.size() < first_records; ++it)
            first.push_back(ordered_json{{it.key(), summarise_arrays(it.value())}});
    } else {
        out["records"] = 1;
        first.push_back(summarise_arrays(whole));
    }
    out["first"] = std::move(first);
}

void print_json(const ordered_json& j) { std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n'; }

void inspect_pickle(const inspect_options& o) {
    const auto value = pickle::load_file(o.file);
    if (!o.json) {
        std::cout << o.file << ": pickle, " << pickle::describe(value, 3, 5) << '\n';
        return;
    }
    auto whole = pickle::to_json<ordered_json>(value);
    if (o.full) return print_json(whole);
    ordered_json out{{"file", o.file}, {"format", "pickle"}, {"type", value.type_name()}};
    add_records(out, whole);
    print_json(out);
}

void inspect_npy(const inspect_options& o) {
    const std::string bytes = read_file(o.file);
    const auto header = parse_npy_header(std::span(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()), o.file);
    const auto array = from_npy_bytes(std::string_view(bytes), o.file);
    if (!o.json) {
        std::cout << o.file << ": npy v" << header.major_version << '.' << header.minor_version << ", " << array.type().name() << " ("
                  << array.type().str() << "), shape " << ndarray::shape_string(array.shape()) << ", "
                  << (array.fortran_order() ? "Fortran" : "C") << " order, " << array.bytes().size() << " bytes of data\n";
        return;
    }
    const auto whole = pickle::to_json<ordered_json>(pickle::value(array));
    if (o.full) return print_json(whole);
    print_json(ordered_json{{"file", o.file},
                            {"format", "npy"},
                            {"version", std::to_string(header.major_version) + "." + std::to_string(header.minor_version)},
                            {"dtype", array.type().str()},
                            {"shape", array.shape()},
                            {"fortran_order", array.fortran_order()},
                            {"records", array.ndim() == 0 ? 1 : array.shape()[0]}});
}

void inspect_json(const inspect_options& o) {
    const auto whole = read_json<ordered_json>(o.file);
    if (!o.json) {
        std::cout << o.file << ": JSON " << whole.type_name();
        if (whole.is_structured()) {
            std::cout << " of " << whole.size() << (whole.is_object() ? " members" : " elements");
            if (whole.is_object()) {
                std::cout << ":";
                std::size_t shown = 0;
                for (auto it = whole.begin(); it != whole.end() && shown < 8; ++it, ++shown) std::cout << ' ' << ordered_json(it.key()).dump();
                if (whole.size() > shown) std::cout << " ...";
            }
        }
        std::cout << '\n';
        return;
    }
    if (o.full) return print_json(whole);
    ordered_json out{{"file", o.file}, {"format", "json"}, {"type", whole.type_name()}};
    add_records(out, whole);
    print_json(out);
}

void inspect_csv(const inspect_options& o) {
    const std::string text = read_file(o.file);
    csv_reader reader(text, o.file);
    ordered_json rows = ordered_json::array();
    std::size_t count = 0, widest = 0, narrowest = static_cast<std::size_t>(-1);
    for (const auto& row : reader) {
        ++count;
        widest = std::max(widest, row.size());
        narrowest = std::min(narrowest, row.size());
        if (o.full || rows.size() < first_records) {
            ordered_json cells = ordered_json::array();
            for (std::size_t i = 0; i < row.size(); ++i) cells.push_back(std::string(row[i]));
            rows.push_back(std::move(cells));
        }
    }
    if (count == 0) narrowest = 0;
    if (o.json && o.full) return print_json(rows);
    if (o.json) {
        print_json(ordered_json{{"file", o.file}, {"format", "csv"}, {"records", count}, {"columns", widest}, {"first", rows}});
        return;
    }
    std::cout << o.file << ": CSV, " << count << " rows of " << narrowest;
    if (widest != narrowest) std::cout << " to " << widest;
    std::cout << " fields";
    if (!rows.empty()) std::cout << "; first row: " << rows[0].dump();
    std::cout << '\n';
}

void inspect_annotations(const inspect_options& o, const format_entry& format) {
    if (o.with_offset && !format.read_with_offset)
        throw invalid_argument(o.file + ": --with-offset applies to rawframe_list only, not to " + std::string(format.name));
    const auto& read = o.with_offset ? format.read_with_offset : format.read;
    const auto report = read(o.file, o.full ? static_cast<std::size_t>(-1) : first_records);
    if (o.json && o.full) return print_json(report.first);
    if (o.json) {
        print_json(ordered_json{{"file", o.file}, {"format", format.name}, {"records", report.records}, {"first", report.first}});
        return;
    }
    std::cout << o.file << ": " << format.name << ", " << report.records << (report.records == 1 ? " record" : " records");
    if (!report.first.empty())
        std::cout << "; first: " << report.first[0].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::cout << '\n';
}

}  // namespace

void register_inspect(CLI::App& app) {
    auto options = std::make_shared<inspect_options>();
    auto* cmd = app.add_subcommand("inspect",
                                   "Show what an annotation file, a pickle, .npy, JSON or CSV file holds (pickles are read safely: nothing is executed)");
    cmd->add_option("FILE", options->file, "the file to inspect")->required()->check(CLI::ExistingFile);
    cmd->add_option("--format", options->format, "the file's format, when it cannot be detected: " + known_formats());
    cmd->add_flag("--json", options->json, "print one JSON object: format, record count and the first records");
    cmd->add_flag("--with-offset", options->with_offset,
                  "read a rawframe list in the with-offset layout, 'frame_dir offset total_frames label' (RawframeDataset's with_offset=True)");
    cmd->add_flag("--full", options->full, "with --json, print the whole content as JSON (ndarray as {\"__ndarray__\": ...}, bytes as {\"__bytes__\": base64})");
    cmd->callback([options] {
        std::string format = options->format;
        if (format.empty()) {
            const std::string head = read_file_head(options->file, 4096);
            if (const auto* annotations = detect_annotation_format(options->file, head)) return inspect_annotations(*options, *annotations);
            format = detect_format(options->file, head);
        }
        if (const auto* annotations = find_format(format)) return inspect_annotations(*options, *annotations);
        if (options->with_offset) throw invalid_argument(options->file + ": --with-offset applies to rawframe_list only, not to " + format);
        if (format == "pickle" || format == "pkl") inspect_pickle(*options);
        else if (format == "npy") inspect_npy(*options);
        else if (format == "json") inspect_json(*options);
        else if (format == "csv") inspect_csv(*options);
        else throw invalid_argument("unknown --format '" + format + "' (known: " + known_formats() + ")");
    });
}

}  // namespace vidata::cli
