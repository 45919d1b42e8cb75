#include "styr/diagnostic_output.hpp"

#include "styr/json.hpp"
#include "styr/rules.hpp"
#include "styr/runtime.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace styr {

namespace {

std::string fingerprint(const Diagnostic& d)
{
  // Stable across line moves: GitHub matches alerts by this value.
  std::uint64_t h = 14695981039346656037ull;
  for (const std::string_view part : {std::string_view(d.rule), std::string_view(d.path), std::string_view(d.message)}) {
    for (const char c : part) {
      h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
    h = (h ^ 0xff) * 1099511628211ull;
  }
  return fmt::format("{:016x}:1", h);
}

// A repository-relative path as a URI reference (RFC 3986): bytes other than unreserved
// characters and '/' are percent-encoded, so a space, a '#' or an 'å' stays in the path.
std::string uri_path(std::string_view path)
{
  std::string out;
  for (const char c : path) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", b);
    }
  }
  return out;
}

}  // namespace

std::string diagnostics_json(const Diagnostics& diagnostics)
{
  JsonWriter json;
  json.begin_array();
  for (const Diagnostic& d : diagnostics) {
    json.begin_object()
      .field("path", d.path)
      .field("line", d.position.line)
      .field("column", d.position.column)
      .field("severity", to_string(d.severity))
      .field("rule", d.rule)
      .field("message", full_message(d))
      .end_object();
  }
  json.end_array();
  return json.str();
}

std::string diagnostics_sarif(const Diagnostics& diagnostics)
{
  JsonWriter json;
  json.begin_object()
    .field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
    .field("version", "2.1.0")
    .key("runs")
    .begin_array()
    .begin_object()
    .key("tool")
    .begin_object()
    .key("driver")
    .begin_object()
    .field("name", "styr")
    .field("semanticVersion", version())
    .key("rules")
    .begin_array();
  for (const Rule& r : all_rules()) {
    json.begin_object()
      .field("id", r.id)
      .field("name", r.id)
      .key("shortDescription").begin_object().field("text", r.summary).end_object()
      .key("fullDescription").begin_object().field("text", r.summary).end_object()
      .key("help").begin_object().field("text", r.help).field("markdown", r.help).end_object()
      .key("defaultConfiguration").begin_object().field("level", to_string(r.severity)).end_object()
      .end_object();
  }
  json.end_array().end_object().end_object();
  json.key("results").begin_array();
  for (const Diagnostic& d : diagnostics) {
    const int line = std::max(d.position.line, 1);
    const int column = std::max(d.position.column, 1);
    json.begin_object()
      .field("ruleId", d.rule)
      .field("level", to_string(d.severity))
      .key("message").begin_object().field("text", full_message(d)).end_object()
      .key("locations").begin_array().begin_object()
      .key("physicalLocation").begin_object()
      .key("artifactLocation").begin_object().field("uri", uri_path(d.path)).field("uriBaseId", "%SRCROOT%").end_object()
      .key("region").begin_object()
      .field("startLine", line).field("startColumn", column).field("endLine", line).field("endColumn", column + 1)
      .end_object()
      .end_object()
      .end_object().end_array()
      .key("partialFingerprints").begin_object().field("primaryLocationLineHash", fingerprint(d)).end_object()
      .end_object();
  }
  json.end_array().end_object().end_array().end_object();
  return json.str();
}

}  // namespace styr
