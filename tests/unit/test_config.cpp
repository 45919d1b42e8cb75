#include "styr/config.hpp"

#include "support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

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

TEST_CASE("[site] synonyms are read as groups of terms")
{
  const auto c = parse_config(R"([organisation]
name = "K"
[site]
synonyms = [["backup", "säkerhetskopiering"], ["mejl", " e-post ", "jobba hemifrån"]]
)",
                              "styr.toml");
  REQUIRE(c.has_value());
  CHECK(c->synonyms ==
        std::vector<SynonymGroup>{{"backup", "säkerhetskopiering"}, {"mejl", "e-post", "jobba hemifrån"}});
  CHECK(parse_config("[organisation]\nname = \"K\"\n", "styr.toml")->synonyms.empty());
}

TEST_CASE("bad [site] synonyms are reported at their position")
{
  const auto problems = [](std::string_view value) {
    const std::string text = fmt::format("[organisation]\nname = \"K\"\n[site]\nsynonyms = {}\n", value);
    const auto c = parse_config(text, "styr.toml");
    REQUIRE_FALSE(c.has_value());
    return c.error();
  };
  const auto only = [&](std::string_view value, Position at, std::string_view says) {
    const Diagnostics d = problems(value);
    REQUIRE(d.size() == 1);
    CHECK(d[0].position == at);
    CHECK(d[0].rule == "config");
    CHECK_MESSAGE(d[0].message.find(says) != std::string::npos, d[0].message);
  };
  only(R"("backup")", {4, 12}, "site.synonyms must be an array of groups");
  only(R"([["backup", "säkerhetskopiering"], "mejl"])", {4, 47}, "each group in site.synonyms must be an array");
  only(R"([["backup"]])", {4, 13}, "at least two terms");
  only(R"([["backup", 5]])", {4, 24}, "must contain only strings");
  only(R"([["backup", "  "]])", {4, 24}, "must not contain an empty string");
  only(R"([[]])", {4, 13}, "at least two terms");
  // Every bad group is reported, each where it is.
  const Diagnostics d = problems(R"([["a", "b"], ["c"], ["d", ""]])");
  REQUIRE(d.size() == 2);
  CHECK(d[0].position == Position{4, 25});
  CHECK(d[1].position == Position{4, 38});
}
