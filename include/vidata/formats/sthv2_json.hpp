// SPDX-License-Identifier: Apache-2.0
// vidata::formats::sthv2_json: Something-Something V2's train/validation/test json (`[{"id", "label", "template", "placeholders"}]`).
#pragma once

#include <vidata/formats/detail/file_name.hpp>
#include <vidata/formats/detail/unique_keys.hpp>
#include <vidata/formats/format.hpp>
#include <vidata/formats/sthv2_labels.hpp>
#include <vidata/io/json.hpp>
#include <vidata/io/detail/json_scanner.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vidata::formats {

/// One video of Something-Something V2: its id (the name of its .webm), and in the train and validation
/// files the free-text label ("putting a cup on a table"), the class template ("Putting [something] on
/// [something]") and the objects filling its placeholders. `label_id` is the class index when the file
/// was read against the labels file, -1 otherwise.
struct sthv2_item {
    std::string id;
    std::optional<std::string> label;
    std::optional<std::string> template_text;
    std::vector<std::string> placeholders;
    int label_id = -1;

    friend bool operator==(const sthv2_item&, const sthv2_item&) = default;
};

template <class Json>
void to_json(Json& j, const sthv2_item& i) {
    j = Json::object();
    j["id"] = i.id;
    if (i.label) j["label"] = *i.label;
    if (i.template_text) j["template"] = *i.template_text;
    if (i.template_text || !i.placeholders.empty()) j["placeholders"] = i.placeholders;
    if (i.label_id >= 0) j["label_id"] = i.label_id;
}

namespace detail {

/// The fast path of sthv2_json::parse: one json_scanner pass straight into items, no document. Why: the document
/// path (nlohmann's DOM, then a walk over it) reads a 24 MB train file at ~50 MB/s and holds ~9x its size at its
/// peak; the scan reads it several times faster, holding only the items.
///
/// It takes only the canonical shape: an array of objects whose members are `id`, `label`, `template` (strings)
/// and `placeholders` (an array of strings), each at most once, every id non-empty and not listed before, every
/// template in the labels file when one is given. On anything else (another member, a repeated member, which
/// Python's dict and the DOM resolve as "last value wins", another type, a syntax error) it gives up (nullopt),
/// and the caller takes the document path, which decides what the file means and words the error. So this path
/// never decides anything the document path could decide differently; tests and a fuzz target hold the two equal.
class sthv2_scan {
public:
    /// `labels` maps a template without brackets to its class (sthv2_template_key), or is null.
    sthv2_scan(std::vector<sthv2_item>& items, std::size_t expected, const std::unordered_map<std::string, int>* labels)
        : items_(items), seen_(expected), labels_(labels) {}

    /// Thrown from an event to stop at the first thing this path leaves to the document path.
    struct give_up {};

    // json_scanner events.
    void start_array() {
        if (where_ == place::before_root) where_ = place::root;
        else if (where_ == place::item && next_ == member::placeholders) where_ = place::placeholders;
        else stop();
    }
    void end_array() { where_ = where_ == place::placeholders ? place::item : place::done; }
    void start_object() {
        if (where_ != place::root) stop();
        where_ = place::item;
        items_.emplace_back();  // filled in place
        members_ = 0;
        next_ = member::none;
    }
    void end_object() {
        finish_item();
        where_ = place::root;
    }
    void key(std::string_view k) {
        if (k == "id") expect(member::id);
        else if (k == "label") expect(member::label);
        else if (k == "template") expect(member::template_text);
        else if (k == "placeholders") expect(member::placeholders);
        else stop();  // ignored by the document path, but unchecked here (its nesting depth, say)
    }
    void string(std::string_view s) {
        if (where_ == place::placeholders) {
            items_.back().placeholders.emplace_back(s);
            return;
        }
        if (where_ != place::item) stop();
        sthv2_item& item = items_.back();
        switch (next_) {
            case member::id:
                item.id.assign(s);
                id_hash_ = hash_key(item.id);
                seen_.prefetch(id_hash_);  // inserted when the item ends, a hundred bytes on
                break;
            case member::label: item.label.emplace(s); break;
            case member::template_text: item.template_text.emplace(s); break;
            default: stop();
        }
        next_ = member::none;
    }
    void number(double, std::string_view) { stop(); }
    void literal(std::string_view) { stop(); }

private:
    enum class place { before_root, root, item, placeholders, done };
    enum class member : unsigned { none = 0, id = 1, label = 2, template_text = 4, placeholders = 8 };

    [[noreturn]] static void stop() { throw give_up{}; }

    void expect(member m) {
        const auto bit = static_cast<unsigned>(m);
        if (members_ & bit) stop();
        members_ |= bit;
        next_ = m;
    }

    void finish_item() {
        sthv2_item& item = items_.back();
        const std::size_t index = items_.size() - 1;
        if (item.id.empty()) stop();  // absent or empty
        if (seen_.insert(id_hash_, index, index + 1, [&](std::size_t i) { return items_[i].id == item.id; }) != 0) stop();
        if (labels_ != nullptr && item.template_text) {
            // The key without brackets, in a buffer reused across items (a template is ~40 bytes: no allocation each).
            key_.clear();
            for (const char c : *item.template_text)
                if (c != '[' && c != ']') key_ += c;
            const auto it = labels_->find(key_);
            if (it == labels_->end()) stop();
            item.label_id = it->second;
        }
    }

