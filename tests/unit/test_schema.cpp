#include "styr/schema.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace styr;

namespace {

Config config_with_schema(std::string_view schema_toml)
{
  auto c = parse_config(std::string("[organisation]\nname = \"K\"\n") + std::string(schema_toml), "styr.toml");
  REQUIRE(c.has_value());
  return *c;
}

}  // namespace

TEST_CASE("the default schema has the six types in hierarchy order")
{
  const auto s = load_schema(Config{});
  REQUIRE(s.has_value());
  const std::vector<std::string_view> expected{"policy", "riktlinje", "rutin", "instruktion", "handlingsplan", "handbok"};
  CHECK(s->type_names() == expected);
  const DocumentType* policy = s->find_type("policy");
  REQUIRE(policy != nullptr);
  CHECK(policy->decided_by == std::vector<std::string>{"kommunfullmäktige", "kommunstyrelsen"});
  CHECK(policy->required_sections.front() == "Syfte");
  CHECK(policy->required_sections.size() == 7);
  CHECK_FALSE(policy->other_sections);
  CHECK_FALSE(s->find_type("handbok")->decision);
  CHECK(s->find_field(s->find_type("handlingsplan"), "action") != nullptr);
  CHECK(s->find_field(policy, "action") == nullptr);
  CHECK(std::regex_match("IS-RL-004", *s->find_type("riktlinje")->id_regex));
  CHECK_FALSE(std::regex_match("IS-RL-04", *s->find_type("riktlinje")->id_regex));
}

TEST_CASE("styr.toml extends the default schema key by key")
{
  const auto s = load_schema(config_with_schema(R"(
[schema.types.strategi]
label = "Strategi"
id_pattern = '^IS-STR-[0-9]{3}$'
decided_by = ["kommunfullmäktige"]
required_sections = ["Syfte"]
[schema.types.policy]
max_review_months = 36
[schema.fields.sakomrade]
kind = "string"
)"));
  REQUIRE(s.has_value());
  CHECK(s->find_type("strategi") != nullptr);
  CHECK(s->find_type("policy")->max_review_months == 36);
  CHECK(s->find_type("policy")->required_sections.size() == 7);
  CHECK(s->find_field(nullptr, "sakomrade") != nullptr);
}

TEST_CASE("replace = true starts from an empty schema")
{
  const auto s = load_schema(config_with_schema(R"(
[schema]
replace = true
[schema.types.regel]
decided_by = ["nämnden"]
)"));
  REQUIRE(s.has_value());
  CHECK(s->types.size() == 1);
  CHECK(s->fields.empty());
}

TEST_CASE("a bad schema is reported with positions in styr.toml")
{
  const auto s = load_schema(config_with_schema("[schema.types.policy]\nid_pattern = '(['\nparents = [\"strategi\"]\n"));
  REQUIRE_FALSE(s.has_value());
  bool regex_error = false;
  for (const Diagnostic& d : s.error()) {
    if (d.message.find("regular expression") != std::string::npos) {
      regex_error = true;
      CHECK(d.path == "styr.toml");
      CHECK(d.position.line == 4);
    }
  }
  CHECK(regex_error);
}

TEST_CASE("two types cannot share the address of their list on the site")
{
  const auto s = load_schema(config_with_schema(R"(
[schema]
replace = true
[schema.types.atgard]
decided_by = ["nämnden"]
[schema.types."åtgärd"]
decided_by = ["nämnden"]
[schema.types.index]
decision = false
[schema.types.index-2]
decision = false
[schema.types."§"]
decision = false
)"));
  REQUIRE_FALSE(s.has_value());
  std::vector<std::string> messages;
  for (const Diagnostic& d : s.error()) {
    CHECK(d.path == "styr.toml");
    messages.push_back(d.message);
  }
  std::sort(messages.begin(), messages.end());
  REQUIRE(messages.size() == 3);
  CHECK(messages[0] == "schema: types.atgard and types.åtgärd would share the address of their list (typ/atgard.html); "
                       "rename one");
  CHECK(messages[1] == "schema: types.index and types.index-2 would share the address of their list "
                       "(typ/index-2.html); rename one");
  CHECK(messages[2] == "schema: types.§: a type's name needs a letter or digit, for the address of its list");
  CHECK(type_page_name("Riktlinje") == "riktlinje");
}

TEST_CASE("section names are compared without numbering and case")
{
  CHECK(normalize_section("  2. Omfattning ") == "omfattning");
  CHECK(normalize_section("2.1 Roller och Ansvar") == "roller och ansvar");
  CHECK(normalize_section("MÅL") == "mål");
  CHECK(normalize_section("2030 års mål") == "2030 års mål");
}
