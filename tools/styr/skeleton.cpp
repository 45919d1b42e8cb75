#include "styr/skeleton.hpp"

#include "styr/process.hpp"
#include "styr/resources.hpp"
#include "styr/source.hpp"
#include "styr/template_names.hpp"
#include "styr/text.hpp"
#include "styr/theme.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <regex>

namespace styr {

namespace fs = std::filesystem;

namespace {

// Text for the Markdown of a new document, with the characters that would start markup
// escaped: the heading must read as the title does ("Riktlinje för *kritiska* system",
// "Nummer #", whose "#" would close the heading).
std::string markdown_text(std::string_view text)
{
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool entity = c == '&' && i + 1 < text.size() && (std::isalnum(static_cast<unsigned char>(text[i + 1])) ||
                                                           text[i + 1] == '#');
    if (entity || std::string_view("\\`*_[]<~#").find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

// The fixed start of an id pattern and its minimum number of digits:
// '^IS-RL-[0-9]{3,}$' -> ("IS-RL-", 3).
std::pair<std::string, int> id_shape(const std::string& pattern)
{
  std::string prefix;
  std::size_t i = pattern.starts_with('^') ? 1 : 0;
  for (; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size() && !std::isalnum(static_cast<unsigned char>(pattern[i + 1]))) {
      prefix += pattern[++i];
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '/') {
      prefix += c;
    } else {
      break;
    }
  }
  int digits = 3;
  std::smatch m;
  const std::string rest = pattern.substr(i);
  if (std::regex_search(rest, m, std::regex(R"(\{(\d+))"))) {
    digits = std::stoi(m[1].str());
  }
  return {prefix, std::clamp(digits, 1, 9)};
}

std::string next_free_id(const DocumentType& type, const DocumentSet& documents)
{
  const auto [prefix, digits] = id_shape(type.id_pattern);
  long highest = 0;
  for (const Document& d : documents.documents()) {
    const std::string_view id = d.id();
    if (id.starts_with(prefix)) {
      const std::string_view number = id.substr(prefix.size());
      if (!number.empty() && number.size() <= 9 &&
          std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        highest = std::max(highest, std::stol(std::string(number)));
      }
    }
  }
  return fmt::format("{}{:0{}}", prefix, highest + 1, digits);
}

// Where documents of this type live: the folder holding most of them, or one named after
// the type's plural.
std::string folder_for(const Workspace& ws, const DocumentType& type, const DocumentSet& documents)
{
  std::map<std::string, int> folders;
  for (const Document& d : documents.documents()) {
    if (d.type() == type.name) {
      ++folders[d.path.substr(0, d.path.rfind('/'))];
    }
  }
  if (!folders.empty()) {
    return std::max_element(folders.begin(), folders.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })->first;
  }
  return ws.config.documents_dir + "/" + text::slugify(type.plural);
}

std::string toml_array(const std::vector<std::string>& items)
{
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : ", ") + toml_quote(items[i]);
  }
  return out + "]";
}

// A valid value for a required field the request does not give: the first allowed one
// where there is a choice.
std::string default_value(const FieldSpec& field, const Workspace& ws, Date today)
{
  const std::string first_role = ws.config.roles.empty() ? "informationssäkerhetssamordnare" : ws.config.roles.front();
  switch (field.kind) {
    case FieldKind::integer: return std::to_string(field.min.value_or(1));
    case FieldKind::boolean: return "false";
    case FieldKind::date: return iso_date(add_months(today, 3));
    case FieldKind::role: return toml_quote(first_role);
    case FieldKind::iso27002: return toml_quote("5.1");
    case FieldKind::array: {
      if (!field.allowed.empty()) {
        return toml_array({field.allowed.front()});
      }
      if (field.items == FieldKind::integer) {
        return fmt::format("[{}]", field.min.value_or(1));
      }
      return toml_array({field.name == "audience" ? "alla medarbetare" : field.label});
    }
    default:
      return toml_quote(field.allowed.empty() ? field.label : field.allowed.front());
  }
}

