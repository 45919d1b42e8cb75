// The names a template uses (template_tags), the warning for those its data cannot hold,
// and that styr's own templates have none.
#include "styr/resources.hpp"
#include "styr/site.hpp"
#include "styr/template_names.hpp"
#include "styr/theme.hpp"

#include "support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

using namespace styr;
using namespace styr::test;

namespace {

// Each tag as "kind name @offset [within]", one a line.
std::string tags_of(std::string_view text)
{
  std::string out;
  for (const TemplateTag& t : template_tags(text)) {
    const char* kind = t.kind == TagKind::section    ? "#"
                       : t.kind == TagKind::inverted ? "^"
                       : t.kind == TagKind::partial  ? ">"
                                                     : "";
    out += fmt::format("{}{} @{} [{}]\n", kind, t.name, t.offset, fmt::join(t.within, " "));
  }
  return out;
}

std::size_t count(std::string_view text, const TemplateFields& fields)
{
  return unknown_template_names(text, fields).size();
}

// The warnings, one a line, as a build prints them.
std::string warnings(std::string_view text, const TemplateFields& fields,
                     std::string_view file = "templates/t.mustache")
{
  std::string out;
  for (const UnknownName& w : unknown_template_names(text, fields)) {
    out += fmt::format("{}{}:{}:{}: {}", out.empty() ? "" : "\n", file, w.position.line, w.position.column, w.message);
  }
  return out;
}

}  // namespace

TEST_CASE("template_tags finds every name, in which sections, and where")
{
  CHECK(tags_of("<p>{{title}} {{{body}}} {{& raw }}</p>") == "title @5 []\nbody @16 []\nraw @28 []\n");
  // Names inside a section see its items; an inverted section has none to show.
  CHECK(tags_of("{{#rows}}{{title}}{{#parent}}{{id}}{{/parent}}{{/rows}}{{^rows}}{{none}}{{/rows}}{{after}}") ==
        "#rows @3 []\ntitle @11 [rows]\n#parent @21 [rows]\nid @31 [rows parent]\n^rows @58 []\nnone @66 []\n"
        "after @83 []\n");
  CHECK(tags_of("{{#a}}{{^b}}{{c}}{{/b}}{{d}}{{/a}}") == "#a @3 []\n^b @9 [a]\nc @14 [a]\nd @25 [a]\n");
  // Spaces inside a tag, dotted names, the current item.
  CHECK(tags_of("{{ # rows }}{{ parent.title }}{{.}}{{/ rows }}") ==
        "#rows @5 []\nparent.title @15 [rows]\n. @32 [rows]\n");
  // Comments hold no names; a partial is looked up like one.
  CHECK(tags_of("{{! not_a_name }}{{> tree_node}}") == ">tree_node @21 []\n");
}

TEST_CASE("template_tags follows set delimiter tags as kainjow does")
{
  // After {{=<% %>=}}, only <% %> opens a tag, and {{{ is a raw value only with the usual
  // braces: <%{body}%> looks up "{body}", as kainjow does.
  CHECK(tags_of("{{=<% %>=}}<%title%> {{not}} <%{body}%><%={{ }}=%>{{{raw}}}") ==
        "title @13 []\n{body} @31 []\nraw @53 []\n");
}

TEST_CASE("template_tags stops at a tag that is not closed")
{
  CHECK(tags_of("{{a}} {{b") == "a @2 []\n");
  CHECK(tags_of("{{").empty());
  CHECK(tags_of("{{=x=}}{{a}}").empty());  // an invalid set delimiter tag
}

TEST_CASE("TemplateFields holds every prefix of a dotted name")
{
  const TemplateFields fields{"rows.parent.title"};
  CHECK(fields.contains("rows"));
  CHECK(fields.contains("rows.parent"));
  CHECK(fields.contains("rows.parent.title"));
  CHECK_FALSE(fields.contains("title"));
}

TEST_CASE("TemplateFields knows a list by the [] after its name")
{
  const TemplateFields fields{"rows[].parent.title", "toc[].subs[].id"};
  CHECK(fields.contains("rows"));
  CHECK(fields.contains("rows.parent.title"));
  CHECK_FALSE(fields.contains("rows[]"));
  CHECK(fields.is_list("rows"));
  CHECK_FALSE(fields.is_list("rows.parent"));
  CHECK(fields.is_list("toc.subs"));
  CHECK(fields.lists() == std::set<std::string, std::less<>>{"rows", "toc", "toc.subs"});
}

