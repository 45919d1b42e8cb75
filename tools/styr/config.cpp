#include "styr/config.hpp"

#include "styr/rules.hpp"
#include "styr/toml_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace styr {

namespace {

class ConfigReader : public TomlSettingsReader
{
public:
  ConfigReader(const toml::table& root, std::string_view path) : m_root(root), m_path(path) {}

  Config read()
  {
    Config config;
    check_known(m_root, "", {"organisation", "paths", "approval", "schema", "rules", "site", "approver"});
    if (const toml::table* org = table("organisation")) {
      check_known(*org, "organisation.", {"name", "language", "roles"});
      string(*org, "name", config.organisation);
      string(*org, "language", config.language);
      if (config.language != "sv" && config.language != "en") {
        error(*org->get("language"), "organisation.language must be \"sv\" or \"en\"");
      }
      strings(*org, "roles", config.roles);
    }
    if (config.organisation.empty()) {
      m_problems.push_back(make_diagnostic(std::string(m_path), Position{1, 1}, "config",
                                           "organisation.name is required"));
    }
    if (config.roles.empty()) {
      config.roles = default_roles();
    }
    if (const toml::table* paths = table("paths")) {
      check_known(*paths, "paths.", {"documents", "templates", "assets", "output"});
      path(*paths, "documents", config.documents_dir);
      if (const toml::node* documents = paths->get("documents")) {
        config.documents_dir_at = position_of(documents->source());
      }
      path(*paths, "templates", config.templates_dir);
      path(*paths, "assets", config.assets_dir);
      path(*paths, "output", config.output_dir);
    }
    if (const toml::table* approval = table("approval")) {
      check_known(*approval, "approval.",
                  {"tag_pattern", "approvers", "require_signed_tags", "allowed_signers", "roster_body"});
      string(*approval, "tag_pattern", config.approval.tag_pattern);
      if (const toml::node* pattern = approval->get("tag_pattern"); pattern != nullptr && pattern->is_string()) {
        const std::string& p = config.approval.tag_pattern;
        const std::size_t open = p.find('[');
        if (p.empty() || (open != std::string::npos && p.find(']', open + 2) == std::string::npos)) {
          error(*pattern, "approval.tag_pattern must be a pattern of tag names, e.g. \"beslut/*\" (a \"[\" needs its \"]\")");
        }
      }
      path(*approval, "approvers", config.approval.approvers);
      boolean(*approval, "require_signed_tags", config.approval.require_signed_tags);
      path(*approval, "allowed_signers", config.approval.allowed_signers);
      string(*approval, "roster_body", config.approval.roster_body);
    }
    table("schema");  // read by load_schema(); here only its type is checked
    if (const toml::table* rules = table("rules")) {
      for (const auto& [key, value] : *rules) {
        if (find_rule(key.str()) == nullptr) {
          error_at(key.source(), fmt::format("unknown rule \"{}\" (see styr check --list-rules)", key.str()));
          continue;
        }
        const auto* level = value.as_string();
        if (level == nullptr || (level->get() != "error" && level->get() != "warning" && level->get() != "off")) {
          error(value, fmt::format("rules.{} must be \"error\", \"warning\" or \"off\"", key.str()));
          continue;
        }
        config.rule_levels[std::string(key.str())] = level->get() == "error" ? RuleLevel::error
                                                     : level->get() == "warning" ? RuleLevel::warning
                                                                                 : RuleLevel::off;
      }
    }
    if (const toml::table* site = table("site")) {
      check_known(*site, "site.", {"list_secret_titles", "synonyms", "accessibility"});
      boolean(*site, "list_secret_titles", config.list_secret_titles);
      if (const toml::node* synonyms = site->get("synonyms")) {
        const auto report = [&](const toml::node& at, std::string message) { error(at, std::move(message)); };
        config.synonyms = read_synonym_groups(*synonyms, "site.synonyms", report);
      }
      if (const toml::node* node = site->get("accessibility")) {
        if (const toml::table* accessibility = node->as_table()) {
          config.accessibility = read_accessibility(*accessibility);
        } else {
          error(*node, "site.accessibility must be a table ([site.accessibility])");
        }
      }
    }
    return config;
  }