std::string front_matter(const Workspace& ws, const Schema& schema, const DocumentType& type,
                         const std::map<std::string, std::string>& given, Date today)
{
  std::string out;
  std::vector<const FieldSpec*> tables;
  const auto emit = [&](const FieldSpec& f) {
    if (f.kind == FieldKind::tables) {
      tables.push_back(&f);
      return;
    }
    const auto it = given.find(f.name);
    const bool needed = f.required || (f.name == "parent" && !type.parents.empty());
    if (f.name == "decided_by" && !type.decision) {
      return;
    }
    if (it != given.end()) {
      out += fmt::format("{} = {}\n", f.name, it->second);
    } else if (needed) {
      out += fmt::format("{} = {}\n", f.name, default_value(f, ws, today));
    }
  };
  for (const FieldSpec& f : schema.fields) {
    emit(f);
  }
  for (const FieldSpec& f : type.fields) {
    emit(f);
  }
  for (const FieldSpec* t : tables) {
    out += fmt::format("\n[[{}]]\n", t->name);
    for (const FieldSpec& sub : t->fields) {
      if (!sub.required) {
        continue;
      }
      const std::string value = sub.name == "id" ? toml_quote(fmt::format("{}-{}-01", "HP", static_cast<int>(today.year())))
                                                 : default_value(sub, ws, today);
      out += fmt::format("{} = {}\n", sub.name, value);
    }
  }
  while (!out.empty() && out.back() == '\n') {
    out.pop_back();
  }
  return out;
}

struct NewTemplate
{
  std::string path;  // the repository's file; empty for styr's own
  std::string text;
};

NewTemplate find_template(const Workspace& ws, const std::string& type)
{
  const WorkingTreeSource source(ws.root);
  for (const std::string& name : {fmt::format("new-{}.mustache", type), std::string("new-document.mustache")}) {
    const std::string path = ws.config.templates_dir + "/" + name;
    if (auto text = source.read(path)) {
      return NewTemplate{path, std::move(*text)};
    }
  }
  return NewTemplate{{}, std::string(find_resource("templates/new-document.mustache").value_or(""))};
}

}  // namespace

