// The repository at one state — the working tree or a revision — with everything the
// commands derive from it: configuration, schema, documents, decisions and statuses.
// Loading it is the main job's table of contents:
//   open workspace → load schema → open git → collect documents → read ledger → statuses.
#pragma once

#include "styr/document_set.hpp"
#include "styr/git.hpp"
#include "styr/ledger.hpp"
#include "styr/schema.hpp"
#include "styr/source.hpp"
#include "styr/workspace.hpp"

#include <tl/expected.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace styr {

class SiteCache;

struct Snapshot
{
  Workspace workspace;
  Schema schema;
  std::unique_ptr<git::Repository> repo;  // on the heap: sources keep a reference to it
  std::optional<git::Oid> revision;        // the commit of --rev, or none for the working tree
  std::unique_ptr<DocumentSource> source;  // where the documents were read
  DocumentSet documents;
  Ledger ledger;
  std::vector<DocumentStatus> statuses;    // one per document, sorted by id
  Date today{};

  const DocumentStatus* status(std::string_view id) const;
  const Decision* decision_of(const Approval& approval) const;
};

struct SnapshotError
{
  enum class Kind { workspace, not_git, subfolder, schema, revision, history };
  Kind kind = Kind::workspace;
  std::string message;
  Diagnostics diagnostics;  // positioned problems in configuration files
};

// Everything `check` finds in the snapshot: the documents' structure, the decisions that
// did not count, references to drafts, and an unapproved roster.
Diagnostics check_snapshot(const Snapshot& snap);

// `revision` is any git revision (a tag, a commit, HEAD~2); none reads the working tree.
// `parts` says how much of each document to load (Parts::front_matter for commands that
// need no Markdown); a cache keeps the documents loaded for the next time, by blob, and for
// the working tree also each file's blob by its size, times and inode. The cache must outlive
// the snapshot's source. `decided_until`: only the decisions made on or before that date.
tl::expected<Snapshot, SnapshotError> load_snapshot(const std::filesystem::path& dir,
                                                    const std::optional<std::string>& revision, Date today,
                                                    Parts parts = Parts::all, SiteCache* cache = nullptr,
                                                    std::optional<Date> decided_until = std::nullopt);

}  // namespace styr
