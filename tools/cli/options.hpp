// Command-line options described as data: parsing, help text and "did you mean".
#pragma once

#include <tl/expected.hpp>

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace styr::cli {

struct OptionSpec
{
  std::string_view name;        // long name without dashes, e.g. "format"
  char short_name = 0;          // e.g. 'C', or 0
  std::string_view value_name;  // e.g. "FORMAT"; empty for a flag
  std::string_view help;
};

class Args
{
public:
  bool has(std::string_view name) const { return m_values.contains(std::string(name)); }
  std::optional<std::string> value(std::string_view name) const;
  std::vector<std::string> values(std::string_view name) const;
  const std::vector<std::string>& positional() const { return m_positional; }

  void add(std::string_view name, std::string value) { m_values[std::string(name)].push_back(std::move(value)); }
  void add_positional(std::string value) { m_positional.push_back(std::move(value)); }

private:
  std::map<std::string, std::vector<std::string>, std::less<>> m_values;
  std::vector<std::string> m_positional;
};

// Parses `args` (without the command name). "--" ends the options.
tl::expected<Args, std::string> parse_args(std::span<const OptionSpec> specs, std::span<const std::string> args);

// The closest candidate to `word`, when it is close enough to be a likely typo.
std::optional<std::string_view> closest(std::string_view word, std::span<const std::string_view> candidates);

// The "Options:" block of a help text.
std::string format_options(std::span<const OptionSpec> specs);

}  // namespace styr::cli
