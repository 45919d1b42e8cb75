// The names a Mustache template looks up, and the ones no data given to it can hold: a
// misspelt {{site_titel}} renders as nothing, so `styr build` warns about it where it is.
#pragma once

#include "styr/diagnostic.hpp"

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace styr {

enum class TagKind { variable, section, inverted, partial };

// A tag that looks a name up: {{x}}, {{{x}}}, {{&x}}, {{#x}}, {{^x}} or {{> x}}.
struct TemplateTag
{
  std::string name;      // as written, e.g. "rows" or "parent.title"
  TagKind kind = TagKind::variable;
  std::size_t offset = 0;  // of the name in the text
  // The sections around the tag whose values it sees, outermost first; an inverted
  // section shows only when its value is missing or empty, so it adds none.
  std::vector<std::string> within;
};

// The tags of a template in order, read as kainjow reads them (comments skipped, set
// delimiter tags followed). A template kainjow refuses gives the tags before the fault.
std::vector<TemplateTag> template_tags(std::string_view text);

// The names a template's data can hold: "title", and "rows.title" for a field of each item
// of rows (or of the object parent, as "parent.title"). Every prefix is a name too. A list is
// declared by "[]" after its name, "rows[].title": a dotted name that goes through it,
// {{rows.title}}, finds nothing, since only a section over the list sees its items' fields.
class TemplateFields
{
public:
  TemplateFields() = default;
  TemplateFields(std::initializer_list<std::string_view> names);
  void add(std::string_view name);
  bool contains(std::string_view name) const { return m_names.contains(name); }
  bool is_list(std::string_view name) const { return m_lists.contains(name); }
  const std::set<std::string, std::less<>>& names() const { return m_names; }  // without "[]"
  const std::set<std::string, std::less<>>& lists() const { return m_lists; }

private:
  std::set<std::string, std::less<>> m_names;
  std::set<std::string, std::less<>> m_lists;
};

struct UnknownName
{
  Position position;    // of the name in the template
  std::string message;  // `unknown name "titel", which is always empty; did you mean "title"?`
};

// Each name the template uses that its data cannot hold, in the order of the text. A name
// is looked up as Mustache does: in the items of each section around it, innermost first,
// then outside; names inside a section whose own name is unknown are not judged. A dotted
// name that goes through a list holds nothing either.
std::vector<UnknownName> unknown_template_names(std::string_view text, const TemplateFields& fields);

}  // namespace styr
