// New files from templates: a document for `styr new` (next free id, every required field
// with a valid value, the required headings) and a whole repository for `styr init`.
#pragma once

#include "styr/document_set.hpp"
#include "styr/ledger.hpp"
#include "styr/schema.hpp"
#include "styr/workspace.hpp"

#include <tl/expected.hpp>

#include <filesystem>
#include <string>

namespace styr {

struct NewDocumentRequest
{
  std::string type;
  std::string title;
  std::string parent;  // empty: the first document of an allowed parent type
  std::string id;      // empty: the next free id of the type
};

struct NewDocument
{
  std::string path;  // relative to the repository root
  std::string content;
  // Names the repository's template uses that a new document does not have, each as
  // "templates/new-document.mustache:LINE:COL: unknown name …".
  std::vector<std::string> warnings;
};

// Plans the document; nothing is written.
tl::expected<NewDocument, std::string> plan_new_document(const Workspace& workspace, const Schema& schema,
                                                         const DocumentSet& documents,
                                                         const NewDocumentRequest& request, Date today);

// Writes a new file, refusing to replace an existing one.
tl::expected<void, std::string> write_new_file(const std::filesystem::path& path, const std::string& content);

// Whether `name` can name the organisation in styr.toml and the sample policy: text on one
// line, without control characters.
bool organisation_name_valid(std::string_view name);

// Creates a policy repository in `dir` (which must not exist or be empty): configuration,
// approvers, templates, assets, one complete sample policy, and `git init`.
tl::expected<void, std::string> init_repository(const std::filesystem::path& dir, const std::string& name);

// A TOML basic string literal with quotes.
std::string toml_quote(std::string_view text);

}  // namespace styr
