#include "display/backup_view.hpp"

#include "display/json_values.hpp"
#include "display/printable.hpp"

#include <fmt/format.h>

namespace coras {

namespace {

OrderedJson tags_json(const std::vector<oras::ops::TaggedRoot>& tags, const std::string& repository)
{
    OrderedJson out = OrderedJson::array();
    for (const auto& tagged : tags) {
        OrderedJson entry;
        entry["tag"] = tagged.tag;
        entry["reference"] = repository + ":" + tagged.tag;
        const OrderedJson root = descriptor_json(tagged.root);
        for (const auto& [key, value] : root.items()) {
            entry[key] = value;
        }
        out.push_back(std::move(entry));
    }
    return out;
}

OrderedJson referrers_json(const std::vector<oras::Descriptor>& referrers)
{
    OrderedJson out = OrderedJson::array();
    for (const auto& referrer : referrers) {
        out.push_back(descriptor_json(referrer));
    }
    return out;
}

std::string referrer_line(std::size_t count)
{
    if (count == 0) {
        return {};
    }
    return fmt::format("Referrers: {}\n", count);
}

} // namespace

std::string backup_json(const oras::ops::BackupResult& result, const std::string& repository)
{
    OrderedJson out;
    out["repository"] = repository;
    out["output"] = result.output.string();
    out["outputType"] = result.kind == oras::ops::LayoutOutput::tar ? "tar" : "directory";
    out["tags"] = tags_json(result.tags, repository);
    out["referrers"] = referrers_json(result.referrers);
    return out.dump(2);
}

std::string backup_text(const oras::ops::BackupResult& result, const std::string& repository)
{
    std::string text;
    for (const auto& tagged : result.tags) {
        text += fmt::format("Pulled {}:{}\nDigest: {}\n",
                            printable(repository),
                            printable(tagged.tag),
                            tagged.root.digest.str());
    }
    text += referrer_line(result.referrers.size());
    text += fmt::format("Backed up {} tag(s) of {} to {}\n",
                        result.tags.size(),
                        printable(repository),
                        printable(result.output.string()));
    return text;
}

std::string restore_json(const oras::ops::RestoreResult& result,
                         const std::string& input,
                         const std::string& repository)
{
    OrderedJson out;
    out["repository"] = repository;
    out["input"] = input;
    out["dryRun"] = result.dry_run == oras::ops::DryRun::yes;
    out["tags"] = tags_json(result.tags, repository);
    out["referrers"] = referrers_json(result.referrers);
    return out.dump(2);
}

std::string restore_text(const oras::ops::RestoreResult& result,
                         const std::string& input,
                         const std::string& repository)
{
    const bool dry = result.dry_run == oras::ops::DryRun::yes;
    std::string text;
    for (const auto& tagged : result.tags) {
        text += fmt::format("{} {}:{}\nDigest: {}\n",
                            dry ? "Would push" : "Pushed",
                            printable(repository),
                            printable(tagged.tag),
                            tagged.root.digest.str());
    }
    text += referrer_line(result.referrers.size());
    if (dry) {
        text += "Dry run: nothing was pushed\n";
    } else {
        text += fmt::format("Restored {} tag(s) from {} to {}\n",
                            result.tags.size(),
                            printable(input),
                            printable(repository));
    }
    return text;
}

} // namespace coras
