// The look of the published site: Mustache templates, the interface labels in each language
// and the static assets. Each file is taken from the repository (paths.templates and
// paths.assets in styr.toml) when it has one, and otherwise from the copy built into styr,
// file by file, so a municipality overrides only what it wants to change. styr's scripts are
// the exception: they are part of the program (styr_script).
#pragma once

#include "styr/schema.hpp"
#include "styr/workspace.hpp"

#include <tl/expected.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace styr {

// The templates a site is built from, without the ".mustache" suffix.
inline constexpr std::string_view k_template_names[] = {
  "layout", "start", "tree", "document", "history", "version", "list", "types", "decisions", "search", "404",
  "feed", "report", "requirements", "accessibility",
};

struct Asset
{
  std::string name;  // relative to the assets folder, '/' separated, e.g. "style.css"
  std::string data;
};

// The interface's words in one language, by key ("documents_count", "types.riktlinje").
using Labels = std::map<std::string, std::string, std::less<>>;

struct Theme
{
  // name -> Mustache text, with every {{l.key}} already replaced by its (escaped) label:
  // labels are the same on every page, so they are filled in once, not looked up per page.
  std::map<std::string, std::string, std::less<>> templates;
  std::string language = "sv";  // the site's: "sv" or "en"
  Labels labels;                // key -> text, in the site's language
  bool labels_in_data = false;  // a template uses labels in another way ({{#l.key}}): pass them as data
  std::vector<Asset> assets;    // sorted by name
  std::vector<std::string> warnings;  // e.g. a repository asset that was skipped
  // The repository's own templates as written, by name, with the path they were read from
  // ("templates/start.mustache"): where a warning about one of them points.
  struct OwnTemplate
  {
    std::string path;
    std::string text;
  };
  std::map<std::string, OwnTemplate, std::less<>> own_templates;

  // The label, or the key itself when no label has it (so a missing label shows, not breaks).
  const std::string& label(std::string_view key) const;
  // The label for a count of `n`: "key_one" for one ("1 document"), "key" otherwise.
  const std::string& label(std::string_view key, std::size_t n) const;
};

// The labels for `language` ("sv" or "en"): the ones built into styr, replaced key by key by
// the repository's templates/labels.toml. Fails when a labels file is not valid TOML.
tl::expected<Labels, std::string> load_labels(const Workspace& workspace, std::string_view language);

// A document type as the interface names it: the labels' name for it ([en.types],
// [en.types_plural]), else the schema's label, else the type itself.
std::string type_label(const Labels& labels, const Schema& schema, std::string_view type, bool plural);

// Reads the theme for `language` ("sv" or "en"); fails when a template does not parse or a
// labels file is not valid TOML.
tl::expected<Theme, std::string> load_theme(const Workspace& workspace, std::string_view language);

// Whether an asset is one of styr's scripts (search.js, requirements.js): those read what this
// styr writes, so the built-in copy is always published, never the repository's.
bool styr_script(std::string_view asset);

// One asset, e.g. "report.css": the repository's (a plain file in its assets folder) when it
// has one, else styr's own.
std::string theme_asset(const Workspace& workspace, std::string_view name);

// Replaces {{l.key}} (escaped) and {{{l.key}}} / {{&l.key}} (as is) with the labels; sets
// `other_uses` when the text still refers to l. in a tag.
std::string expand_labels(std::string_view text, const Labels& labels, bool& other_uses);

}  // namespace styr
