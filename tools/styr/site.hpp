// styr build: the published intranet (PRODUCT.md §6). Publishes the approved version of
// every document (its blob at the approving tag), or with `preview` the working tree with
// every unapproved page marked as a draft, as a static site with relative links only.
//
// URL scheme (stable by id, so a renamed file keeps its address):
//   index.html                        start page
//   dokument/ID/index.html            the document as in force
//   dokument/ID/historik.html         every decision about it
//   dokument/ID/vN.html               version N, with what changed since version N-1
//   typ/TYPE.html, amne/SLUG.html     lists by document type and by tag; amne/index.html
//   beslut.html#TAG-SLUG              the decision log
//   sok.html, search/*.js             search page and its index
//   feed.xml, 404.html                Atom feed of decisions, "not found" page. The site has no
//                                     known address, so feed and entry ids are tag URIs (RFC 4151)
//                                     from the decision maker's e-mail domain and the decision
//                                     date, and links are relative to feed.xml (no xml:base)
//   filer/HASH/NAME                   files linked from documents (pdf, pictures …)
//   assets/…                          style sheet, logo, scripts (site/ in the repository)
#pragma once

#include "styr/diagnostic.hpp"
#include "styr/template_names.hpp"
#include "styr/workspace.hpp"

#include <tl/expected.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace styr {

enum class Audience { intranet, public_site };

struct BuildOptions
{
  std::filesystem::path output;  // empty: paths.output of styr.toml, relative to the root
  bool preview = false;          // the working tree instead of the approved versions
  Audience audience = Audience::intranet;
  bool use_cache = true;         // reuse and keep work in .styr-cache/
  std::function<void()> on_wait;  // called when another build holds the output's lock
  // For tests: fail with an I/O error after writing this many files, as a full disk would.
  std::size_t fail_after_files = 0;
  // Leave the build's memory to the process's exit instead of freeing it: a tenth of a
  // rebuild of a large site. For a program that ends after the build (the command line).
  bool keep_until_exit = false;
  // For tests: called from the rendering threads with a template's name and the names of
  // the data it is rendered with, written as template_fields() writes them.
  std::function<void(std::string_view, const std::set<std::string>&)> on_template_data;
  // For tests: called from the rendering threads with the path of each page made from its
  // template, rather than kept from the last build by its key.
  std::function<void(const std::string&)> on_page_rendered;
};

struct BuildWarning
{
  BuildWarning(std::string path, std::string message, Position position = {})
    : path(std::move(path)), message(std::move(message)), position(position)
  {
  }

  std::string path;  // the document's path in the repository, or empty
  std::string message;
  Position position;  // in the document; line 0: the whole document
};

struct BuildResult
{
  std::filesystem::path output;  // absolute
  std::size_t documents = 0;     // documents with a page
  std::size_t decisions = 0;     // decisions in the decision log
  std::size_t files = 0;         // files written
  std::size_t reused = 0;        // entries taken from the cache (documents, diffs, words, trees)
  std::size_t unchanged = 0;     // files linked from the previous site instead of written
  std::vector<BuildWarning> warnings;  // sorted
};

enum class BuildErrorKind {
  refused,     // the output folder is not acceptable
  repository,  // not a git repository, no commits, unreadable history
  theme,       // a template or labels file does not parse
  io,          // the site could not be written
};

struct BuildError
{
  BuildErrorKind kind = BuildErrorKind::io;
  std::string message;
};

// Called from the building thread with the pages done so far and the total.
using BuildProgress = std::function<void(std::size_t done, std::size_t total)>;

// The names the data of the template `name` ("document", "layout") can hold, labels aside:
// those a template may use without a warning, besides l.KEY for each label.
TemplateFields template_fields(std::string_view name);

tl::expected<BuildResult, BuildError> build_site(const Workspace& workspace, const BuildOptions& options,
                                                 const BuildProgress& progress = {});

}  // namespace styr
