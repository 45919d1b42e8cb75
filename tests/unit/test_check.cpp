#include "styr/check.hpp"
#include "styr/render.hpp"

#include "sample_policy.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <map>
#include <regex>

using namespace styr;

namespace {

using styr::test::k_policy;

std::string riktlinje(std::string_view extra_front, std::string_view body)
{
  return std::string(R"(+++
id = "IS-RL-001"
title = "Riktlinje för säkerhetskopiering"
type = "riktlinje"
owner = "IT-chef"
decided_by = "kommunstyrelsen"
audience = ["IT-avdelningen"]
review_interval_months = 12
parent = "IS-POL-001"
publicity = "intern"
)") + std::string(extra_front) + "+++\n\n# Riktlinje för säkerhetskopiering\n\n" + std::string(body);
}

const char* k_riktlinje_body = "## Syfte\nT.\n## Omfattning\nT.\n## Roller och ansvar\nT.\n## Krav\nT.\n"
                               "## Avvikelser och undantag\nT.\n## Uppföljning\nT.\n";

Diagnostics check(std::map<std::string, std::string> files)
{
  const MemorySource source(std::move(files));
  const DocumentSet docs = collect_documents(source, "policies");
  static const Config config = [] {
    Config c;
    c.organisation = "K";
    c.roles = default_roles();
    return c;
  }();
  static const Schema schema = load_schema(config).value();
  return check_documents(CheckInput{docs, schema, config, source, std::chrono::year(2026) / 11 / 29});
}

std::vector<std::string> rules(const Diagnostics& d)
{
  std::vector<std::string> r;
  for (const Diagnostic& x : d) {
    r.push_back(x.rule);
  }
  return r;
}

}  // namespace

TEST_CASE("a valid policy and riktlinje pass")
{
  const Diagnostics d = check({{"policies/policy.md", k_policy}, {"policies/rl/backup.md", riktlinje("", k_riktlinje_body)}});
  CHECK(d.empty());
}

TEST_CASE("a missing required field points at the closing +++")
{
  std::string p = k_policy;
  p.erase(p.find("publicity"), std::string("publicity = \"offentlig\"\n").size());
  const Diagnostics d = check({{"policies/policy.md", p}});
  REQUIRE(d.size() == 1);
  CHECK(d[0].rule == "missing-field");
  CHECK(d[0].position == Position{9, 1});
}

TEST_CASE("a misspelt section is reported once, with a hint, at the heading")
{
  std::string body = k_riktlinje_body;
  body.replace(body.find("Omfattning"), 10, "Omfatning");
  const Diagnostics d = check({{"policies/policy.md", k_policy}, {"policies/rl.md", riktlinje("", body)}});
  REQUIRE(d.size() == 1);
  CHECK(d[0].rule == "missing-section");
  CHECK(d[0].position.line == 17);
  CHECK(d[0].hint.find("Omfattning") != std::string::npos);
}

TEST_CASE("headings pasted from a word processor match: no-break spaces, soft hyphens, decomposed letters")
{
  std::string body = k_riktlinje_body;
  body.replace(body.find("Roller och ansvar"), 17, "Roller och\u00a0ansvar");
  body.replace(body.find("## Krav"), 7, "## 4.\u00a0Krav");
  body.replace(body.find("Uppföljning"), std::string("Uppföljning").size(), "Uppfo\u0308ljning");
  body.replace(body.find("Avvikelser"), 10, "Avvik\u00adelser");
  std::string doc = riktlinje("", body);
  const std::string h1 = "# Riktlinje för säkerhetskopiering";
  doc.replace(doc.find(h1), h1.size(), "# Riktlinje\u00a0för säkerhets\u00adkopiering");
  const Diagnostics d = check({{"policies/policy.md", k_policy}, {"policies/rl.md", doc}});
  CHECK(rules(d).empty());
}

TEST_CASE("references resolve across documents")
{
  const Diagnostics d = check({{"policies/rl.md", riktlinje("related = [\"IS-RL-099\"]\n", k_riktlinje_body)}});
  CHECK(rules(d) == std::vector<std::string>{"broken-reference", "broken-reference"});  // parent and related
}

TEST_CASE("a parent of the wrong type")
{
  std::string rutin = riktlinje("", k_riktlinje_body);
  const Diagnostics d = check({{"policies/policy.md", k_policy},
                               {"policies/rl.md", riktlinje("", k_riktlinje_body)},
                               {"policies/rl2.md", std::string(rutin).replace(rutin.find("IS-RL-001"), 9, "IS-RL-002")
                                                     .replace(rutin.find("parent = \"IS-POL-001\""), 21, "parent = \"IS-RL-001\"")}});
  CHECK(d.empty());  // a riktlinje may have a riktlinje as parent
}

TEST_CASE("duplicate ids are reported on every file that has them, naming another")
{
  const Diagnostics d = check({{"policies/a.md", k_policy}, {"policies/b.md", k_policy}});
  REQUIRE(d.size() == 2);
  CHECK(d[0].rule == "duplicate-id");
  CHECK(d[0].path == "policies/a.md");
  CHECK(d[0].message.find("policies/b.md") != std::string::npos);
  CHECK(d[1].rule == "duplicate-id");
  CHECK(d[1].path == "policies/b.md");
  CHECK(d[1].message.find("policies/a.md") != std::string::npos);
}

