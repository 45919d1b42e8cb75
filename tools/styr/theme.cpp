#include "styr/theme.hpp"

#include "styr/render.hpp"
#include "styr/resources.hpp"
#include "styr/source.hpp"
#include "styr/text.hpp"
#include "styr/toml_text.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace styr {

namespace fs = std::filesystem;

namespace {

// Assets larger than this are left out: the site is documents, not a file share.
constexpr std::uintmax_t k_max_asset_bytes = 32 * 1024 * 1024;

std::optional<std::string> read_regular_file(const fs::path& path)
{
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(path, ec);
  if (ec || !fs::is_regular_file(status)) {
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Whether `dir` (relative to the root) stays inside the repository.
std::optional<fs::path> inside(const fs::path& root, std::string_view dir)
{
  const auto resolved = resolve_link("styr.toml", dir);
  if (!resolved) {
    return std::nullopt;
  }
  return root / *resolved;
}

// Merges the [language] table of a labels file into `labels`, key by key.
tl::expected<void, std::string> merge_labels(Labels& labels, std::string_view text, std::string_view name,
                                             std::string_view language)
{
  auto parsed = parse_toml(text, name);
  if (!parsed) {
    return tl::unexpected(fmt::format("{}:{}:{}: {}", name, parsed.error().position.line,
                                      parsed.error().position.column, parsed.error().message));
  }
  const toml::table* table = parsed->get_as<toml::table>(language);
  if (table == nullptr) {
    return {};
  }
  for (const auto& [key, value] : *table) {
    if (const auto* s = value.as_string()) {
      labels[std::string(key.str())] = s->get();
    } else if (const auto* sub = value.as_table()) {
      // A sub-table names labels with a dotted prefix: [en.types] policy = "Policy".
      for (const auto& [sub_key, sub_value] : *sub) {
        if (const auto* ss = sub_value.as_string()) {
          labels[fmt::format("{}.{}", key.str(), sub_key.str())] = ss->get();
        }
      }
    }
  }
  return {};
}

// kainjow's message for an invalid template, at the place in the file it names by byte
// offset ("Unclosed section \"x\" at 2839"): "templates/document.mustache:84:1: …".
std::string template_error(std::string_view origin, std::string_view text, const std::string& message)
{
  const std::size_t at = message.rfind(" at ");
  std::size_t offset = 0;
  if (at != std::string::npos) {
    const char* first = message.data() + at + 4;
    const char* last = message.data() + message.size();
    if (const auto [end, ec] = std::from_chars(first, last, offset); ec == std::errc() && end == last) {
      const Position p = text::LineIndex(text).position(std::min(offset, text.size()));
      return fmt::format("{}:{}:{}: the template is invalid: {}", origin, p.line, p.column, message.substr(0, at));
    }
  }
  return fmt::format("{}: the template is invalid: {}", origin, message);
}

}  // namespace

std::string expand_labels(std::string_view text, const Labels& labels, bool& other_uses)
{
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      out += text.substr(pos);
      break;
    }
    out += text.substr(pos, open - pos);
    std::size_t i = open + 2;
    bool raw = false;
    std::string_view close = "}}";
    if (i < text.size() && text[i] == '{') {
      raw = true;
      close = "}}}";
      ++i;
    } else if (i < text.size() && text[i] == '&') {
      raw = true;
      ++i;
    }
    while (i < text.size() && text[i] == ' ') {
      ++i;
    }
    std::size_t end = i;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '_' ||
                                 text[end] == '.')) {
      ++end;
    }
    const std::string_view name = text.substr(i, end - i);
    std::size_t after = end;
    while (after < text.size() && text[after] == ' ') {
      ++after;
    }
    const auto label = name.starts_with("l.") ? labels.find(name.substr(2)) : labels.end();
    // A label that looks like Mustache itself stays a lookup, so it is never read as a tag.
    if (label != labels.end() && text.substr(after, close.size()) == close &&
        label->second.find("{{") == std::string::npos) {
      out += raw ? label->second : html_escape(label->second);
      pos = after + close.size();
      continue;
    }
    // Not a plain label: left for Mustache.
    const std::size_t tag_end = text.find("}}", open + 2);
    const std::string_view tag = text.substr(open, tag_end == std::string_view::npos ? text.size() - open : tag_end + 2 - open);
    if (tag.find("l.") != std::string_view::npos) {
      other_uses = true;
    }
    out += text.substr(open, 2);
    pos = open + 2;
  }
  return out;
}

const std::string& Theme::label(std::string_view key) const
{
  const auto it = labels.find(key);
  if (it != labels.end()) {
    return it->second;
  }
  static thread_local std::string missing;
  missing = std::string(key);
  return missing;
}

bool styr_script(std::string_view asset)
{
  return asset.ends_with(".js") && find_resource("site/" + std::string(asset)).has_value();
}

std::string theme_asset(const Workspace& workspace, std::string_view name)
{
  if (const auto assets_dir = inside(workspace.root, workspace.config.assets_dir)) {
    if (auto own = read_regular_file(*assets_dir / name)) {
      return std::move(*own);
    }
  }
  return std::string(find_resource("site/" + std::string(name)).value_or(""));
}

