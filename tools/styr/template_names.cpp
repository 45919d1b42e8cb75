#include "styr/template_names.hpp"

#include "styr/diagnostic.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace styr {

namespace {

// A set delimiter tag's contents, "=<% %>=": the new opening and closing delimiters.
std::optional<std::pair<std::string, std::string>> new_delimiters(std::string_view contents)
{
  if (contents.size() < 5 || contents.back() != '=') {
    return std::nullopt;
  }
  const std::string_view inner = text::trim(contents.substr(1, contents.size() - 2));
  const std::size_t space = inner.find(' ');
  if (space == std::string_view::npos) {
    return std::nullopt;
  }
  return std::pair(std::string(inner.substr(0, space)), std::string(text::trim(inner.substr(space + 1))));
}

// The value a name stands for, as the path of a field ("rows.title"), looked up from the
// innermost scope outwards; each scope is a path prefix, "" for the data itself.
std::optional<std::string> resolve(std::string_view name, const std::vector<std::string>& scopes,
                                   const TemplateFields& fields)
{
  for (auto scope = scopes.rbegin(); scope != scopes.rend(); ++scope) {
    std::string path = *scope + std::string(name);
    if (fields.contains(path)) {
      return path;
    }
  }
  return std::nullopt;
}

// The list a dotted name goes through, looked up from the scope it was found in, if any:
// "rows" for "rows.title" when rows is a list.
std::optional<std::string> list_passed(std::string_view name, std::string_view path, const TemplateFields& fields)
{
  const std::string_view scope = path.substr(0, path.size() - name.size());
  for (std::size_t dot = name.find('.'); dot != std::string_view::npos; dot = name.find('.', dot + 1)) {
    if (const std::string through = fmt::format("{}{}", scope, name.substr(0, dot)); fields.is_list(through)) {
      return std::string(name.substr(0, dot));
    }
  }
  return std::nullopt;
}

// The names that would be found from these scopes with as many parts as `name`: what a
// slip of the keyboard in `name` may have meant.
std::vector<std::string> names_in_reach(std::string_view name, const std::vector<std::string>& scopes,
                                        const TemplateFields& fields)
{
  const auto dots = std::count(name.begin(), name.end(), '.');
  std::vector<std::string> out;
  for (const std::string& scope : scopes) {
    for (auto it = fields.names().lower_bound(scope); it != fields.names().end() && it->starts_with(scope); ++it) {
      const std::string_view rest = std::string_view(*it).substr(scope.size());
      if (std::count(rest.begin(), rest.end(), '.') == dots) {
        out.emplace_back(rest);
      }
    }
  }
  return out;
}

}  // namespace

std::vector<TemplateTag> template_tags(std::string_view text)
{
  std::vector<TemplateTag> tags;
  std::vector<std::string> within;
  std::vector<bool> inverted;  // per open section, whether it is one
  std::string open = "{{";
  std::string close = "}}";
  std::size_t pos = 0;
  while (true) {
    const std::size_t start = text.find(open, pos);
    if (start == std::string_view::npos) {
      break;
    }
    std::size_t contents = start + open.size();
    // {{{x}}} is a raw value only while the delimiters are the usual ones.
    const bool triple = open == "{{" && close == "}}" && contents < text.size() && text[contents] == '{';
    const std::string_view end_mark = triple ? std::string_view("}}}") : std::string_view(close);
    if (triple) {
      ++contents;
    }
    const std::size_t end = text.find(end_mark, contents);
    if (end == std::string_view::npos) {
      break;
    }
    pos = end + end_mark.size();
    const std::string_view raw = text.substr(contents, end - contents);
    const std::string_view body = text::trim(raw);
    if (body.empty()) {
      continue;
    }
    if (!triple && body.front() == '=') {
      const auto delimiters = new_delimiters(body);
      if (!delimiters) {
        break;
      }
      std::tie(open, close) = *delimiters;
      continue;
    }
    TemplateTag tag;
    std::string_view name = body;
    const char sigil = triple ? '\0' : body.front();
    if (sigil != '\0' && std::string_view("#^/>&!").find(sigil) != std::string_view::npos) {
      name = text::trim(body.substr(1));
    }
    switch (sigil) {
      case '!':
        continue;
      case '/':
        if (!inverted.empty()) {
          if (!inverted.back()) {
            within.pop_back();
          }
          inverted.pop_back();
        }
        continue;
      case '#': tag.kind = TagKind::section; break;
      case '^': tag.kind = TagKind::inverted; break;
      case '>': tag.kind = TagKind::partial; break;
      default: tag.kind = TagKind::variable; break;
    }
    tag.name = std::string(name);
    tag.offset = static_cast<std::size_t>(name.data() - text.data());
    tag.within = within;
    if (tag.kind == TagKind::section || tag.kind == TagKind::inverted) {
      inverted.push_back(tag.kind == TagKind::inverted);
      if (tag.kind == TagKind::section) {
        within.push_back(tag.name);
      }
    }
    tags.push_back(std::move(tag));
  }
  return tags;
}

TemplateFields::TemplateFields(std::initializer_list<std::string_view> names)
{
  for (const std::string_view name : names) {
    add(name);
  }
}

void TemplateFields::add(std::string_view name)
{
  std::string plain;
  for (std::size_t start = 0; start <= name.size();) {
    const std::size_t dot = std::min(name.find('.', start), name.size());
    std::string_view part = name.substr(start, dot - start);
    const bool list = part.ends_with("[]");
    if (list) {
      part.remove_suffix(2);
    }
    plain += part;
    m_names.emplace(plain);
    if (list) {
      m_lists.emplace(plain);
    }
    plain += '.';
    start = dot + 1;
  }
}

std::vector<UnknownName> unknown_template_names(std::string_view text, const TemplateFields& fields)
{
  std::vector<UnknownName> warnings;
  const text::LineIndex lines(text);
  for (const TemplateTag& tag : template_tags(text)) {
    if (tag.name.empty() || tag.name == ".") {
      continue;  // the current item
    }
    std::vector<std::string> scopes{""};
    bool judged = true;
    for (const std::string& section : tag.within) {
      const auto path = resolve(section, scopes, fields);
      if (!path || list_passed(section, *path, fields)) {
        judged = false;  // said at the section itself
        break;
      }
      scopes.push_back(*path + ".");
    }
    if (!judged) {
      continue;
    }
    const std::string_view effect = tag.kind == TagKind::section    ? "so the section never shows"
                                    : tag.kind == TagKind::inverted ? "so the section always shows"
                                                                    : "which is always empty";
    const Position position = lines.position(tag.offset);
    if (const auto path = resolve(tag.name, scopes, fields)) {
      if (const auto list = list_passed(tag.name, *path, fields)) {
        const std::string field = tag.name.substr(list->size() + 1);
        warnings.push_back(UnknownName{position, fmt::format(
          "\"{}\" goes through the list \"{}\", {}; a section over the list shows each item's field: "
          "{{{{#{}}}}}{{{{{}}}}}{{{{/{}}}}}", tag.name, *list, effect, *list, field, *list)});
      }
      continue;
    }
    UnknownName warning{position, fmt::format("unknown name \"{}\", {}", tag.name, effect)};
    if (const std::string hint = did_you_mean(tag.name, names_in_reach(tag.name, scopes, fields)); !hint.empty()) {
      warning.message += "; " + hint;
    }
    warnings.push_back(std::move(warning));
  }
  return warnings;
}

}  // namespace styr
