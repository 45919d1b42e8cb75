// Fuzz target: `styr check` on one document of any bytes, in a small repository held in
// memory with the default schema and configuration: a valid policy and riktlinje that the
// document may refer to, name as parent, or collide with, and an attachment it may link to.
// Beyond not crashing, every finding must name a known rule and a file of the repository,
// and the findings must come sorted.
#include "../unit/sample_policy.hpp"
#include "expect.hpp"
#include "styr/check.hpp"
#include "styr/rules.hpp"
#include "styr/runtime.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>

namespace {

using styr::fuzz::expect;

constexpr const char* k_path = "policies/riktlinjer/dokument.md";

using styr::test::k_policy;

const char* k_riktlinje = R"(+++
id = "IS-RL-001"
title = "Riktlinje för säkerhetskopiering"
type = "riktlinje"
owner = "IT-chef"
decided_by = "kommunstyrelsen"
audience = ["IT-avdelningen"]
review_interval_months = 12
parent = "IS-POL-001"
publicity = "intern"
+++

# Riktlinje för säkerhetskopiering

## Syfte
T.
## Omfattning
T.
## Roller och ansvar
T.
## Krav
T.
## Avvikelser och undantag
T.
## Uppföljning
T.
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  static const styr::Runtime runtime;
  static const styr::Config config = [] {
    styr::Config c;
    c.organisation = "Exempelkommun";
    c.roles = styr::default_roles();
    return c;
  }();
  static const styr::Schema schema = styr::load_schema(config).value();

  const std::map<std::string, std::string> files = {
    {"policies/policy.md", k_policy},
    {"policies/riktlinjer/backup.md", k_riktlinje},
    {"policies/riktlinjer/bilaga.pdf", "%PDF-1.4\n"},
    {k_path, std::string(reinterpret_cast<const char*>(data), size)},
  };
  const styr::MemorySource source(files);
  const styr::DocumentSet documents = styr::collect_documents(source, "policies");
  const styr::Diagnostics findings = styr::check_documents(
    styr::CheckInput{documents, schema, config, source, std::chrono::year(2026) / 11 / 29});

  for (const styr::Diagnostic& d : findings) {
    expect(styr::find_rule(d.rule) != nullptr, "every finding names a known rule");
    expect(files.contains(d.path), "every finding names a file of the repository");
    expect(!d.message.empty(), "every finding says something");
  }
  expect(std::is_sorted(findings.begin(), findings.end(),
                        [](const styr::Diagnostic& a, const styr::Diagnostic& b) {
                          return std::tie(a.path, a.position) < std::tie(b.path, b.position);
                        }),
         "findings are sorted by path and position");
  return 0;
}
