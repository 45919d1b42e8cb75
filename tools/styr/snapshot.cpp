#include "styr/snapshot.hpp"

#include "styr/check.hpp"

#include <fmt/format.h>

namespace styr {

namespace {

// At a revision, "the same content" means the same blob (or the same text in other line
// endings), exactly as the ledger compares approvals.
class RevisionComparer : public ContentComparer
{
public:
  RevisionComparer(const git::Repository& repo, const CommitSource& source) : m_repo(repo), m_source(source) {}

  bool same_content(const Document& current, const git::Oid& approved_blob) const override
  {
    const auto blob = m_source.blob_id(current.path);
    if (blob && *blob == approved_blob) {
      return true;
    }
    const auto approved = m_repo.read_blob(approved_blob);
    if (!approved) {
      return false;
    }
    std::string a = *approved;
    std::string b = current.text;
    if (std::string_view(a).starts_with("\xEF\xBB\xBF")) {
      a.erase(0, 3);
    }
    std::erase(a, '\r');
    std::erase(b, '\r');
    return a == b;
  }

private:
  const git::Repository& m_repo;
  const CommitSource& m_source;
};

}  // namespace

const DocumentStatus* Snapshot::status(std::string_view id) const
{
  for (const DocumentStatus& s : statuses) {
    if (s.id == id) {
      return &s;
    }
  }
  return nullptr;
}

const Decision* Snapshot::decision_of(const Approval& approval) const
{
  return approval.decision ? &ledger.decisions().at(*approval.decision) : nullptr;
}

Diagnostics check_snapshot(const Snapshot& snap)
{
  Diagnostics found = check_documents(CheckInput{snap.documents, snap.schema, snap.workspace.config, *snap.source, snap.today});
  auto roster = read_roster(*snap.source);
  Diagnostics ledger = roster ? ledger_diagnostics(snap.ledger, snap.statuses, snap.documents, *roster)
                              : std::move(roster.error());
  snap.workspace.config.apply_rule_levels(ledger);
  found.insert(found.end(), ledger.begin(), ledger.end());
  sort_diagnostics(found);
  return found;
}

tl::expected<Snapshot, SnapshotError> load_snapshot(const std::filesystem::path& dir,
                                                    const std::optional<std::string>& revision, Date today,
                                                    Parts parts, SiteCache* cache, std::optional<Date> decided_until)
{
  auto workspace = open_workspace(dir);
  if (!workspace) {
    return tl::unexpected(SnapshotError{SnapshotError::Kind::workspace, workspace.error().message, workspace.error().diagnostics});
  }
  auto repo = git::Repository::open(workspace->root);
  if (!repo) {
    return tl::unexpected(SnapshotError{SnapshotError::Kind::not_git, repo.error(), {}});
  }
  // Decisions name documents by their path in the repository's commits, so styr.toml sits at
  // the top of the working tree; in a subfolder every path would silently miss.
  if (const std::filesystem::path top = repo->workdir(); !top.empty()) {
    std::error_code ec;
    if (!std::filesystem::equivalent(top, workspace->root, ec)) {
      return tl::unexpected(SnapshotError{SnapshotError::Kind::subfolder, fmt::format(
        "styr.toml is in {}/ inside the git repository {}; it must be at the top of the repository, because "
        "decisions and documents are read by their paths in its commits (give the documents a repository of "
        "their own, or move styr.toml to the top and set documents under [paths])",
        workspace->root.lexically_relative(top).generic_string(), top.string()), {}});
    }
  }
  auto schema = load_schema(workspace->config);
  if (!schema) {
    return tl::unexpected(SnapshotError{SnapshotError::Kind::schema, "the schema is invalid", std::move(schema.error())});
  }
  Snapshot snap{std::move(*workspace), std::move(*schema), std::make_unique<git::Repository>(std::move(*repo)),
                std::nullopt, nullptr, {}, {}, {}, today};

  std::unique_ptr<ContentComparer> comparer;
  if (revision) {
    auto commit_id = snap.repo->resolve_commit(*revision);
    if (!commit_id) {
      return tl::unexpected(SnapshotError{SnapshotError::Kind::revision, commit_id.error(), {}});
    }
    auto commit = snap.repo->commit(*commit_id);
    if (!commit) {
      return tl::unexpected(SnapshotError{SnapshotError::Kind::revision, commit.error(), {}});
    }
    snap.revision = *commit_id;
    auto source = std::make_unique<CommitSource>(*snap.repo, *commit_id, commit->tree);
    comparer = std::make_unique<RevisionComparer>(*snap.repo, *source);
    snap.source = std::move(source);
  } else {
    snap.source = std::make_unique<WorkingTreeSource>(snap.workspace.root, cache);
    comparer = std::make_unique<WorkingTreeComparer>(*snap.repo);
  }
  snap.documents = collect_documents(*snap.source, snap.workspace.config.documents_dir, parts, cache);
  // The decisions name the same blobs, mostly: what was just read is not read again from git.
  KnownBlobs known;
  for (const Document& d : snap.documents.documents()) {
    if (d.blob) {
      known.emplace(*d.blob, &d);
    }
  }
  auto ledger = read_ledger(*snap.repo, snap.schema, snap.revision, &snap.documents, &known, decided_until);
  if (!ledger) {
    return tl::unexpected(SnapshotError{SnapshotError::Kind::history, ledger.error(), {}});
  }
  snap.ledger = std::move(*ledger);
  snap.statuses = document_statuses(snap.ledger, snap.documents, snap.schema, *comparer, today);
  return snap;
}

}  // namespace styr
