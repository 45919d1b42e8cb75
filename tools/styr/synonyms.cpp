#include "styr/synonyms.hpp"

#include "styr/resources.hpp"
#include "styr/text.hpp"
#include "styr/toml_text.hpp"

#include <fmt/format.h>

#include <optional>

namespace styr {

std::vector<SynonymGroup> read_synonym_groups(const toml::node& node, std::string_view name,
                                              const std::function<void(const toml::node&, std::string)>& error)
{
  std::vector<SynonymGroup> groups;
  const toml::array* array = node.as_array();
  if (array == nullptr) {
    error(node, fmt::format("{} must be an array of groups of synonyms, e.g. [[\"backup\", \"säkerhetskopiering\"]]",
                            name));
    return groups;
  }
  for (const toml::node& item : *array) {
    const toml::array* terms = item.as_array();
    if (terms == nullptr) {
      error(item, fmt::format("each group in {} must be an array of terms, e.g. [\"mejl\", \"e-post\"]", name));
      continue;
    }
    SynonymGroup group;
    bool valid = true;
    for (const toml::node& term : *terms) {
      const auto* text = term.as_string();
      if (text == nullptr) {
        error(term, fmt::format("a group in {} must contain only strings", name));
        valid = false;
      } else if (text::trim(text->get()).empty()) {
        error(term, fmt::format("a group in {} must not contain an empty string", name));
        valid = false;
      } else {
        group.emplace_back(text::trim(text->get()));
      }
    }
    if (valid && group.size() < 2) {
      error(item, fmt::format("a group in {} needs at least two terms that mean the same", name));
      valid = false;
    }
    if (valid) {
      groups.push_back(std::move(group));
    }
  }
  return groups;
}

tl::expected<std::vector<SynonymGroup>, std::string> parse_synonym_list(std::string_view text, std::string_view path)
{
  auto root = parse_toml(text, path);
  if (!root) {
    const Position p = root.error().position;
    return tl::unexpected(fmt::format("{}:{}:{}: {}", path, p.line, p.column, root.error().message));
  }
  const toml::node* groups = root->get("groups");
  if (groups == nullptr) {
    return tl::unexpected(fmt::format("{}: groups is missing", path));
  }
  std::optional<std::string> fault;
  const auto report = [&](const toml::node& at, std::string message) {
    if (!fault) {
      const Position p = position_of(at.source());
      fault = fmt::format("{}:{}:{}: {}", path, p.line, p.column, message);
    }
  };
  std::vector<SynonymGroup> result = read_synonym_groups(*groups, "groups", report);
  if (fault) {
    return tl::unexpected(*fault);
  }
  return result;
}

const std::vector<SynonymGroup>& builtin_synonyms(std::string_view language)
{
  static const std::vector<SynonymGroup> k_none;
  if (language != "sv") {
    return k_none;
  }
  // A fault in the list is caught by its unit test; here a faulty list is an empty one.
  static const std::vector<SynonymGroup> k_swedish =
    parse_synonym_list(find_resource("synonyms/sv.toml").value_or(""), "synonyms/sv.toml")
      .value_or(std::vector<SynonymGroup>{});
  return k_swedish;
}

}  // namespace styr