const std::string& Theme::label(std::string_view key, std::size_t n) const
{
  return n == 1 ? label(fmt::format("{}_one", key)) : label(key);
}

tl::expected<Labels, std::string> load_labels(const Workspace& workspace, std::string_view language)
{
  Labels labels;
  const std::string lang = language == "en" ? "en" : "sv";
  if (auto merged = merge_labels(labels, find_resource("templates/labels.toml").value_or(""), "templates/labels.toml",
                                 lang);
      !merged) {
    return tl::unexpected(merged.error());
  }
  if (const auto templates_dir = inside(workspace.root, workspace.config.templates_dir)) {
    if (const auto text = read_regular_file(*templates_dir / "labels.toml")) {
      if (auto merged =
            merge_labels(labels, *text, fmt::format("{}/labels.toml", workspace.config.templates_dir), lang);
          !merged) {
        return tl::unexpected(merged.error());
      }
    }
  }
  return labels;
}

std::string type_label(const Labels& labels, const Schema& schema, std::string_view type, bool plural)
{
  if (const auto it = labels.find(fmt::format("{}.{}", plural ? "types_plural" : "types", type));
      it != labels.end()) {
    return it->second;
  }
  if (const DocumentType* t = schema.find_type(type)) {
    const std::string& label = plural ? t->plural : t->label;
    if (!label.empty()) {
      return label;
    }
  }
  return std::string(type);
}

tl::expected<Theme, std::string> load_theme(const Workspace& workspace, std::string_view language)
{
  Theme theme;
  const auto templates_dir = inside(workspace.root, workspace.config.templates_dir);
  const auto assets_dir = inside(workspace.root, workspace.config.assets_dir);

  for (const std::string_view name : k_template_names) {
    const std::string file = fmt::format("{}.mustache", name);
    std::optional<std::string> text;
    std::string origin = fmt::format("{}/{}", workspace.config.templates_dir, file);
    if (templates_dir) {
      text = read_regular_file(*templates_dir / file);
    }
    if (text) {
      theme.own_templates.emplace(std::string(name), Theme::OwnTemplate{origin, *text});
    } else {
      origin = fmt::format("templates/{} (built into styr)", file);
      text = std::string(find_resource("templates/" + file).value_or(""));
    }
    const kainjow::mustache::mustache parsed(*text);
    if (!parsed.is_valid()) {
      return tl::unexpected(template_error(origin, *text, parsed.error_message()));
    }
    theme.templates.emplace(std::string(name), std::move(*text));
  }

  auto labels = load_labels(workspace, language);
  if (!labels) {
    return tl::unexpected(labels.error());
  }
  theme.language = language == "en" ? "en" : "sv";
  theme.labels = std::move(*labels);

  for (auto& [name, text] : theme.templates) {
    text = expand_labels(text, theme.labels, theme.labels_in_data);
    const kainjow::mustache::mustache parsed(text);
    if (!parsed.is_valid()) {
      return tl::unexpected(fmt::format("template {}.mustache is invalid once its labels are filled in: {}", name,
                                        parsed.error_message()));
    }
  }

  // Assets: the built-in ones, replaced or added to by the repository's.
  std::map<std::string, std::string> assets;
  for (const Resource& r : resources_under("site/")) {
    assets[std::string(r.name.substr(5))] = std::string(r.data);
  }
  std::error_code ec;
  if (assets_dir && fs::is_directory(*assets_dir, ec)) {
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(*assets_dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.starts_with('.')) {
        if (it->is_directory(ec)) {
          it.disable_recursion_pending();
        }
        continue;
      }
      if (it->is_symlink(ec)) {
        theme.warnings.push_back(fmt::format("{}: symbolic links are not published",
                                             it->path().lexically_relative(workspace.root).generic_string()));
        continue;
      }
      if (it->is_regular_file(ec)) {
        files.push_back(it->path());
      }
    }
    for (const fs::path& file : files) {
      const std::string rel = file.lexically_relative(*assets_dir).generic_string();
      if (fs::file_size(file, ec) > k_max_asset_bytes) {
        theme.warnings.push_back(fmt::format("{}/{}: larger than {} MiB; not published", workspace.config.assets_dir,
                                             rel, k_max_asset_bytes / (1024 * 1024)));
        continue;
      }
      auto data = read_regular_file(file);
      if (!data) {
        continue;
      }
      if (styr_script(rel)) {  // assets holds styr's own copy
        if (*data != assets[rel]) {
          theme.warnings.push_back(fmt::format(
            "{}/{}: differs from styr's own script, which is published instead (the script must match what this "
            "styr writes, e.g. the search index); delete the file",
            workspace.config.assets_dir, rel));
        }
        continue;
      }
      assets[rel] = std::move(*data);
    }
  }
  for (auto& [name, data] : assets) {
    theme.assets.push_back(Asset{name, std::move(data)});
  }
  return theme;
}

}  // namespace styr