TEST_CASE("links to missing files and outside the repository")
{
  const Diagnostics d = check({{"policies/policy.md", k_policy},
                               {"policies/rl.md", riktlinje("", std::string(k_riktlinje_body) +
                                                              "[a](policy.md) [b](saknas.md) [c](../../../../etc/passwd) "
                                                              "[d](javascript:alert(1)) [e](https://msb.se)\n")}});
  REQUIRE(d.size() == 3);
  CHECK(d[0].message.find("saknas.md") != std::string::npos);
  CHECK(d[1].message.find("outside the repository") != std::string::npos);
  CHECK(d[2].message.find("scheme") != std::string::npos);
}

TEST_CASE("parent cycles are found")
{
  std::string a = riktlinje("", k_riktlinje_body);
  a.replace(a.find("IS-POL-001"), 10, "IS-RL-002");
  std::string b = riktlinje("", k_riktlinje_body);
  b.replace(b.find("IS-RL-001"), 9, "IS-RL-002");
  b.replace(b.find("IS-POL-001"), 10, "IS-RL-001");
  const Diagnostics d = check({{"policies/a.md", a}, {"policies/b.md", b}});
  CHECK(rules(d) == std::vector<std::string>{"parent-cycle", "parent-cycle"});
}

TEST_CASE("a link may name every heading and requirement row that the page gives an id, and nothing else")
{
  // Repeated headings, one in a block quote, a heading with a requirement row's address.
  std::string body = k_riktlinje_body;
  body.replace(body.find("## Omfattning\nT.\n"), 17,
               "## Omfattning\nT.\n### Exempel\nT.\n### Exempel\nT.\n\n> ### Observera\n> T.\n\n");
  body.replace(body.find("## Krav\nT.\n"), 11,
               "## Krav\n### Krav BAS-01\nT.\n\n| ID | Krav | Nivå |\n|---|---|---|\n| BAS-01 | K. | ska |\n"
               "| bas 02 | K. | bör |\n\n");
  std::string linking;
  const std::regex id_attribute(R"re(<(h[1-6]|tr) id="([^"]+)")re");
  const std::string html = render_markdown(body).html;
  int ids = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_attribute); it != std::sregex_iterator(); ++it) {
    linking += fmt::format("[{}](backup.md#{}) ", ++ids, (*it)[2].str());
  }
  REQUIRE(ids == 12);
  CHECK(html.find("id=\"krav-bas-01-1\"") != std::string::npos);  // the row keeps "krav-bas-01"
  linking += "[saknas](backup.md#tillampning) [egen](#syfte) [egen saknas](#bakgrund)";

  std::string other = riktlinje("", k_riktlinje_body);
  other.replace(other.find("IS-RL-001"), 9, "IS-RL-002");
  other.replace(other.find("## Syfte\nT.\n"), 12, "## Syfte\n" + linking + "\n");
  const Diagnostics d = check({{"policies/policy.md", k_policy},
                               {"policies/backup.md", riktlinje("", body)},
                               {"policies/other.md", other}});
  REQUIRE(rules(d) == std::vector<std::string>{"broken-fragment", "broken-fragment"});
  CHECK(d[0].message == "link \"backup.md#tillampning\": IS-RL-001 has no heading or requirement \"#tillampning\"");
  CHECK(d[1].message == "link \"#bakgrund\": this document has no heading or requirement \"#bakgrund\"");
  CHECK(d[0].severity == Severity::warning);
}

TEST_CASE("the accessibility statement is due for review a year after its last date")
{
  const auto findings = [](std::string reviewed, std::chrono::year_month_day today) {
    const MemorySource source(std::map<std::string, std::string>{{"policies/policy.md", k_policy}});
    const DocumentSet docs = collect_documents(source, "policies");
    Config config;
    config.organisation = "K";
    config.roles = default_roles();
    config.accessibility = AccessibilityStatement{"", "full", std::move(reviewed), "", "M.", "a@k.se", {}, {7, 12}};
    const Schema schema = load_schema(config).value();
    return check_documents(CheckInput{docs, schema, config, source, today});
  };
  const auto today = std::chrono::year(2026) / 11 / 29;
  CHECK(findings("2025-11-29", today).empty());
  const Diagnostics d = findings("2025-11-28", today);
  REQUIRE(d.size() == 1);
  CHECK(d[0].rule == "accessibility-review");
  CHECK(d[0].path == "styr.toml");
  CHECK(d[0].position == Position{7, 12});
  // A year after 29 February is the last day of the next February.
  CHECK(findings("2024-02-29", std::chrono::year(2025) / 2 / 28).empty());
  CHECK(rules(findings("2024-02-29", std::chrono::year(2025) / 3 / 1)) == std::vector<std::string>{"accessibility-review"});
}