TEST_CASE("a dotted name through a list is a warning: only a section over the list sees its items")
{
  const TemplateFields fields{"rows[].title", "rows[].parent.title", "parent.title", "toc[].subs[].id"};
  CHECK(warnings("{{#rows}}{{title}} {{parent.title}}{{/rows}}{{parent.title}}", fields).empty());
  CHECK(warnings("<p>{{rows.title}}</p>", fields) ==
        "templates/t.mustache:1:6: \"rows.title\" goes through the list \"rows\", which is always empty; "
        "a section over the list shows each item's field: {{#rows}}{{title}}{{/rows}}");
  CHECK(warnings("{{#rows.parent}}x{{/rows.parent}}", fields) ==
        "templates/t.mustache:1:4: \"rows.parent\" goes through the list \"rows\", so the section never shows; "
        "a section over the list shows each item's field: {{#rows}}{{parent}}{{/rows}}");
  // A list inside an item: from the item, the inner list is the one gone through.
  CHECK(warnings("{{#toc}}{{subs.id}}{{/toc}}", fields) ==
        "templates/t.mustache:1:11: \"subs.id\" goes through the list \"subs\", which is always empty; "
        "a section over the list shows each item's field: {{#subs}}{{id}}{{/subs}}");
  CHECK(warnings("{{#toc}}{{#subs}}{{id}}{{/subs}}{{/toc}}", fields).empty());
  // Inside a section that goes through a list, nothing more is said: the section is the fault.
  CHECK(count("{{#rows.parent}}{{title}} {{anything}}{{/rows.parent}}", fields) == 1);
}

TEST_CASE("a name no data can hold is a warning at its line and column, with the closest name")
{
  const TemplateFields fields{"site_title", "documents.title", "documents.href", "parent.title", "l.start"};
  CHECK(warnings("<h1>{{site_title}}</h1>", fields).empty());
  CHECK(warnings("<h1>\n  <b>{{site_titel}}</b></h1>", fields) ==
        "templates/t.mustache:2:8: unknown name \"site_titel\", which is always empty; did you mean \"site_title\"?");
  CHECK(warnings("{{#documnets}}{{title}}{{/documnets}}", fields) ==
        "templates/t.mustache:1:4: unknown name \"documnets\", so the section never shows; "
        "did you mean \"documents\"?");
  CHECK(warnings("{{^documnets}}-{{/documnets}}", fields) ==
        "templates/t.mustache:1:4: unknown name \"documnets\", so the section always shows; "
        "did you mean \"documents\"?");
  CHECK(count("{{{bdy}}}{{&bdy}}", fields) == 2);
  CHECK(warnings("{{> tree_nod}}", fields) ==
        "templates/t.mustache:1:5: unknown name \"tree_nod\", which is always empty");
  // Columns count characters.
  CHECK(warnings("åäö {{xyzzy}}", fields) ==
        "templates/t.mustache:1:7: unknown name \"xyzzy\", which is always empty");
}

TEST_CASE("inside a section, a name is an item's field or anything outside it")
{
  const TemplateFields fields{"site_title", "documents.title", "documents.href", "parent.title", "flag"};
  CHECK(warnings("{{#documents}}{{title}} {{href}} {{site_title}} {{.}}{{/documents}}", fields).empty());
  // A field of the items is not a name outside them, nor inside another section's items.
  CHECK(count("{{title}}", fields) == 1);
  CHECK(count("{{#parent}}{{href}}{{/parent}}", fields) == 1);
  // A section over a flag shows the names outside it.
  CHECK(warnings("{{#flag}}{{site_title}}{{#documents}}{{href}}{{/documents}}{{/flag}}", fields).empty());
  // Nested: the outer section's items stay in reach.
  CHECK(warnings("{{#parent}}{{#documents}}{{href}} {{title}}{{/documents}}{{/parent}}", fields).empty());
  // Dotted names, from any level.
  CHECK(warnings("{{parent.title}}{{#documents}}{{parent.title}}{{/documents}}", fields).empty());
  CHECK(warnings("{{parent.titel}}", fields) ==
        "templates/t.mustache:1:3: unknown name \"parent.titel\", which is always empty; "
        "did you mean \"parent.title\"?");
  // An inverted section shows no items: their fields are not in reach inside it.
  CHECK(count("{{^documents}}{{href}}{{/documents}}", fields) == 1);
  // Inside a section whose name is unknown, nothing more is said: the section is the fault.
  CHECK(count("{{#documnets}}{{title}} {{anything}}{{/documnets}}", fields) == 1);
}

TEST_CASE("a label is a name l.KEY, with the closest label suggested")
{
  const TemplateFields fields{"l.site_name", "l.start"};
  CHECK(warnings("{{l.site_name}}{{#l.start}}x{{/l.start}}", fields).empty());
  CHECK(warnings("{{l.site_nam}}", fields) ==
        "templates/t.mustache:1:3: unknown name \"l.site_nam\", which is always empty; "
        "did you mean \"l.site_name\"?");
}

TEST_CASE("styr's own templates use no name their data cannot hold, in either language")
{
  Workspace workspace;
  workspace.root = test_dir() / "no-repository";
  for (const char* language : {"sv", "en"}) {
    const Labels labels = load_labels(workspace, language).value();
    for (const std::string_view name : k_template_names) {
      CAPTURE(language);
      CAPTURE(name);
      TemplateFields fields = template_fields(name);
      for (const auto& [key, label] : labels) {
        fields.add("l." + key);
      }
      const std::string file = fmt::format("templates/{}.mustache", name);
      const auto text = find_resource(file);
      REQUIRE(text);
      CHECK(warnings(*text, fields, file) == "");
    }
  }
}
