// Parsing TOML text safely: positions in the file's own lines, nesting bounded before
// toml++ (which recurses) sees the text, and errors as values instead of exceptions.
#pragma once

#include "styr/diagnostic.hpp"

#include <toml++/toml.h>
#include <tl/expected.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace styr {

inline constexpr int k_max_toml_nesting = 32;

struct TomlError
{
  Position position;
  std::string message;
  std::string hint;  // e.g. how to quote a bare word
};

tl::expected<toml::table, TomlError> parse_toml(std::string_view text, std::string_view path);

// Position of a node or key (toml++ counts lines from 1 and columns in characters).
Position position_of(const toml::source_region& region);

// Typed settings out of a table, for the readers of styr.toml and the schema: a value of
// another type is reported through error() ("NAME must be a string"), a missing key leaves
// `out` as it was.
class TomlSettingsReader
{
protected:
  TomlSettingsReader() = default;
  TomlSettingsReader(const TomlSettingsReader&) = default;
  TomlSettingsReader& operator=(const TomlSettingsReader&) = default;
  virtual ~TomlSettingsReader() = default;

  virtual void error(const toml::node& at, std::string message) = 0;

  void string(const toml::table& t, std::string_view key, std::string& out);
  void strings(const toml::table& t, std::string_view key, std::vector<std::string>& out);  // replaces `out`
  void boolean(const toml::table& t, std::string_view key, bool& out);
};

}  // namespace styr
