#include "styr/toml_text.hpp"

#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace styr {

namespace {

// Depth of [ and { nesting, skipping strings and comments. A dotted key (a.b.c = 1, or
// [a.b.c]) nests tables as deeply as it has parts, and toml++ recurses on those too, so
// the dots since the last separator count as well (a float's one dot is harmless).
// Returns the offset of the first character that nests deeper than `limit`, if any.
std::optional<std::size_t> too_deep(std::string_view toml, int limit)
{
  int depth = 0;
  int dots = 0;
  for (std::size_t i = 0; i < toml.size(); ++i) {
    const char c = toml[i];
    if (c == '.') {
      if (depth + ++dots > limit) {
        return i;
      }
    } else if (c == '=' || c == ',' || c == '\n' || c == '[' || c == '{') {
      dots = 0;
    }
    if (c == '#') {
      dots = 0;
      i = toml.find('\n', i);
      if (i == std::string_view::npos) {
        break;
      }
    } else if (c == '"' || c == '\'') {
      const std::string triple(3, c);
      const bool multiline = toml.substr(i, 3) == triple;
      const std::string_view close = multiline ? std::string_view(triple) : toml.substr(i, 1);
      std::size_t j = i + close.size();
      while (j < toml.size()) {
        if (c == '"' && toml[j] == '\\') {
          j += 2;
          continue;
        }
        if (toml.substr(j, close.size()) == close || (!multiline && toml[j] == '\n')) {
          break;
        }
        ++j;
      }
      i = std::min(j + close.size() - 1, toml.size());
    } else if (c == '[' || c == '{') {
      if (++depth > limit) {
        return i;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

// Line and column (in characters, as toml++ counts them) of a byte offset.
Position position_at(std::string_view text, std::size_t offset)
{
  const std::size_t start = offset == 0 ? 0 : text.rfind('\n', offset - 1);
  const std::size_t line_start = start == std::string_view::npos || offset == 0 ? 0 : start + 1;
  int column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
  }
  const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n') + 1;
  return Position{static_cast<int>(line), column};
}

// The column just after the last character of a line, its CR not counted (toml++ counts
// it, and places an error at the end of a CRLF line one column too far).
int line_end_column(std::string_view text, int line)
{
  std::size_t start = 0;
  for (int l = 1; l < line && start != std::string_view::npos; ++l) {
    start = text.find('\n', start);
    start = start == std::string_view::npos ? start : start + 1;
  }
  if (start == std::string_view::npos) {
    return 1;
  }
  std::size_t end = std::min(text.find('\n', start), text.size());
  if (end > start && text[end - 1] == '\r') {
    --end;
  }
  std::size_t chars = 0;
  for (std::size_t i = start; i < end; ++i) {
    chars += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
  }
  return static_cast<int>(chars) + 1;
}

// For `key = some words` (a string without quotes, the commonest slip), the line as it
// should be written.
std::string quoting_hint(std::string_view text, int line)
{
  std::size_t start = 0;
  for (int l = 1; l < line && start != std::string_view::npos; ++l) {
    start = text.find('\n', start);
    start = start == std::string_view::npos ? start : start + 1;
  }
  if (start == std::string_view::npos) {
    return {};
  }
  std::string_view row = text.substr(start, text.find('\n', start) - start);
  if (row.ends_with('\r')) {
    row.remove_suffix(1);
  }
  const std::size_t eq = row.find('=');
  if (eq == std::string_view::npos) {
    return {};
  }
  const std::string_view key = text::trim(row.substr(0, eq));
  const std::string_view value = text::trim(row.substr(eq + 1));
  const bool bare_key = !key.empty() && key.find_first_not_of(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.") == std::string_view::npos;
  if (!bare_key || value.empty() || std::string_view("\"'[{+-#0123456789").find(value.front()) != std::string_view::npos ||
      value == "true" || value == "false" || value.find('"') != std::string_view::npos) {
    return {};
  }
  return fmt::format("text values are quoted: {} = \"{}\"", key, value);
}

}  // namespace

Position position_of(const toml::source_region& region)
{
  return Position{static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

tl::expected<toml::table, TomlError> parse_toml(std::string_view text, std::string_view path)
{
  if (const auto deep = too_deep(text, k_max_toml_nesting)) {
    return tl::unexpected(TomlError{position_at(text, *deep),
      fmt::format("arrays or tables are nested deeper than {} levels", k_max_toml_nesting), {}});
  }
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    Position pos = position_of(e.source());
    if (pos.line == 0) {
      pos = Position{1, 1};
    }
    pos.column = std::min(pos.column, line_end_column(text, pos.line));
    return tl::unexpected(TomlError{pos, fmt::format("invalid TOML: {}", e.description()), quoting_hint(text, pos.line)});
  }
}

void TomlSettingsReader::string(const toml::table& t, std::string_view key, std::string& out)
{
  if (const toml::node* node = t.get(key)) {
    if (const auto* s = node->as_string()) {
      out = s->get();
    } else {
      error(*node, fmt::format("{} must be a string", key));
    }
  }
}

void TomlSettingsReader::strings(const toml::table& t, std::string_view key, std::vector<std::string>& out)
{
  const toml::node* node = t.get(key);
  if (node == nullptr) {
    return;
  }
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    error(*node, fmt::format("{} must be an array of strings", key));
    return;
  }
  out.clear();
  for (const toml::node& item : *array) {
    if (const auto* s = item.as_string()) {
      out.push_back(s->get());
    } else {
      error(item, fmt::format("{} must contain only strings", key));
    }
  }
}

void TomlSettingsReader::boolean(const toml::table& t, std::string_view key, bool& out)
{
  if (const toml::node* node = t.get(key)) {
    if (const auto* b = node->as_boolean()) {
      out = b->get();
    } else {
      error(*node, fmt::format("{} must be true or false", key));
    }
  }
}

}  // namespace styr
