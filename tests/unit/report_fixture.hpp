// Shared by the report and requirement-catalogue tests: a policy repository with decision
// tags built with the real git, and a tiny XML well-formedness check for the SVG and the
// HTML fragments (balanced tags, quoted attributes, no duplicate attributes, only the
// predefined and numeric entities, no raw '<' or '&' in text).
#pragma once

#include "styr/check.hpp"
#include "styr/snapshot.hpp"

#include "support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace styr::test {

class PolicyRepo
{
public:
  explicit PolicyRepo(std::string_view name, std::string_view config_extra = "") : m_dir(fresh_dir(name))
  {
    write("styr.toml", fmt::format("[organisation]\nname = \"Testkommun\"\n{}roles = [\"IT-chef\", "
                                   "\"informationssäkerhetssamordnare\"]\n",
                                   config_extra));
    write("approvers.toml", "[[approver]]\nname = \"Karin Ek\"\nemail = \"kf@example.se\"\n"
                            "bodies = [\"kommunfullmäktige\", \"kommunstyrelsen\"]\n");
    git_init(m_dir);
  }

  const std::filesystem::path& dir() const { return m_dir; }
  void write(std::string_view path, std::string_view text) const { write_file(m_dir / path, text); }
  void commit(std::string_view date, std::string_view message = "Ändring") const
  {
    git_commit_all(m_dir, message, date);
  }

  // An annotated decision tag at HEAD by kf@example.se, made at `date` (ISO with zone).
  void decide(std::string_view tag, std::string_view date, const std::vector<std::string>& ids) const
  {
    std::string message = "Kommunstyrelsen fastställer styrdokument.\n\nBeslut: KS 2026-01-15 § 4\n";
    for (const std::string& id : ids) {
      message += fmt::format("Fastställer: {}\n", id);
    }
    const auto file = test_dir() / "tag-message.txt";
    write_file(file, message);
    REQUIRE(run(m_dir, fmt::format("GIT_COMMITTER_NAME='Karin Ek' GIT_COMMITTER_EMAIL=kf@example.se "
                                   "GIT_COMMITTER_DATE='{}' git tag -a '{}' -F '{}'",
                                   date, tag, file.string())) == 0);
  }

  Snapshot snapshot(std::optional<std::string> revision = std::nullopt) const
  {
    auto snap = load_snapshot(m_dir, revision, today());
    REQUIRE(snap.has_value());
    return std::move(*snap);
  }

private:
  std::filesystem::path m_dir;
};

// A document with the fields the report reads; `extra` is more front matter, `body` the text.
inline std::string policy_document(std::string_view id, std::string_view title, std::string_view type,
                                   std::string_view extra = "", std::string_view body = "Text.\n",
                                   int review_months = 12)
{
  return fmt::format("+++\nid = \"{}\"\ntitle = '''{}'''\ntype = \"{}\"\nowner = \"IT-chef\"\n"
                     "decided_by = \"kommunstyrelsen\"\naudience = [\"alla\"]\nreview_interval_months = {}\n"
                     "publicity = \"intern\"\n{}+++\n\n## Syfte\n\n{}",
                     id, title, type, review_months, extra, body);
}

// Nullopt when `text` is well-formed XML (one or more elements and text), else what is wrong.
inline std::optional<std::string> xml_problem(std::string_view text)
{
  std::vector<std::string> open;
  std::size_t i = 0;
  const auto name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  const auto entity = [&](std::size_t at) -> bool {
    const std::size_t end = text.find(';', at);
    if (end == std::string_view::npos || end - at > 10) {
      return false;
    }
    const std::string_view name = text.substr(at + 1, end - at - 1);
    if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") {
      return true;
    }
    if (name.size() > 1 && name[0] == '#') {
      for (const char c : name.substr(1)) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
          return false;
        }
      }
      return true;
    }
    return false;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '&') {
      if (!entity(i)) {
        return fmt::format("bad entity at {}: {}", i, text.substr(i, 12));
      }
      ++i;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    if (text.substr(i, 4) == "<!--") {
      const std::size_t end = text.find("-->", i);
      if (end == std::string_view::npos) {
        return "unterminated comment";
      }
      i = end + 3;
      continue;
    }
    const bool closing = text.substr(i, 2) == "</";
    std::size_t j = i + (closing ? 2 : 1);
    const std::size_t name_start = j;
    while (j < text.size() && name_char(text[j])) {
      ++j;
    }
    const std::string name(text.substr(name_start, j - name_start));
    if (name.empty()) {
      return fmt::format("'<' without a tag name at {}", i);
    }
    if (closing) {
      if (j >= text.size() || text[j] != '>') {
        return fmt::format("bad closing tag </{}", name);
      }
      if (open.empty() || open.back() != name) {
        return fmt::format("</{}> closes <{}>", name, open.empty() ? "nothing" : open.back());
      }
      open.pop_back();
      i = j + 1;
      continue;
    }
    std::set<std::string> attributes;
    for (;;) {
      while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) {
        ++j;
      }
      if (j >= text.size()) {
        return fmt::format("unterminated <{}>", name);
      }
      if (text[j] == '>') {
        open.push_back(name);
        ++j;
        break;
      }
      if (text.substr(j, 2) == "/>") {
        j += 2;
        break;
      }
      const std::size_t a = j;
      while (j < text.size() && name_char(text[j])) {
        ++j;
      }
      const std::string attribute(text.substr(a, j - a));
      if (attribute.empty() || j >= text.size() || text[j] != '=') {
        return fmt::format("attribute without a quoted value in <{}> at {}", name, a);
      }
      if (!attributes.insert(attribute).second) {
        return fmt::format("duplicate attribute {} in <{}>", attribute, name);
      }
      ++j;
      const char quote = j < text.size() ? text[j] : '\0';
      if (quote != '"' && quote != '\'') {
        return fmt::format("unquoted attribute {} in <{}>", attribute, name);
      }
      const std::size_t end = text.find(quote, j + 1);
      if (end == std::string_view::npos) {
        return fmt::format("unterminated attribute {} in <{}>", attribute, name);
      }
      for (std::size_t k = j + 1; k < end; ++k) {
        if (text[k] == '<') {
          return fmt::format("'<' in attribute {} of <{}>", attribute, name);
        }
        if (text[k] == '&' && !entity(k)) {
          return fmt::format("bad entity in attribute {} of <{}>", attribute, name);
        }
      }
      j = end + 1;
    }
    i = j;
  }
  if (!open.empty()) {
    return fmt::format("<{}> is never closed", open.back());
  }
  return std::nullopt;
}

inline std::size_t occurrences(std::string_view haystack, std::string_view needle)
{
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

} // namespace styr::test
