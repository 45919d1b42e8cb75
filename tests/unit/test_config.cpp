#include "styr/config.hpp"

#include "support.hpp"

#include <doctest/doctest.h>

using namespace styr;

TEST_CASE("a minimal styr.toml needs only the organisation's name")
{
  const auto c = parse_config("[organisation]\nname = \"Exempelkommun\"\n", "styr.toml");
  REQUIRE(c.has_value());
  CHECK(c->organisation == "Exempelkommun");
  CHECK(c->language == "sv");
  CHECK(c->documents_dir == "policies");
  CHECK(c->approval.tag_pattern == "beslut/*");
  CHECK(c->approval.roster_body == "kommunstyrelsen");
  CHECK_FALSE(c->roles.empty());
}

TEST_CASE("settings are read")
{
  const auto c = parse_config(R"(
[organisation]
name = "K"
language = "en"
roles = ["CISO"]
[paths]
documents = "docs/"
output = "public"
[approval]
tag_pattern = "decision/*"
require_signed_tags = true
[rules]
heading-level-skip = "error"
unknown-field = "off"
)",
                              "styr.toml");
  REQUIRE(c.has_value());
  CHECK(c->language == "en");
  CHECK(c->roles == std::vector<std::string>{"CISO"});
  CHECK(c->documents_dir == "docs");
  CHECK(c->output_dir == "public");
  CHECK(c->approval.require_signed_tags);
  CHECK(c->rule_levels.at("heading-level-skip") == RuleLevel::error);

  Diagnostics d{make_diagnostic("a.md", {1, 1}, "heading-level-skip", "x"), make_diagnostic("a.md", {1, 1}, "unknown-field", "y")};
  c->apply_rule_levels(d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Severity::error);
}

TEST_CASE("a missing organisation name is an error")
{
  const auto c = parse_config("[paths]\ndocuments = \"x\"\n", "styr.toml");
  REQUIRE_FALSE(c.has_value());
  CHECK(c.error().at(0).message.find("organisation.name") != std::string::npos);
}

TEST_CASE("bad values are reported at their position")
{
  const auto c = parse_config("[organisation]\nname = \"K\"\nlanguage = \"fi\"\n[approval]\nrequire_signed_tags = \"yes\"\n", "styr.toml");
  REQUIRE_FALSE(c.has_value());
  REQUIRE(c.error().size() == 2);
  CHECK(c.error()[0].position == Position{3, 12});
  CHECK(c.error()[1].position == Position{5, 23});
  CHECK(c.error()[1].rule == "config");
}

TEST_CASE("unknown settings and rules are reported")
{
  const auto c = parse_config("[organisation]\nname = \"K\"\nnmae = \"x\"\n[rules]\nno-such-rule = \"error\"\n", "styr.toml");
  REQUIRE_FALSE(c.has_value());
  CHECK(c.error().size() == 2);
}

TEST_CASE("paths must stay inside the repository")
{
  CHECK_FALSE(parse_config("[organisation]\nname = \"K\"\n[paths]\noutput = \"../out\"\n", "styr.toml").has_value());
  CHECK_FALSE(parse_config("[organisation]\nname = \"K\"\n[paths]\noutput = \"/tmp/out\"\n", "styr.toml").has_value());
}

TEST_CASE("TOML syntax errors in styr.toml have positions")
{
  const auto c = parse_config("[organisation]\nname = \"K\n", "styr.toml");
  REQUIRE_FALSE(c.has_value());
  CHECK(c.error()[0].position.line == 2);
}
