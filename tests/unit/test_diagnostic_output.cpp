#include "styr/diagnostic_output.hpp"
#include "styr/text.hpp"

#include "support.hpp"

#include <doctest/doctest.h>

using namespace styr;
using styr::test::contains;

namespace {

Diagnostic finding(std::string path)
{
  return make_diagnostic(std::move(path), Position{3, 7}, "missing-field", "the field \"owner\" is missing");
}

}  // namespace

TEST_CASE("SARIF: a result names its rule, its file under the source root and its line and column")
{
  const std::string sarif = diagnostics_sarif({finding("policies/riktlinjer/backup.md")});
  CHECK(contains(sarif, "\"version\": \"2.1.0\""));
  CHECK(contains(sarif, "\"ruleId\": \"missing-field\""));
  CHECK(contains(sarif, "\"uri\": \"policies/riktlinjer/backup.md\""));
  CHECK(contains(sarif, "\"uriBaseId\": \"%SRCROOT%\""));
  CHECK(contains(sarif, "\"startLine\": 3"));
  CHECK(contains(sarif, "\"startColumn\": 7"));
  CHECK(contains(sarif, "\"text\": \"the field \\\"owner\\\" is missing\""));
}

TEST_CASE("SARIF: a path with a space, a '#' or a Swedish letter is a valid URI reference")
{
  const std::string sarif = diagnostics_sarif({finding("policies/säker kopia#1.md")});
  CHECK(contains(sarif, "\"uri\": \"policies/s%C3%A4ker%20kopia%231.md\""));
}

TEST_CASE("JSON: one object per diagnostic with the path as written")
{
  const std::string json = diagnostics_json({finding("policies/säker kopia#1.md")});
  CHECK(contains(json, "\"path\": \"policies/säker kopia#1.md\""));
  CHECK(contains(json, "\"line\": 3"));
  CHECK(contains(json, "\"rule\": \"missing-field\""));
}

TEST_CASE("JSON: a path that is not UTF-8 is written with U+FFFD, so the document stays valid")
{
  const std::string json = diagnostics_json({finding("policies/bad\xFFname.md")});
  CHECK(contains(json, "\"path\": \"policies/bad\xEF\xBF\xBDname.md\""));
  CHECK_FALSE(text::find_invalid_utf8(json).has_value());
}
