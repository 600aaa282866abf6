#include "options/usage_advice.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <sstream>

namespace coras {

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
// neighbours ("fromat" is one step from "format").
std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (std::size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

// The subcommand of `app` named or aliased `name`, or null.
const CLI::App* find_subcommand(const CLI::App& app, const std::string& name)
{
    const auto found = app.get_subcommands(
        [&name](const CLI::App* sub) { return !sub->get_name().empty() && sub->check_name(name); });
    return found.empty() ? nullptr : found.front();
}

std::vector<std::string> subcommand_names(const CLI::App& app, bool with_aliases = true)
{
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (!sub->get_name().empty()) {
            names.push_back(sub->get_name());
            if (with_aliases) {
                names.insert(names.end(), sub->get_aliases().begin(), sub->get_aliases().end());
            }
        }
    }
    return names;
}

std::vector<std::string> flag_names(const CLI::App& app)
{
    std::vector<std::string> names;
    for (const auto* option : app.get_options()) {
        for (const auto& name : option->get_lnames()) {
            names.push_back("--" + name);
        }
        for (const auto& name : option->get_snames()) {
            names.push_back("-" + name);
        }
    }
    return names;
}

// The "Usage:" line of `app`'s help, which CLI11 starts with the subcommand's own name, with
// `path` ("coras push") in its place.
std::string usage_line(const CLI::App& app, const std::string& path)
{
    std::istringstream help(app.help());
    std::string line;
    const std::string own = "Usage: " + app.get_name();
    while (std::getline(help, line)) {
        if (line.starts_with(own)) {
            return "Usage: " + path + line.substr(own.size());
        }
    }
    return {};
}

// The arguments CLI11 did not expect: the words after "not expected: ".
std::vector<std::string> unexpected_words(const std::string& message)
{
    std::vector<std::string> words;
    const auto colon = message.find("not expected: ");
    if (colon == std::string::npos) {
        return words;
    }
    std::istringstream rest(message.substr(colon + std::string_view("not expected: ").size()));
    std::string word;
    while (rest >> word) {
        words.push_back(word);
    }
    return words;
}

std::string with_suggestion(std::string message, const std::string& suggestion)
{
    return suggestion.empty() ? message
                              : fmt::format("{} (did you mean '{}'?)", message, suggestion);
}

} // namespace

std::string closest_name(std::string_view typed, const std::vector<std::string>& candidates)
{
    std::string best;
    std::size_t best_distance = std::min<std::size_t>(2, typed.size() / 2);
    for (const auto& candidate : candidates) {
        const auto distance = edit_distance(typed, candidate);
        if (distance <= best_distance && (best.empty() || distance < best_distance)) {
            best = candidate;
            best_distance = distance;
        }
    }
    if (best.empty() && typed.size() >= 3) {
        for (const auto& candidate : candidates) {
            if (candidate.starts_with(typed)) {
                return candidate;
            }
        }
    }
    return best;
}

UsageAdvice
advise(const CLI::App& app, const std::vector<std::string>& args, const CLI::ParseError& error)
{
    // CLI11 may name an error after the app that threw it: tell the kinds apart by type.
    const bool extras = dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr;
    const bool required = dynamic_cast<const CLI::RequiredError*>(&error) != nullptr;
    UsageAdvice advice{error.what(), {}};
    if (!extras && !required && dynamic_cast<const CLI::ArgumentMismatch*>(&error) == nullptr) {
        return advice;
    }
    const CLI::App* command = &app;
    std::string path = app.get_name();
    for (const auto& arg : args) {
        if (arg == "--") {
            break;
        }
        if (arg.starts_with('-') || command->get_subcommands({}).empty()) {
            continue;
        }
        if (const auto* sub = find_subcommand(*command, arg)) {
            command = sub;
            path += " " + sub->get_name();
            continue;
        }
        advice.message = with_suggestion(fmt::format("unknown command '{}' for '{}'", arg, path),
                                         closest_name(arg, subcommand_names(*command)));
        advice.usage = usage_line(*command, path);
        return advice;
    }
    const auto words = extras ? unexpected_words(advice.message) : std::vector<std::string>{};
    const auto flag = std::find_if(
        words.begin(), words.end(), [](const std::string& word) { return word.starts_with('-'); });
    if (flag != words.end()) {
        const auto typed = flag->substr(0, flag->find('='));
        advice.message = with_suggestion(fmt::format("unknown flag '{}' for '{}'", typed, path),
                                         closest_name(typed, flag_names(*command)));
    } else if (required && !command->get_subcommands({}).empty()) {
        advice.message = fmt::format("'{}' needs a subcommand: {}",
                                     path,
                                     fmt::join(subcommand_names(*command, false), ", "));
    } else {
        advice.message = fmt::format("{}: {}", path, advice.message);
    }
    advice.usage = usage_line(*command, path);
    return advice;
}

std::vector<std::string> rewrite_help_command(std::vector<std::string> args)
{
    if (args.empty() || args.front() != "help") {
        return args;
    }
    args.erase(args.begin());
    args.emplace_back("--help");
    return args;
}

} // namespace coras
