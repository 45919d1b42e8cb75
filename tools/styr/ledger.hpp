// The approval ledger: decisions are annotated git tags; each document's status, version
// and review date are derived from them (PRODUCT.md §5). Nothing in a document can make it
// approved: only a decision tag by someone who holds the authority, under the roster in
// force at the time, approves the content (blob) of the document at the tagged commit.
#pragma once

#include "styr/config.hpp"
#include "styr/diagnostic.hpp"
#include "styr/document_set.hpp"
#include "styr/git.hpp"
#include "styr/schema.hpp"

#include <tl/expected.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace styr {

using Date = std::chrono::year_month_day;

std::string iso_date(Date date);  // "2026-03-15"
std::optional<Date> parse_iso_date(std::string_view text);
Date add_months(Date date, int months);  // clamps the day: 2026-01-31 + 1 = 2026-02-28

enum class Status { draft, approved, changed, retired };

std::string_view to_string(Status status);  // "draft", "approved", "changed", "retired"
// The label staff see: "Utkast", "Fastställd", "Ändrad efter fastställelse", "Upphävd".
std::string_view status_label(Status status, std::string_view language);

struct Approver
{
  std::string name;
  std::string email;
  std::vector<std::string> bodies;  // the decided_by values this person may approve for

  bool holds(std::string_view body) const;
};

// Who may decide what, and how decisions are recognised (PRODUCT.md §5 "The roster").
struct Roster
{
  std::vector<Approver> approvers;
  std::string allowed_signers;  // contents of the allowed-signers file
  ApprovalSettings settings;
  std::optional<git::Oid> commit;  // where this version of the roster was read

  const Approver* find(std::string_view email) const;  // case-insensitive
  bool same_rules(const Roster& other) const;          // equal apart from where it was read
};

// The keyword a decision lists to approve the roster at its commit.
inline constexpr std::string_view k_roster_id = "approvers";

struct Decision
{
  std::string tag;               // short name, e.g. "beslut/2026-03-15-ks-45"
  std::optional<git::Oid> commit;
  std::string tagger_name;
  std::string tagger_email;
  std::int64_t time = 0;         // seconds since the epoch
  Date date{};                   // in the tagger's time zone
  std::string title;             // the first line of the message
  std::string text;              // its prose: reasons and conditions (DecisionMessage::text)
  std::string reference;         // Beslut:
  std::string case_number;       // Diarienummer:
  std::vector<std::string> listed;  // Fastställer: / Approves:
  std::string approver;          // the approver's name from the roster, if known
  bool signed_tag = false;       // carries a signature block
  bool signature_verified = false;
  bool approves_roster = false;  // listed "approvers" and counted
  std::vector<std::string> problems;  // why (part of) the decision did not count
};

// One counted approval of one document's content: by a decision, or for a supporting
// document (a type with decision = false) by the commit that published it.
struct Approval
{
  std::optional<std::size_t> decision;  // index into Ledger::decisions()
  std::string id;
  std::string title;  // of the approved content
  std::string path;   // the document's path at the approved commit
  git::Oid blob;
  git::Oid commit;
  std::int64_t time = 0;
  Date date{};
  std::string approved_by;  // the approver's name (or the commit's author)
  int version = 0;          // 1, 2, …: how many different contents have been approved
  bool revision = false;    // the content differs from the previously approved content
  bool retired = false;     // the approved content asks to be retired
  int review_interval_months = 0;  // of the approved content
  std::string decided_by;          // the body the approved content names
};

// The body whose authority a decision on a document needs: the one its content names, or,
// when the last approved version named another, that one. A change of decision authority
// is decided by the body that held it, so that no edit of decided_by lets a body take over
// another's document.
std::string_view deciding_body(const Approval* last, std::string_view named);

struct Rejection
{
  std::size_t decision = 0;
  std::string id;  // the listed id, or "approvers"
  std::string reason;
};

class Ledger
{
public:
  // Decisions in the order they were made: tagger time, then tag name.
  const std::vector<Decision>& decisions() const { return m_decisions; }
  // Approvals of one document, oldest first (empty when never approved).
  const std::vector<Approval>& approvals(std::string_view id) const;
  const std::vector<Rejection>& rejections() const { return m_rejections; }
  // Ids with at least one approval, sorted.
  std::vector<std::string> approved_ids() const;
  // Warnings about tags that look like decisions but are not (lightweight, wrong name …), and
  // about merged decisions that numbered a document's versions anew.
  const std::vector<std::string>& warnings() const { return m_warnings; }
  // The roster after the last decision (what the next decision is judged by).
  const Roster& roster() const { return m_roster; }

private:
  friend class LedgerBuilder;
  std::vector<Decision> m_decisions;
  std::map<std::string, std::vector<Approval>, std::less<>> m_approvals;
  std::vector<Rejection> m_rejections;
  std::vector<std::string> m_warnings;
  Roster m_roster;
};

// Reads every decision reachable from `tip` (HEAD when absent). `current` — the documents
// as they are now — tells where each id is likely to be found, and which supporting
// documents (types with decision = false) to publish from the tip. Fails only when the
// repository cannot be read; a shallow clone is an error that says so. `known`: documents
// the caller has loaded already, by blob, which are neither read nor parsed again.
// `until`: only the decisions made on or before that date (the tagger's), as the state was
// then; none for every decision.
using KnownBlobs = std::unordered_map<git::Oid, const Document*, git::OidHash>;
tl::expected<Ledger, std::string> read_ledger(const git::Repository& repo, const Schema& schema,
                                              std::optional<git::Oid> tip = std::nullopt,
                                              const DocumentSet* current = nullptr,
                                              const KnownBlobs* known = nullptr,
                                              std::optional<Date> until = std::nullopt);

// The status of one document at one state of the repository.
struct DocumentStatus
{
  std::string id;
  std::string title;
  std::string type;
  std::string path;
  Status status = Status::draft;
  int version = 0;
  const Approval* last = nullptr;  // the last approval or re-approval, if any
  std::optional<Date> review_due;
  bool overdue = false;
  std::vector<std::string> problems;
};

// How the current content of a document compares with an approved blob.
class ContentComparer
{
public:
  virtual ~ContentComparer() = default;
  virtual bool same_content(const Document& current, const git::Oid& approved_blob) const = 0;
};

// Compares working-tree files the way git does (clean filters, line endings).
class WorkingTreeComparer : public ContentComparer
{
public:
  explicit WorkingTreeComparer(const git::Repository& repo) : m_repo(repo) {}
  bool same_content(const Document& current, const git::Oid& approved_blob) const override;

private:
  const git::Repository& m_repo;
};

// One status per document of `documents`, sorted by id (then path).
std::vector<DocumentStatus> document_statuses(const Ledger& ledger, const DocumentSet& documents,
                                              const Schema& schema, const ContentComparer& comparer, Date today);

// What `check` reports from the ledger: rejected decisions, approved documents whose parent
// or references are drafts, and a working-tree roster that differs from the one in force.
// Each file whose part of the roster (working tree) differs from the roster in force.
Diagnostics unapproved_roster_diagnostics(const Ledger& ledger, const Roster& working_roster);

Diagnostics ledger_diagnostics(const Ledger& ledger, const std::vector<DocumentStatus>& statuses,
                               const DocumentSet& documents, const Roster& working_roster);

// The roster as written in a state of the repository (styr.toml, approvers file, signers).
tl::expected<Roster, Diagnostics> read_roster(const DocumentSource& source);

}  // namespace styr
