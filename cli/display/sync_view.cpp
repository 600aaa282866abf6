#include "display/sync_view.hpp"

#include "display/json_values.hpp"
#include "display/printable.hpp"

#include <fmt/format.h>

namespace coras {

namespace {

// `text` as a JSON string, or null when empty.
OrderedJson string_or_null(const std::string& text)
{
    return text.empty() ? OrderedJson() : OrderedJson(text);
}

} // namespace

std::string sync_json(const oras::ops::SyncReport& report)
{
    OrderedJson out;
    OrderedJson references = OrderedJson::array();
    for (const auto& entry : report.entries) {
        OrderedJson item;
        item["reference"] = entry.reference;
        item["state"] = std::string(oras::ops::to_string(entry.state));
        item["digest"] = entry.digest ? OrderedJson(entry.digest->str()) : OrderedJson();
        item["file"] = string_or_null(entry.file.string());
        item["link"] = string_or_null(entry.link.string());
        item["step"] = string_or_null(entry.step);
        item["error"] = string_or_null(entry.error);
        references.push_back(item);
    }
    out["references"] = references;
    OrderedJson pruned = OrderedJson::array();
    for (const auto& path : report.pruned) {
        pruned.push_back(path.string());
    }
    out["pruned"] = pruned;
    return out.dump(2);
}

std::string sync_text(const oras::ops::SyncReport& report)
{
    std::string out;
    for (const auto& entry : report.entries) {
        if (entry.state == oras::ops::SyncState::failed) {
            continue;
        }
        out += fmt::format("{} {} {} -> {} (link {})\n",
                           entry.state == oras::ops::SyncState::downloaded ? "Downloaded"
                                                                           : "Unchanged",
                           printable(entry.reference),
                           entry.digest ? entry.digest->str() : std::string(),
                           printable(entry.file.string()),
                           printable(entry.link.string()));
    }
    for (const auto& path : report.pruned) {
        out += fmt::format("Pruned {}\n", printable(path.string()));
    }
    out += fmt::format("Synced {} of {} references\n",
                       report.entries.size() - report.failures(),
                       report.entries.size());
    return out;
}

std::string sync_errors(const oras::ops::SyncReport& report)
{
    std::string out;
    for (const auto& entry : report.entries) {
        if (entry.state == oras::ops::SyncState::failed) {
            out += fmt::format("Error: {}\n", printable(entry.error));
        }
    }
    return out;
}

} // namespace coras
