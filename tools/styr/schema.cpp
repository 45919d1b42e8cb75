#include "styr/schema.hpp"

#include "styr/resources.hpp"
#include "styr/text.hpp"
#include "styr/toml_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <tuple>

namespace styr {

namespace {

constexpr std::string_view k_default_name = "<built-in schema>";

struct KindName
{
  FieldKind kind;
  std::string_view name;
};

constexpr KindName k_kinds[] = {
  {FieldKind::string, "string"}, {FieldKind::integer, "integer"}, {FieldKind::boolean, "boolean"},
  {FieldKind::date, "date"},     {FieldKind::array, "array"},     {FieldKind::id, "id"},
  {FieldKind::role, "role"},     {FieldKind::iso27002, "iso27002"}, {FieldKind::tables, "tables"},
};

// Merges `overlay` into `base`: tables recursively, everything else replaced. Nodes are
// moved, because toml++ keeps source positions only through moves.
void merge(toml::table& base, toml::table&& overlay)
{
  for (auto&& [key, value] : overlay) {
    toml::node* existing = base.get(key);
    if (existing != nullptr && existing->is_table() && value.is_table()) {
      merge(*existing->as_table(), std::move(*value.as_table()));
    } else if (value.is_table()) {
      base.insert_or_assign(key, std::move(*value.as_table()));
    } else if (value.is_array()) {
      base.insert_or_assign(key, std::move(*value.as_array()));
    } else {
      // Captured by name: clang before 16 cannot capture a structured binding.
      value.visit([&base, &key = key](auto&& v) { base.insert_or_assign(key, std::move(v)); });
    }
  }
}

class SchemaReader : public TomlSettingsReader
{
public:
  Schema read(const toml::table& root)
  {
    Schema schema;
    schema.source = root;
    known(root, {"fields", "types", "replace"});
    if (const toml::table* fields = table(root, "fields")) {
      schema.fields = read_fields(*fields);
    }
    const toml::table* types = table(root, "types");
    if (types == nullptr || types->empty()) {
      error(root, "the schema defines no document types ([types.NAME])");
      return schema;
    }
    std::map<std::string, std::string> by_address;  // each type's list is at typ/SLUG.html on the site
    for (const auto& [key, value] : *types) {
      if (const toml::table* t = as_table(value, fmt::format("types.{}", key.str()))) {
        schema.types.push_back(read_type(std::string(key.str()), *t));
        const std::string page = type_page_name(key.str());
        if (page.empty()) {
          error(value, fmt::format("types.{}: a type's name needs a letter or digit, for the address of its list",
                                   key.str()));
        } else if (const auto [other, fresh] = by_address.emplace(page, key.str()); !fresh) {
          error(value, fmt::format("types.{} and types.{} would share the address of their list (typ/{}.html); "
                                   "rename one", other->second, key.str(), page));
        }
      }
    }
    // toml++ keeps keys sorted; the order of writing is the hierarchy's order.
    std::vector<std::pair<std::tuple<bool, unsigned, unsigned>, std::string>> order;
    for (const auto& [key, value] : *types) {
      order.emplace_back(written_order(key.source()), std::string(key.str()));
    }
    const auto rank = [&](const std::string& name) {
      return std::find_if(order.begin(), order.end(), [&](const auto& p) { return p.second == name; })->first;
    };
    std::stable_sort(schema.types.begin(), schema.types.end(),
                     [&](const DocumentType& a, const DocumentType& b) { return rank(a.name) < rank(b.name); });
    for (const DocumentType& t : schema.types) {
      const toml::node* parents = types->get(t.name)->as_table()->get("parents");
      for (const std::string& parent : t.parents) {
        if (schema.find_type(parent) == nullptr) {
          error(*parents, fmt::format("types.{}.parents names \"{}\", which is not a type", t.name, parent));
        }
      }
    }
    return schema;
  }

  Diagnostics take_problems() { return std::move(m_problems); }

private:
  void error(const toml::node& at, std::string message) override
  {
    const toml::source_region& src = at.source();
    const std::string path = src.path ? *src.path : std::string(k_default_name);
    Position pos = position_of(src);
    if (pos.line == 0) {
      pos = Position{1, 1};
    }
    m_problems.push_back(make_diagnostic(path, pos, "config", "schema: " + std::move(message)));
  }

  void known(const toml::table& t, std::initializer_list<std::string_view> names)
  {
    for (const auto& [key, value] : t) {
      if (std::find(names.begin(), names.end(), key.str()) == names.end()) {
        error(value, fmt::format("unknown schema key \"{}\"", key.str()));
      }
    }
  }

  const toml::table* as_table(const toml::node& node, std::string_view what)
  {
    if (!node.is_table()) {
      error(node, fmt::format("{} must be a table", what));
      return nullptr;
    }
    return node.as_table();
  }