std::string toml_quote(std::string_view text)
{
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += fmt::format("\\u{:04X}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

tl::expected<NewDocument, std::string> plan_new_document(const Workspace& ws, const Schema& schema,
                                                         const DocumentSet& documents,
                                                         const NewDocumentRequest& request, Date today)
{
  const DocumentType* type = schema.find_type(request.type);
  if (type == nullptr) {
    std::string types;
    for (const std::string_view n : schema.type_names()) {
      types += (types.empty() ? "" : ", ") + std::string(n);
    }
    return tl::unexpected(fmt::format("\"{}\" is not a document type; the types are {}", request.type, types));
  }
  if (text::trim(request.title).empty() || request.title.find('\n') != std::string::npos) {
    return tl::unexpected(std::string("--title must be a title on one line"));
  }
  std::string id = request.id.empty() ? next_free_id(*type, documents) : request.id;
  if (type->id_regex && !std::regex_match(id, *type->id_regex)) {
    return tl::unexpected(fmt::format("the id {} does not match the {} id pattern {}", id, type->name, type->id_pattern));
  }
  if (documents.find_id(id) != nullptr) {
    return tl::unexpected(fmt::format("the id {} is already used by {}", id, documents.find_id(id)->path));
  }

  std::map<std::string, std::string> given{{"id", toml_quote(id)},
                                           {"title", toml_quote(text::trim(request.title))},
                                           {"type", toml_quote(type->name)}};
  if (!type->decided_by.empty()) {
    given["decided_by"] = toml_quote(type->decided_by.front());
  }
  if (type->max_review_months > 0) {
    given["review_interval_months"] = std::to_string(type->max_review_months);
  }
  if (!type->parents.empty()) {
    const Document* parent = nullptr;
    if (!request.parent.empty()) {
      parent = documents.find_id(request.parent);
      if (parent == nullptr) {
        return tl::unexpected(fmt::format("--parent {}: no document has that id", request.parent));
      }
      if (std::find(type->parents.begin(), type->parents.end(), parent->type()) == type->parents.end()) {
        return tl::unexpected(fmt::format("--parent {} is of type {}; a {} has a parent of type {}", request.parent,
                                          parent->type(), type->name, fmt::join(type->parents, " or ")));
      }
    } else {
      for (const std::string& parent_type : type->parents) {
        for (const Document& d : documents.documents()) {
          if (d.type() == parent_type && !d.retired() && (parent == nullptr || d.id() < parent->id())) {
            parent = &d;
          }
        }
        if (parent != nullptr) {
          break;
        }
      }
      if (parent == nullptr) {
        return tl::unexpected(fmt::format("a {} needs a parent of type {}, and there is none yet; use --parent ID",
                                          type->name, fmt::join(type->parents, " or ")));
      }
    }
    given["parent"] = toml_quote(parent->id());
  } else if (!request.parent.empty()) {
    return tl::unexpected(fmt::format("a {} has no parent", type->name));
  }

  kainjow::mustache::data sections{kainjow::mustache::data::type::list};
  for (const std::string& s : type->required_sections) {
    kainjow::mustache::data section;
    section.set("name", s);
    sections.push_back(section);
  }
  kainjow::mustache::data view;
  view.set("id", id);
  view.set("title", markdown_text(text::trim(request.title)));
  view.set("type", type->name);
  view.set("front_matter", front_matter(ws, schema, *type, given, today));
  view.set("sections", sections);
  const NewTemplate found = find_template(ws, type->name);
  kainjow::mustache::mustache tmpl(found.text);
  if (!tmpl.is_valid()) {
    return tl::unexpected(fmt::format("the template for new documents is invalid: {}", tmpl.error_message()));
  }
  NewDocument doc;
  doc.content = tmpl.render(view);
  if (!found.path.empty()) {
    const TemplateFields fields{"id", "title", "type", "front_matter", "sections[].name"};
    for (const UnknownName& w : unknown_template_names(found.text, fields)) {
      doc.warnings.push_back(fmt::format("{}:{}:{}: {}", found.path, w.position.line, w.position.column, w.message));
    }
  }
  const std::string folder = folder_for(ws, *type, documents);
  std::string base = text::slugify(request.title);
  if (base.size() > 60) {
    base.resize(60);
  }
  doc.path = fmt::format("{}/{}.md", folder, base.empty() ? text::slugify(id) : base);
  for (int n = 2; fs::exists(ws.root / doc.path); ++n) {
    doc.path = fmt::format("{}/{}-{}.md", folder, base, n);
  }
  return doc;
}

tl::expected<void, std::string> write_new_file(const fs::path& path, const std::string& content)
{
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  // O_EXCL: never replace a file, even one that appeared a moment ago.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    return tl::unexpected(fmt::format("cannot create {}: {}", path.string(), std::strerror(errno)));
  }
  const bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  ::close(fd);
  if (!ok) {
    fs::remove(path, ec);
    return tl::unexpected(fmt::format("cannot write {}", path.string()));
  }
  return {};
}

bool organisation_name_valid(std::string_view name)
{
  return !text::trim(name).empty() &&
         std::none_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

tl::expected<void, std::string> init_repository(const fs::path& dir, const std::string& name)
{
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return tl::unexpected(fmt::format("{} exists and is not empty", dir.string()));
  }
  if (!organisation_name_valid(name)) {
    return tl::unexpected(std::string("the organisation's name must be text on one line"));
  }
  const auto replace_all = [](std::string text, std::string_view what, std::string_view with) {
    for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += with.size()) {
      text.replace(at, what.size(), with);
    }
    return text;
  };
  const auto fill = [&](std::string_view resource) {
    const std::string text(find_resource(resource).value_or(""));
    return replace_all(replace_all(text, "{{quoted_name}}", toml_quote(name)), "{{name}}", name);
  };
  const std::string policy =
    replace_all(std::string(find_resource("init/policy.md").value_or("")), "Exempelkommun", markdown_text(name));
  std::vector<std::pair<std::string, std::string>> files = {
    {"styr.toml", fill("init/styr.toml")},
    {"approvers.toml", std::string(find_resource("init/approvers.toml").value_or(""))},
    {".gitignore", std::string(find_resource("init/gitignore").value_or(""))},
    {"policies/policy/informationssakerhetspolicy.md", policy},
  };
  for (const Resource& r : resources_under("templates/")) {
    files.emplace_back(std::string(r.name), std::string(r.data));
  }
  for (const Resource& r : resources_under("site/")) {
    if (!styr_script(r.name.substr(5))) {  // the look, not styr's scripts
      files.emplace_back(std::string(r.name), std::string(r.data));
    }
  }
  fs::create_directories(dir, ec);
  if (ec) {
    return tl::unexpected(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  }
  for (const auto& [path, content] : files) {
    if (auto written = write_new_file(dir / path, content); !written) {
      return written;
    }
  }
  const ProcessResult git = run_process({"git", "init", "-q"}, {}, dir);
  if (git.exit_code != 0) {
    return tl::unexpected(fmt::format("git init failed: {}", text::trim(git.err)));
  }
  return {};
}

}  // namespace styr
