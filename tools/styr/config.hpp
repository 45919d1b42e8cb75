// styr.toml: the repository's configuration. Every key is optional except organisation.name.
#pragma once

#include "styr/diagnostic.hpp"
#include "styr/synonyms.hpp"

#include <toml++/toml.h>
#include <tl/expected.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace styr {

inline constexpr std::string_view k_config_file = "styr.toml";

// The language the documents and the decisions are written in. styr is made for Swedish
// municipalities, whose steering documents are Swedish, and assumes it throughout (the
// search stems Swedish words, the checks read Swedish headings); `language` in styr.toml
// chooses only the language of the interface around them. Where the two differ, the pages
// mark the documents' text with this language (WCAG 2.1, 3.1.2 Language of Parts).
inline constexpr std::string_view k_text_language = "sv";

// The settings that form part of the roster (PRODUCT.md §5).
struct ApprovalSettings
{
  std::string tag_pattern = "beslut/*";
  std::string approvers = "approvers.toml";
  bool require_signed_tags = false;
  std::string allowed_signers = "allowed_signers";
  std::string roster_body = "kommunstyrelsen";

  friend bool operator==(const ApprovalSettings&, const ApprovalSettings&) = default;
};

enum class RuleLevel { error, warning, off };

// [site.accessibility]: the accessibility statement (tillgänglighetsredogörelse) that the law
// on accessible digital public services (2018:1937) asks of every site, intranets included,
// linked from every page. Either the site publishes one of its own, from what the
// municipality states here, or it links to the one that covers it (`statement`).
struct AccessibilityStatement
{
  std::string statement;  // the address of a statement published elsewhere; or else:
  std::string compliance;  // "full", "partial" or "none": helt, delvis, inte förenlig
  std::string assessed;    // the date of the assessment, YYYY-MM-DD
  std::string updated;     // the date the statement was last updated; the assessment's when unset
  std::string method;      // how the site was assessed
  std::string contact;     // where to report shortcomings: an e-mail address or a web address
  std::vector<std::string> shortcomings;  // what is not accessible, and why
  Position reviewed_at = {};  // where the statement's last date is written: updated, else assessed
  bool own() const { return statement.empty(); }
  const std::string& reviewed() const { return updated.empty() ? assessed : updated; }
};

struct Config
{
  std::string organisation;
  std::string language = "sv";  // "sv" or "en"
  std::vector<std::string> roles;

  std::string documents_dir = "policies";
  Position documents_dir_at{1, 1};  // where styr.toml sets it, if it does
  std::string templates_dir = "templates";
  std::string assets_dir = "site";
  std::string output_dir = "_site";

  ApprovalSettings approval;
  std::string text;  // styr.toml as written: the schema and [[approver]] are read from it
  std::map<std::string, RuleLevel, std::less<>> rule_levels;
  bool list_secret_titles = false;              // [site] list_secret_titles
  std::vector<SynonymGroup> synonyms;           // [site] synonyms: added to the built-in ones
  std::optional<AccessibilityStatement> accessibility;  // [site.accessibility]

  // Applies [rules]: changes severities and drops rules set to "off".
  void apply_rule_levels(Diagnostics& diagnostics) const;
};

// Parses the text of styr.toml; `path` names it in diagnostics.
tl::expected<Config, Diagnostics> parse_config(std::string_view text, std::string_view path);

// The roles styr uses when styr.toml lists none.
const std::vector<std::string>& default_roles();

}  // namespace styr
