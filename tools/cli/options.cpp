#include "cli/options.hpp"

#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace styr::cli {

std::optional<std::string> Args::value(std::string_view name) const
{
  const auto it = m_values.find(name);
  if (it == m_values.end() || it->second.empty()) {
    return std::nullopt;
  }
  return it->second.back();
}

std::vector<std::string> Args::values(std::string_view name) const
{
  const auto it = m_values.find(name);
  return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

std::optional<std::string_view> closest(std::string_view word, std::span<const std::string_view> candidates)
{
  std::optional<std::string_view> best;
  std::size_t best_distance = 0;
  for (const std::string_view candidate : candidates) {
    const std::size_t d = text::edit_distance(word, candidate);
    if (!best || d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  // Accept about one typo in three letters, as git does for commands.
  if (best && best_distance <= std::max<std::size_t>(1, best->size() / 3)) {
    return best;
  }
  return std::nullopt;
}

tl::expected<Args, std::string> parse_args(std::span<const OptionSpec> specs, std::span<const std::string> args)
{
  Args result;
  const auto unknown = [&](std::string_view option) {
    std::vector<std::string_view> names;
    std::vector<std::string> storage;
    for (const OptionSpec& s : specs) {
      storage.push_back(fmt::format("--{}", s.name));
    }
    for (const std::string& s : storage) {
      names.push_back(s);
    }
    std::string message = fmt::format("unknown option '{}'", option);
    if (const auto guess = closest(option, names)) {
      message += fmt::format("; did you mean '{}'?", *guess);
    }
    return message;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      for (++i; i < args.size(); ++i) {
        result.add_positional(args[i]);
      }
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      result.add_positional(arg);
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::optional<std::string> inline_value;
    if (arg.starts_with("--")) {
      const auto eq = arg.find('=');
      const std::string_view name = std::string_view(arg).substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      for (const OptionSpec& s : specs) {
        if (s.name == name) {
          spec = &s;
        }
      }
      if (eq != std::string::npos) {
        inline_value = arg.substr(eq + 1);
      }
    } else {
      for (const OptionSpec& s : specs) {
        if (s.short_name != 0 && s.short_name == arg[1]) {
          spec = &s;
        }
      }
      if (spec != nullptr && arg.size() > 2) {
        if (spec->value_name.empty()) {
          return tl::unexpected(unknown(arg));
        }
        inline_value = arg.substr(2);
      }
    }
    if (spec == nullptr) {
      return tl::unexpected(unknown(arg.substr(0, arg.find('='))));
    }
    if (spec->value_name.empty()) {
      if (inline_value) {
        return tl::unexpected(fmt::format("option '--{}' takes no value", spec->name));
      }
      result.add(spec->name, "");
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) {
        return tl::unexpected(fmt::format("option '--{}' needs a value ({})", spec->name, spec->value_name));
      }
      inline_value = args[++i];
    }
    result.add(spec->name, std::move(*inline_value));
  }
  return result;
}

std::string format_options(std::span<const OptionSpec> specs)
{
  if (specs.empty()) {
    return {};
  }
  std::vector<std::string> left;
  std::size_t width = 0;
  for (const OptionSpec& s : specs) {
    std::string l = s.short_name != 0 ? fmt::format("-{}, --{}", s.short_name, s.name) : fmt::format("    --{}", s.name);
    if (!s.value_name.empty()) {
      l += fmt::format(" {}", s.value_name);
    }
    width = std::max(width, l.size());
    left.push_back(std::move(l));
  }
  std::string out = "Options:\n";
  for (std::size_t i = 0; i < specs.size(); ++i) {
    out += fmt::format("  {:<{}}  {}\n", left[i], width, specs[i].help);
  }
  return out;
}

}  // namespace styr::cli
