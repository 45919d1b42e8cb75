// The schema: the document types of the common structure and the fields of the front
// matter. The default is built in (data/default_schema.toml); styr.toml's [schema] table
// extends it key by key, or replaces it with `replace = true`.
#pragma once

#include "styr/config.hpp"
#include "styr/diagnostic.hpp"

#include <toml++/toml.h>
#include <tl/expected.hpp>

#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace styr {

enum class FieldKind { string, integer, boolean, date, array, id, role, iso27002, tables };

std::string_view to_string(FieldKind kind);

struct FieldSpec
{
  std::string name;
  FieldKind kind = FieldKind::string;
  FieldKind items = FieldKind::string;  // for arrays
  bool required = false;
  std::vector<std::string> allowed;  // enum; empty = any
  std::string pattern;               // regular expression; empty = any
  std::optional<std::regex> pattern_regex;
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  std::size_t min_items = 0;
  std::string label;
  std::string description;
  std::vector<FieldSpec> fields;  // for tables
};

struct DocumentType
{
  std::string name;  // e.g. "riktlinje"
  std::string label;
  std::string plural;
  std::string id_pattern;
  std::optional<std::regex> id_regex;
  bool decision = true;  // false: a supporting document, published without a decision
  std::vector<std::string> decided_by;
  std::vector<std::string> parents;
  int max_review_months = 0;  // 0 = no maximum
  std::vector<std::string> required_sections;
  std::vector<std::string> optional_sections;
  std::vector<std::string> required_keys;  // the sections as compared (normalize_section)
  std::vector<std::string> optional_keys;
  bool other_sections = true;
  std::vector<FieldSpec> fields;  // fields only this type has
};

struct Schema
{
  std::vector<FieldSpec> fields;     // fields every type has
  std::vector<DocumentType> types;   // in the order they are written
  toml::table source;                // the merged schema, for --print-schema

  const DocumentType* find_type(std::string_view name) const;
  // The type's own field, or the common one, or null.
  const FieldSpec* find_field(const DocumentType* type, std::string_view name) const;
  std::vector<std::string_view> type_names() const;
  // Every body any type allows in decided_by, in order of first appearance.
  std::vector<std::string> bodies() const;
};

// The built-in schema merged with the configuration's [schema].
tl::expected<Schema, Diagnostics> load_schema(const Config& config);

// Parses a schema table (already merged); `path` names the source in diagnostics.
tl::expected<Schema, Diagnostics> parse_schema(const toml::table& table);

// The name of a type's list on the site, typ/NAME.html: its slug, beside typ/index.html,
// which lists the types. Empty for a name without a letter or digit.
std::string type_page_name(std::string_view type);

// The schema in effect, as TOML.
std::string schema_to_toml(const Schema& schema);

// A section heading as compared: as a reader sees it (text::canonical), trimmed, case-folded,
// without a leading "2." or "2.1".
std::string normalize_section(std::string_view heading);

}  // namespace styr