    std::vector<sthv2_item>& items_;
    unique_keys seen_;
    const std::unordered_map<std::string, int>* labels_;
    std::string key_;
    std::uint64_t id_hash_ = 0;  // of the item's id, known once its id is read
    place where_ = place::before_root;
    member next_ = member::none;
    unsigned members_ = 0;
};

/// The fast path: the items when `text` is a canonical Something-Something V2 list (see sthv2_scan), else nullopt.
[[nodiscard]] inline std::optional<std::vector<sthv2_item>> scan_sthv2_json(std::string_view text, std::string_view source,
                                                                             const std::unordered_map<std::string, int>* labels,
                                                                             vidata::detail::read_progress progress = {}) {
    // The official files hold one item a line: their line count sizes the vector and the id table exactly.
    // Reserving costs address space only; a file of fewer lines than items grows the vector as it goes.
    const std::size_t expected = count_newlines(text) + 1;
    std::vector<sthv2_item> items;
    items.reserve(expected);
    try {
        sthv2_scan scan(items, expected, labels);
        vidata::detail::json_scanner scanner(text, source);
        scanner.on_progress(vidata::detail::mapped_text::window / 4, [progress](std::size_t offset) { progress(offset); });
        scanner.run(scan);
    } catch (const sthv2_scan::give_up&) {
        return std::nullopt;
    } catch (const parse_error&) {
        return std::nullopt;  // the document path reports syntax errors in its own words
    }
    return items;
}

/// The document path of sthv2_json::parse: nlohmann's DOM, then each item checked and converted. It decides every
/// file, canonical or not, and words every error.
[[nodiscard]] inline std::vector<sthv2_item> parse_sthv2_document(std::string_view text, std::string_view source,
                                                                   const std::unordered_map<std::string, int>* labels) {
    const auto doc = parse_json<nlohmann::json>(text, source);
    const json_node root(doc, std::string(source));
    std::vector<sthv2_item> items;
    items.reserve(root.size());
    unique_keys seen(root.size());
    for (auto node : root.elements()) {
        sthv2_item item;
        const auto id = node["id"];
        item.id = std::string(id.string());
        if (item.id.empty()) throw id.error("a non-empty video id");
        // The "line" a table entry remembers is the item's index + 1 here.
        if (const auto first = seen.insert(hash_key(item.id), items.size(), items.size() + 1,
                                           [&](std::size_t i) { return items[i].id == item.id; }))
            throw id.error("a video id not listed before (it is item " + std::to_string(first - 1) + ")");
        if (const auto l = node.find("label")) item.label = std::string(l->string());
        if (const auto t = node.find("template")) item.template_text = std::string(t->string());
        if (const auto p = node.find("placeholders"))
            for (auto v : p->elements()) item.placeholders.emplace_back(v.string());
        if (labels != nullptr && item.template_text) {
            const auto it = labels->find(sthv2_template_key(*item.template_text));
            if (it == labels->end()) throw node["template"].error("a template of the labels file");
            item.label_id = it->second;
        }
        items.push_back(std::move(item));
    }
    return items;
}

}  // namespace detail

/// The Something-Something V2 lists: a JSON array of objects, `id` required (a string, unique), `label`,
/// `template` and `placeholders` (strings) where given: the test file has ids only. The overload taking the
/// labels file resolves each template to its class index the way MMAction2 does (brackets removed, then
/// looked up); a template the labels file lacks is a parse_error at the item's path. The writer
/// reproduces the official layout: `[`, one compact object per line in the order id, label, template,
/// placeholders, CRLF line ends, `]`, with UTF-8 written as is.
struct sthv2_json : text_format<sthv2_json> {
    using record_type = sthv2_item;
    static constexpr std::string_view name = "sthv2_json";

    /// `progress` hears how far the parse has read (read_annotations then keeps a window of the file only).
    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source,
                                                        vidata::detail::read_progress progress = {}) {
        return parse_with(text, source, nullptr, progress);
    }

    [[nodiscard]] static std::vector<record_type> parse(std::string_view text, std::string_view source,
                                                        std::span<const sthv2_label> labels, vidata::detail::read_progress progress = {}) {
        std::unordered_map<std::string, int> index;
        for (const auto& l : labels) index.emplace(l.template_text, l.index);
        return parse_with(text, source, &index, progress);
    }

    static void write(std::ostream& out, std::span<const record_type> records) {
        std::string text = "[\r\n";
        bool first = true;
        for (const auto& r : records) {
            if (!first) text += ",\r\n";
            first = false;
            nlohmann::ordered_json o = nlohmann::ordered_json::object();
            o["id"] = r.id;
            if (r.label) o["label"] = *r.label;
            if (r.template_text) o["template"] = *r.template_text;
            if (r.template_text || !r.placeholders.empty()) o["placeholders"] = r.placeholders;
            text += o.dump(-1, ' ', false);
        }
        text += "\r\n]\r\n";
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    [[nodiscard]] static bool detect(const std::filesystem::path& path, std::string_view /*head*/) {
        return detail::file_name_is(path, "something-something-v2-train", ".json") ||
               detail::file_name_is(path, "something-something-v2-validation", ".json") ||
               detail::file_name_is(path, "something-something-v2-test", ".json");
    }

private:
    // A canonical file takes one streaming pass; the document path takes the rest and words the errors.
    static std::vector<record_type> parse_with(std::string_view text, std::string_view source,
                                               const std::unordered_map<std::string, int>* labels, vidata::detail::read_progress progress) {
        if (auto items = detail::scan_sthv2_json(text, source, labels, progress)) return std::move(*items);
        return detail::parse_sthv2_document(text, source, labels);
    }
};

}  // namespace vidata::formats