  const toml::table* table(const toml::table& t, std::string_view key)
  {
    const toml::node* node = t.get(key);
    return node != nullptr ? as_table(*node, key) : nullptr;
  }

  std::optional<std::int64_t> integer(const toml::table& t, std::string_view key)
  {
    if (const toml::node* node = t.get(key)) {
      if (const auto* i = node->as_integer()) {
        return i->get();
      }
      error(*node, fmt::format("{} must be an integer", key));
    }
    return std::nullopt;
  }

  std::optional<std::regex> regex(const toml::table& t, std::string_view key, const std::string& pattern)
  {
    if (pattern.empty()) {
      return std::nullopt;
    }
    try {
      return std::regex(pattern, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& e) {
      error(*t.get(key), fmt::format("{} is not a valid regular expression: {}", key, e.what()));
      return std::nullopt;
    }
  }

  FieldKind kind(const toml::table& t, std::string_view key, FieldKind fallback)
  {
    std::string name;
    string(t, key, name);
    if (name.empty()) {
      return fallback;
    }
    for (const KindName& k : k_kinds) {
      if (k.name == name) {
        return k.kind;
      }
    }
    error(*t.get(key), fmt::format("{} \"{}\" is not one of string, integer, boolean, date, array, id, "
                                   "role, iso27002, tables", key, name));
    return fallback;
  }

  std::vector<FieldSpec> read_fields(const toml::table& fields)
  {
    std::vector<FieldSpec> result;
    std::vector<std::pair<std::tuple<bool, unsigned, unsigned>, std::string>> order;
    for (const auto& [key, value] : fields) {
      const toml::table* t = as_table(value, fmt::format("fields.{}", key.str()));
      if (t == nullptr) {
        continue;
      }
      known(*t, {"kind", "items", "required", "enum", "pattern", "min", "max", "min_items", "label",
                 "description", "fields"});
      FieldSpec f;
      f.name = key.str();
      f.kind = kind(*t, "kind", FieldKind::string);
      f.items = kind(*t, "items", FieldKind::string);
      boolean(*t, "required", f.required);
      strings(*t, "enum", f.allowed);
      string(*t, "pattern", f.pattern);
      f.pattern_regex = regex(*t, "pattern", f.pattern);
      f.min = integer(*t, "min");
      f.max = integer(*t, "max");
      f.min_items = static_cast<std::size_t>(std::max<std::int64_t>(0, integer(*t, "min_items").value_or(0)));
      string(*t, "label", f.label);
      string(*t, "description", f.description);
      if (f.label.empty()) {
        f.label = f.name;
      }
      if (const toml::table* sub = table(*t, "fields")) {
        f.fields = read_fields(*sub);
      }
      if (f.kind == FieldKind::tables && f.fields.empty()) {
        error(value, fmt::format("fields.{} has kind \"tables\" but no fields", f.name));
      }
      result.push_back(std::move(f));
      order.emplace_back(written_order(key.source()), result.back().name);
    }
    // toml++ keeps keys sorted; keep the order in which the fields are written instead.
    std::stable_sort(result.begin(), result.end(), [&](const FieldSpec& a, const FieldSpec& b) {
      const auto rank = [&](const std::string& name) {
        return std::find_if(order.begin(), order.end(), [&](const auto& p) { return p.second == name; })->first;
      };
      return rank(a.name) < rank(b.name);
    });
    return result;
  }

  // Built-in entries first, then those from styr.toml, each in the order of their lines.
  static std::tuple<bool, unsigned, unsigned> written_order(const toml::source_region& src)
  {
    const bool built_in = !src.path || *src.path == k_default_name;
    return {!built_in, src.begin.line, src.begin.column};
  }

  DocumentType read_type(std::string name, const toml::table& t)
  {
    known(t, {"label", "plural", "id_pattern", "decision", "decided_by", "parents", "max_review_months",
              "required_sections", "optional_sections", "other_sections", "fields"});
    DocumentType type;
    type.name = std::move(name);
    string(t, "label", type.label);
    string(t, "plural", type.plural);
    string(t, "id_pattern", type.id_pattern);
    type.id_regex = regex(t, "id_pattern", type.id_pattern);
    boolean(t, "decision", type.decision);
    strings(t, "decided_by", type.decided_by);
    strings(t, "parents", type.parents);
    type.max_review_months = static_cast<int>(integer(t, "max_review_months").value_or(0));
    strings(t, "required_sections", type.required_sections);
    strings(t, "optional_sections", type.optional_sections);
    boolean(t, "other_sections", type.other_sections);
    for (const std::string& section : type.required_sections) {
      type.required_keys.push_back(normalize_section(section));
    }
    for (const std::string& section : type.optional_sections) {
      type.optional_keys.push_back(normalize_section(section));
    }
    if (const toml::table* fields = table(t, "fields")) {
      type.fields = read_fields(*fields);
    }
    if (type.label.empty()) {
      type.label = type.name;
    }
    if (type.plural.empty()) {
      type.plural = type.label;
    }
    if (type.decision && type.decided_by.empty()) {
      error(t, fmt::format("types.{} needs decided_by (or decision = false)", type.name));
    }
    return type;
  }

  Diagnostics m_problems;
};

}  // namespace

std::string_view to_string(FieldKind kind)
{
  for (const KindName& k : k_kinds) {
    if (k.kind == kind) {
      return k.name;
    }
  }
  return "string";
}

const DocumentType* Schema::find_type(std::string_view name) const
{
  const auto it = std::find_if(types.begin(), types.end(), [&](const DocumentType& t) { return t.name == name; });
  return it != types.end() ? &*it : nullptr;
}

const FieldSpec* Schema::find_field(const DocumentType* type, std::string_view name) const
{
  if (type != nullptr) {
    for (const FieldSpec& f : type->fields) {
      if (f.name == name) {
        return &f;
      }
    }
  }
  for (const FieldSpec& f : fields) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

std::vector<std::string_view> Schema::type_names() const
{
  std::vector<std::string_view> names;
  for (const DocumentType& t : types) {
    names.push_back(t.name);
  }
  return names;
}

std::vector<std::string> Schema::bodies() const
{
  std::vector<std::string> result;
  for (const DocumentType& t : types) {
    for (const std::string& body : t.decided_by) {
      if (std::find(result.begin(), result.end(), body) == result.end()) {
        result.push_back(body);
      }
    }
  }
  return result;
}

tl::expected<Schema, Diagnostics> parse_schema(const toml::table& table)
{
  SchemaReader reader;
  Schema schema = reader.read(table);
  Diagnostics problems = reader.take_problems();
  if (!problems.empty()) {
    sort_diagnostics(problems);
    return tl::unexpected(std::move(problems));
  }
  return schema;
}

tl::expected<Schema, Diagnostics> load_schema(const Config& config)
{
  std::optional<toml::table> overlay;
  if (!config.text.empty()) {
    auto root = parse_toml(config.text, k_config_file);
    if (root && root->get_as<toml::table>("schema") != nullptr) {
      overlay = std::move(*root->get_as<toml::table>("schema"));
    }
  }
  const toml::node* replace = overlay ? overlay->get("replace") : nullptr;
  if (replace != nullptr && !replace->is_boolean()) {
    return tl::unexpected(Diagnostics{make_diagnostic(std::string(k_config_file), position_of(replace->source()),
                                                      "config", "schema.replace must be true or false")});
  }
  toml::table merged;
  if (replace == nullptr || !replace->as_boolean()->get()) {
    auto parsed = parse_toml(find_resource("default_schema.toml").value_or(""), k_default_name);
    if (!parsed) {
      return tl::unexpected(Diagnostics{make_diagnostic(std::string(k_default_name), parsed.error().position,
                                                        "config", parsed.error().message)});
    }
    merged = std::move(*parsed);
  }
  if (overlay) {
    overlay->erase("replace");
    merge(merged, std::move(*overlay));
  }
  return parse_schema(merged);
}

std::string schema_to_toml(const Schema& schema)
{
  std::ostringstream out;
  out << toml::toml_formatter(schema.source) << "\n";
  return out.str();
}

std::string type_page_name(std::string_view type)
{
  const std::string slug = text::slugify(type);
  return slug == "index" ? "index-2" : slug;
}

std::string normalize_section(std::string_view heading)
{
  const std::string seen = text::canonical(heading);
  std::string_view h = text::trim(seen);
  // Section numbering: "2", "2.", "2.1" or "10.3." followed by a space; each part one or
  // two digits, so that "2030 års mål" keeps its year.
  std::size_t i = 0;
  bool numbering = false;
  while (i < h.size()) {
    std::size_t digits = 0;
    while (i + digits < h.size() && h[i + digits] >= '0' && h[i + digits] <= '9') {
      ++digits;
    }
    if (digits == 0 || digits > 2) {
      numbering = false;
      break;
    }
    i += digits;
    numbering = true;
    if (i < h.size() && h[i] == '.') {
      ++i;
    }
    if (i < h.size() && (h[i] == ' ' || h[i] == '\t')) {
      break;
    }
  }
  if (numbering && i < h.size() && (h[i] == ' ' || h[i] == '\t')) {
    h = text::trim(h.substr(i));
  }
  return text::fold_case(h);
}

}  // namespace styr
