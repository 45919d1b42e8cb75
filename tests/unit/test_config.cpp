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

TEST_CASE("[site.accessibility] is a statement of the site's own, or the address of one")
{
  const auto own = parse_config(R"(
[organisation]
name = "K"
[site.accessibility]
compliance = "partial"
assessed = 2026-10-15
method = "Självskattning."
contact = "tillganglighet@k.se"
shortcomings = ["Bilagor i PDF-format är inte granskade."]
)",
                                "styr.toml");
  REQUIRE(own.has_value());
  REQUIRE(own->accessibility.has_value());
  CHECK(own->accessibility->own());
  CHECK(own->accessibility->compliance == "partial");
  CHECK(own->accessibility->assessed == "2026-10-15");
  CHECK(own->accessibility->updated.empty());
  CHECK(own->accessibility->shortcomings.size() == 1);

  const auto elsewhere = parse_config(
    "[organisation]\nname = \"K\"\n[site.accessibility]\nstatement = \"https://intranat.k.se/tillganglighet\"\n",
    "styr.toml");
  REQUIRE(elsewhere.has_value());
  CHECK_FALSE(elsewhere->accessibility->own());
  CHECK(elsewhere->accessibility->statement == "https://intranat.k.se/tillganglighet");

  CHECK_FALSE(parse_config("[organisation]\nname = \"K\"\n", "styr.toml")->accessibility.has_value());
}

TEST_CASE("a statement that leaves out what the law asks for is reported at its position")
{
  const auto messages = [](std::string_view settings) {
    const std::string text = fmt::format("[organisation]\nname = \"K\"\n[site.accessibility]\n{}\n", settings);
    const auto c = parse_config(text, "styr.toml");
    REQUIRE_FALSE(c.has_value());
    std::vector<std::string> found;
    for (const Diagnostic& d : c.error()) {
      CHECK(d.rule == "config");
      found.push_back(fmt::format("{}:{} {}", d.position.line, d.position.column, d.message));
    }
    return found;
  };
  const std::string complete = "assessed = 2026-10-15\nmethod = \"M.\"\ncontact = \"a@k.se\"\n";
  CHECK(messages("compliance = \"full\"\nassessed = 2026-10-15\n") ==
        std::vector<std::string>{
          "3:1 site.accessibility.contact is required: the statement must say it (or give statement, the address of "
          "one that covers the site)",
          "3:1 site.accessibility.method is required: the statement must say it (or give statement, the address of "
          "one that covers the site)"});
  CHECK(messages("compliance = \"delvis\"\n" + complete + "shortcomings = [\"x\"]") ==
        std::vector<std::string>{"4:14 site.accessibility.compliance must be \"full\", \"partial\" or \"none\" (helt, "
                                 "delvis or inte förenlig)"});
  CHECK(messages("compliance = \"partial\"\n" + complete) ==
        std::vector<std::string>{"4:14 site.accessibility.shortcomings must list what is not accessible, and why, "
                                 "when the site is not fully compliant"});
  CHECK(messages("compliance = \"full\"\nassessed = \"i höstas\"\nmethod = \"M.\"\ncontact = \"kontakta oss\"") ==
        std::vector<std::string>{
          "5:12 site.accessibility.assessed must be a date (2026-11-01)",
          "7:11 site.accessibility.contact must be an e-mail address or a web address (https://…)"});
  CHECK(messages("statement = \"https://k.se/t\"\ncompliance = \"full\"") ==
        std::vector<std::string>{"5:1 site.accessibility.compliance is for a statement of the site's own; with "
                                 "statement, the statement at that address says it"});
  CHECK(messages("statement = \"intranat/t\"") ==
        std::vector<std::string>{"4:13 site.accessibility.statement must be a web address (https://…)"});
  CHECK(messages("compliance = \"full\"\n" + complete + "contakt = \"x\"") ==
        std::vector<std::string>{"8:1 unknown setting \"site.accessibility.contakt\""});
}