  Diagnostics take_problems() { return std::move(m_problems); }

private:
  // The statement's own settings, or the address of one published elsewhere: not both. What
  // the law asks a statement to say is required; a site that is not fully accessible lists
  // what is not.
  AccessibilityStatement read_accessibility(const toml::table& t)
  {
    check_known(t, "site.accessibility.",
                {"statement", "compliance", "assessed", "updated", "method", "contact", "shortcomings"});
    AccessibilityStatement a;
    string(t, "statement", a.statement);
    if (const toml::node* node = t.get("statement"); node != nullptr && node->is_string() && !web_address(a.statement)) {
      error(*node, "site.accessibility.statement must be a web address (https://…)");
    }
    if (t.contains("statement")) {
      for (const auto& [key, value] : t) {
        if (key.str() != "statement") {
          error_at(key.source(), fmt::format("site.accessibility.{} is for a statement of the site's own; with "
                                             "statement, the statement at that address says it",
                                             key.str()));
        }
      }
      return a;
    }
    string(t, "compliance", a.compliance);
    if (const toml::node* node = t.get("compliance");
        node != nullptr && node->is_string() && a.compliance != "full" && a.compliance != "partial" && a.compliance != "none") {
      error(*node, "site.accessibility.compliance must be \"full\", \"partial\" or \"none\" (helt, delvis or "
                   "inte förenlig)");
    }
    date(t, "assessed", a.assessed);
    date(t, "updated", a.updated);
    if (const toml::node* last = t.contains("updated") ? t.get("updated") : t.get("assessed")) {
      a.reviewed_at = position_of(last->source());
    }
    string(t, "method", a.method);
    string(t, "contact", a.contact);
    if (const toml::node* node = t.get("contact");
        node != nullptr && node->is_string() && !web_address(a.contact) && !mail_address(a.contact)) {
      error(*node, "site.accessibility.contact must be an e-mail address or a web address (https://…)");
    }
    strings(t, "shortcomings", a.shortcomings);
    for (const std::string_view key : {"compliance", "assessed", "method", "contact"}) {
      if (!t.contains(key)) {
        error_at(t.source(), fmt::format("site.accessibility.{} is required: the statement must say it (or give "
                                         "statement, the address of one that covers the site)",
                                         key));
      }
    }
    if (t.contains("compliance") && a.compliance != "full" && a.shortcomings.empty()) {
      error(*t.get("compliance"), "site.accessibility.shortcomings must list what is not accessible, and why, when "
                                  "the site is not fully compliant");
    }
    return a;
  }

  void date(const toml::table& t, std::string_view key, std::string& out)
  {
    if (const toml::node* node = t.get(key)) {
      if (const auto* d = node->as_date()) {
        out = fmt::format("{:04}-{:02}-{:02}", d->get().year, d->get().month, d->get().day);
      } else {
        error(*node, fmt::format("site.accessibility.{} must be a date (2026-11-01)", key));
      }
    }
  }

  static bool web_address(std::string_view s) { return s.starts_with("https://") || s.starts_with("http://"); }

  static bool mail_address(std::string_view s)
  {
    const std::size_t at = s.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < s.size() && s.find_first_of(" \t<>\"'") == std::string_view::npos;
  }

  void error_at(const toml::source_region& where, std::string message)
  {
    m_problems.push_back(make_diagnostic(std::string(m_path), position_of(where), "config", std::move(message)));
  }

  void error(const toml::node& node, std::string message) override { error_at(node.source(), std::move(message)); }

  const toml::table* table(std::string_view key)
  {
    const toml::node* node = m_root.get(key);
    if (node == nullptr) {
      return nullptr;
    }
    if (!node->is_table()) {
      error(*node, fmt::format("{} must be a table ([{}])", key, key));
      return nullptr;
    }
    return node->as_table();
  }

  void check_known(const toml::table& t, std::string_view prefix, std::initializer_list<std::string_view> known)
  {
    for (const auto& [key, value] : t) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
        error_at(key.source(), fmt::format("unknown setting \"{}{}\"", prefix, key.str()));
      }
    }
  }

  void path(const toml::table& t, std::string_view key, std::string& out)
  {
    std::string value = out;
    string(t, key, value);
    const toml::node* node = t.get(key);
    if (node == nullptr || !node->is_string()) {
      return;
    }
    // Paths stay inside the repository.
    const auto normal = std::filesystem::path(value).lexically_normal().generic_string();
    if (value.empty() || value.starts_with('/') || normal == ".." || normal.starts_with("../")) {
      error(*node, fmt::format("{} must be a relative path inside the repository", key));
      return;
    }
    out = normal.ends_with('/') ? normal.substr(0, normal.size() - 1) : normal;
  }

  const toml::table& m_root;
  std::string_view m_path;
  Diagnostics m_problems;
};

}  // namespace

void Config::apply_rule_levels(Diagnostics& diagnostics) const
{
  if (rule_levels.empty()) {
    return;
  }
  std::erase_if(diagnostics, [&](Diagnostic& d) {
    const auto it = rule_levels.find(d.rule);
    if (it == rule_levels.end()) {
      return false;
    }
    if (it->second == RuleLevel::off) {
      return true;
    }
    d.severity = it->second == RuleLevel::error ? Severity::error : Severity::warning;
    return false;
  });
}

tl::expected<Config, Diagnostics> parse_config(std::string_view text, std::string_view path)
{
  auto root = parse_toml(text, path);
  if (!root) {
    return tl::unexpected(Diagnostics{
      make_diagnostic(std::string(path), root.error().position, "config", root.error().message, root.error().hint)});
  }
  ConfigReader reader(*root, path);
  Config config = reader.read();
  config.text = text;
  Diagnostics problems = reader.take_problems();
  if (!problems.empty()) {
    sort_diagnostics(problems);
    return tl::unexpected(std::move(problems));
  }
  return config;
}

const std::vector<std::string>& default_roles()
{
  static const std::vector<std::string> k_roles = {
    "informationssäkerhetssamordnare", "IT-chef", "kommundirektör", "förvaltningschef",
    "säkerhetschef", "dataskyddsombud", "HR-chef", "kommunarkivarie", "upphandlingschef",
  };
  return k_roles;
}

}  // namespace styr
