#include "styr/ledger.hpp"

#include "styr/decision_message.hpp"
#include "styr/document.hpp"
#include "styr/signature.hpp"
#include "styr/source.hpp"
#include "styr/text.hpp"
#include "styr/toml_text.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <fnmatch.h>

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace styr {

namespace {

// How far a tag may seem to be older than the commits it approves: clocks differ between
// the machine that committed and the one that tagged.
constexpr std::int64_t k_clock_skew = 60 * 60;

std::string utc_minute(std::int64_t seconds)
{
  return fmt::format("{:%Y-%m-%d %H:%M} UTC", fmt::gmtime(static_cast<std::time_t>(seconds)));
}

// What the ledger needs to know of a document at a commit, read from its front matter.
struct BlobFacts
{
  std::string id;
  std::string title;
  std::string type;
  std::string decided_by;
  bool retired = false;
  int review_interval_months = 0;
};

struct IndexedDocument
{
  std::string path;  // relative to the repository root
  git::Oid blob;
  const BlobFacts* facts = nullptr;
};

// Front matter only: decisions need ids and a few fields, not the Markdown.
BlobFacts read_facts(std::string_view text)
{
  BlobFacts facts;
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  std::size_t end = text.find('\n');
  if (end == std::string_view::npos || text::trim(text.substr(0, end)) != "+++") {
    return facts;
  }
  const std::size_t start = end + 1;
  std::size_t close = std::string_view::npos;
  for (std::size_t pos = start; pos < text.size();) {
    end = text.find('\n', pos);
    const std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (line == "+++" || line == "+++\r") {
      close = pos;
      break;
    }
    if (end == std::string_view::npos) {
      break;
    }
    pos = end + 1;
  }
  // Within the limits every other reader applies (document.hpp), so that a decision never
  // approves a file that check, status and build refuse to read.
  if (close == std::string_view::npos || close - start > k_max_front_matter_bytes) {
    return facts;
  }
  auto table = parse_toml(text.substr(start, close - start), "");
  if (!table) {
    return facts;
  }
  facts.id = table->get_as<std::string>("id") ? table->get_as<std::string>("id")->get() : "";
  facts.title = table->get_as<std::string>("title") ? table->get_as<std::string>("title")->get() : "";
  facts.type = table->get_as<std::string>("type") ? table->get_as<std::string>("type")->get() : "";
  facts.decided_by = table->get_as<std::string>("decided_by") ? table->get_as<std::string>("decided_by")->get() : "";
  facts.retired = table->get_as<bool>("retired") && table->get_as<bool>("retired")->get();
  if (const auto* months = table->get_as<std::int64_t>("review_interval_months")) {
    facts.review_interval_months = static_cast<int>(std::clamp<std::int64_t>(months->get(), 0, 1200));
  }
  return facts;
}

// The same facts of a document loaded already, from the front matter it parsed.
BlobFacts facts_of(const Document& doc)
{
  if (!doc.front_matter) {
    return read_facts(doc.text);  // what read_facts finds where the loader found nothing
  }
  BlobFacts facts;
  facts.id = doc.id();
  facts.title = doc.title();
  facts.type = doc.type();
  facts.decided_by = doc.string_field("decided_by");
  facts.retired = doc.retired();
  if (const auto* months = doc.front_matter->get_as<std::int64_t>("review_interval_months")) {
    facts.review_interval_months = static_cast<int>(std::clamp<std::int64_t>(months->get(), 0, 1200));
  }
  return facts;
}

Date local_date(std::int64_t time, int offset_minutes)
{
  const std::chrono::sys_seconds seconds{std::chrono::seconds(time + std::int64_t{offset_minutes} * 60)};
  return Date(std::chrono::floor<std::chrono::days>(seconds));
}

// The paths at which two trees differ: files added, removed or changed, and whole entries
// where one tree has a folder and the other something else. Equal subtrees are not read.
void changed_paths(const git::Repository& repo, const git::Oid& a, const git::Oid& b, const std::string& prefix,
                   std::vector<std::string>& out)
{
  if (a == b) {
    return;
  }
  const auto left = repo.tree_items(a);
  const auto right = repo.tree_items(b);
  if (!left || !right) {
    out.push_back(prefix.empty() ? prefix : prefix.substr(0, prefix.size() - 1));  // all of it
    return;
  }
  std::unordered_map<std::string_view, const git::TreeItem*> unmatched;
  for (const git::TreeItem& item : *right) {
    unmatched.emplace(item.name, &item);
  }
  for (const git::TreeItem& item : *left) {
    const auto it = unmatched.find(item.name);
    if (it == unmatched.end()) {
      out.push_back(prefix + item.name);
      continue;
    }
    const git::TreeItem& other = *it->second;
    unmatched.erase(it);
    if (item.id == other.id && item.kind == other.kind) {
      continue;
    }
    if (item.kind == git::EntryKind::tree && other.kind == git::EntryKind::tree) {
      changed_paths(repo, item.id, other.id, prefix + item.name + "/", out);
    } else {
      out.push_back(prefix + item.name);
    }
  }
  for (const auto& [name, item] : unmatched) {
    out.push_back(prefix + std::string(name));
  }
}

// Whether `path` is one of `changed` or lies under one ("" stands for everything).
bool touches(const std::vector<std::string>& changed, std::string_view path)
{
  return std::any_of(changed.begin(), changed.end(), [&](const std::string& c) {
    return c.empty() || path == c || (path.starts_with(c) && path.size() > c.size() && path[c.size()] == '/');
  });
}

// Finds documents by id in the trees of commits. A decision lists a few ids in a tree of
// possibly thousands of documents, and the id is inside each file, so the indexer first
// tries where the id was last seen (a path hint) and reads that one blob; only when the
// document has moved does it index the whole tree. Trees and blobs are memoised by id, as
// they repeat from commit to commit.
class TreeIndexer
{
public:
  TreeIndexer(const git::Repository& repo, const KnownBlobs* known) : m_repo(repo), m_known(known) {}

  const BlobFacts& facts(const git::Oid& blob)
  {
    auto it = m_facts.find(blob);
    if (it == m_facts.end() && m_known != nullptr) {
      if (const auto known = m_known->find(blob); known != m_known->end()) {
        it = m_facts.emplace(blob, std::make_unique<BlobFacts>(facts_of(*known->second))).first;
      }
    }
    if (it == m_facts.end()) {
      auto text = m_repo.read_blob(blob);
      const bool readable = text && text->size() <= k_max_document_bytes;
      it = m_facts.emplace(blob, std::make_unique<BlobFacts>(readable ? read_facts(*text) : BlobFacts{})).first;
    }
    return *it->second;
  }

  void hint(const std::string& id, const std::string& path) { m_hints[id] = path; }

  // The document with `id` in the commit's tree, under `dir`.
  std::optional<IndexedDocument> find(const git::Oid& commit, std::string_view dir, const std::string& id)
  {
    const auto tree = root_tree(commit);
    if (!tree) {
      return std::nullopt;
    }
    const auto hinted = m_hints.find(id);
    if (hinted != m_hints.end() && (dir.empty() || hinted->second.starts_with(std::string(dir) + "/"))) {
      const auto item = m_repo.entry(*tree, hinted->second);
      if (item && item->kind == git::EntryKind::blob && facts(item->id).id == id) {
        return IndexedDocument{hinted->second, item->id, &facts(item->id)};
      }
    }
    const auto& all = documents(commit, dir);
    const auto found = all.find(id);
    if (found == all.end()) {
      return std::nullopt;
    }
    m_hints[id] = found->second.path;
    return found->second;
  }

private:
  std::optional<git::Oid> root_tree(const git::Oid& commit)
  {
    auto it = m_roots.find(commit);
    if (it == m_roots.end()) {
      const auto c = m_repo.commit(commit);
      it = m_roots.emplace(commit, c ? std::optional(c->tree) : std::nullopt).first;
    }
    return it->second;
  }

  // Every document (with an id) under `dir` at the commit, by id; the first by path wins,
  // as in check.
  const std::unordered_map<std::string, IndexedDocument>& documents(const git::Oid& commit, std::string_view dir)
  {
    const std::string key = commit.hex() + ":" + std::string(dir);
    auto it = m_by_commit.find(key);
    if (it != m_by_commit.end()) {
      return it->second;
    }
    std::unordered_map<std::string, IndexedDocument> by_id;
    const auto tree = root_tree(commit);
    if (tree) {
      std::optional<git::Oid> start = *tree;
      if (!dir.empty()) {
        const auto entry = m_repo.entry(*tree, dir);
        start = entry && entry->kind == git::EntryKind::tree ? std::optional(entry->id) : std::nullopt;
      }
      if (start) {
        collect(*start, dir.empty() ? "" : std::string(dir) + "/", by_id);
      }
    }
    return m_by_commit.emplace(key, std::move(by_id)).first->second;
  }

  void collect(const git::Oid& tree, const std::string& prefix, std::unordered_map<std::string, IndexedDocument>& out)
  {
    auto items = m_repo.tree_items(tree);
    if (!items) {
      return;
    }
    for (const git::TreeItem& item : *items) {
      if (item.name.starts_with(".")) {
        continue;
      }
      if (item.kind == git::EntryKind::tree) {
        collect(item.id, prefix + item.name + "/", out);
      } else if (item.kind == git::EntryKind::blob && item.name.size() > 3 && item.name.ends_with(".md")) {
        const BlobFacts& f = facts(item.id);
        if (!f.id.empty()) {
          out.emplace(f.id, IndexedDocument{prefix + item.name, item.id, &f});
        }
      }
    }
  }

  const git::Repository& m_repo;
  const KnownBlobs* m_known;
  std::unordered_map<git::Oid, std::unique_ptr<BlobFacts>, git::OidHash> m_facts;
  std::unordered_map<git::Oid, std::optional<git::Oid>, git::OidHash> m_roots;
  std::unordered_map<std::string, std::string> m_hints;  // id -> path where it was last seen
  std::unordered_map<std::string, std::unordered_map<std::string, IndexedDocument>> m_by_commit;
};

std::string normalise_line_endings(std::string text)
{
  std::erase(text, '\r');
  return text;
}

}  // namespace

class LedgerBuilder
{
public:
  LedgerBuilder(const git::Repository& repo, const Schema& schema, const KnownBlobs* known)
      : m_repo(repo), m_schema(schema), m_index(repo, known) {}

  tl::expected<Ledger, std::string> build(const git::Oid& tip, const DocumentSet* current, std::optional<Date> until)
  {
    std::vector<std::string> supporting;
    if (current != nullptr) {
      for (const Document& d : current->documents()) {
        if (!d.id().empty()) {
          m_current_ids.emplace(d.id());
          m_index.hint(std::string(d.id()), d.path);
          const DocumentType* type = m_schema.find_type(d.type());
          if (type != nullptr && !type->decision) {
            supporting.emplace_back(d.id());
          }
        }
      }
    }
    if (m_repo.shallow()) {
      return tl::unexpected(std::string(
        "this is a shallow clone: the decision history needs the whole history "
        "(git fetch --unshallow --tags, or in CI a clone with fetch-depth 0 / GIT_DEPTH 0)"));
    }
    auto history = m_repo.history(tip);
    if (!history) {
      return tl::unexpected(history.error());
    }
    m_ledger.m_roster = initial_roster(*history);
    // A decision counts only on the history of the tip: one walk answers for every tag.
    const std::unordered_set<git::Oid, git::OidHash> reachable(history->begin(), history->end());
    m_made = history_made(*history);
    auto tags = m_repo.tags("");
    if (!tags) {
      return tl::unexpected(tags.error());
    }
    // Decisions take effect in the order of their dates; one that changes the roster goes
    // first within its second, for the others cannot be shown to have come before it.
    struct Candidate
    {
      git::Tag tag;
      std::tuple<std::int64_t, bool, std::string> order;
    };
    std::vector<Candidate> candidates;
    m_reading_head = m_repo.head() == tip;
    for (git::Tag& tag : *tags) {
      if (until && tag.tagger && local_date(tag.tagger->time, tag.tagger->offset_minutes) > *until) {
        continue;  // made after the date the state is read at
      }
      if (accept_candidate(tag, reachable, tip)) {
        const bool roster = approves_roster(tag);
        auto order = std::tuple(tag.tagger->time, !roster, tag.name);
        if (roster) {
          m_roster_decisions.emplace_back(tag.tagger->time, tag.name);
        }
        candidates.push_back(Candidate{std::move(tag), std::move(order)});
      }
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.order < b.order; });
    for (const Candidate& c : candidates) {
      decide(c.tag);
    }
    if (current != nullptr) {
      warn_of_approved_without_file();
    }
    warn_of_renumbered_versions(tip);
    add_supporting_documents(tip, supporting);
    return std::move(m_ledger);
  }

private:
  // A decision stays in force until another retires it: a document approved and then
  // deleted, or given another id, is still published. Said, so that what the site shows and
  // what status lists agree.
  void warn_of_approved_without_file()
  {
    for (const auto& [id, approvals] : m_ledger.m_approvals) {
      const Approval& last = approvals.back();
      if (last.decision && !last.retired && !m_current_ids.contains(id)) {
        m_ledger.m_warnings.push_back(fmt::format(
          "{} ({}) is approved, but no document has that id now: the site keeps publishing version {} until a "
          "decision retires it (retired = true)", id, last.path, last.version));
      }
    }
  }

  // A document's versions are numbered in the order of its decisions' dates. A decision
  // made on a branch reaches this history when the branch is merged: dated before a decision
  // on the same document that was here first, it numbers the document's versions anew, and
  // the site's address of a version shows another text from then on. Said until the next
  // decision, for whoever publishes next and whoever cited a version by its number.
  void warn_of_renumbered_versions(const git::Oid& tip)
  {
    if (!m_has_merges) {
      return;  // a linear history: every decision was here from its date
    }
    std::int64_t last_decision = 0;
    for (const Decision& d : m_ledger.m_decisions) {
      last_decision = std::max(last_decision, d.time);
    }
    // The tip's first-parent line, newest first: the history as it grew here. A commit off
    // it arrived with the merge that brought it in.
    std::vector<git::Commit> line;
    std::unordered_set<git::Oid, git::OidHash> on_line;
    for (std::optional<git::Oid> id = tip; id && on_line.insert(*id).second;) {
      auto commit = m_repo.commit(*id);
      if (!commit) {
        return;
      }
      id = commit->parents.empty() ? std::nullopt : std::optional(commit->parents.front());
      line.push_back(std::move(*commit));
    }
    std::unordered_set<git::Oid, git::OidHash> off_line;
    for (const Decision& d : m_ledger.m_decisions) {
      if (d.commit && !on_line.contains(*d.commit)) {
        off_line.insert(*d.commit);
      }
    }
    if (off_line.empty()) {
      return;  // every decision was made on this line, and was here from its date
    }
    // When each commit off the line arrived: the time of the merge that brought it in.
    std::unordered_map<git::Oid, std::int64_t, git::OidHash> arrived;
    std::unordered_set<git::Oid, git::OidHash> seen;
    for (auto merge = line.rbegin(); merge != line.rend(); ++merge) {
      std::vector<git::Oid> todo(merge->parents.size() > 1 ? merge->parents.begin() + 1 : merge->parents.end(),
                                 merge->parents.end());
      while (!todo.empty()) {
        const git::Oid id = todo.back();
        todo.pop_back();
        if (on_line.contains(id) || !seen.insert(id).second) {
          continue;
        }
        if (off_line.contains(id)) {
          arrived.emplace(id, merge->committer.time);
        }
        if (const auto commit = m_repo.commit(id)) {
          todo.insert(todo.end(), commit->parents.begin(), commit->parents.end());
        }
      }
    }
    const auto here_from = [&](const Approval& a) {
      const auto it = arrived.find(a.commit);
      return std::max(a.time, it == arrived.end() ? a.time : it->second);
    };
    for (const auto& [id, approvals] : m_ledger.m_approvals) {
      for (std::size_t i = 0; i < approvals.size(); ++i) {
        const Approval& late = approvals[i];
        if (!late.revision || !late.decision || !arrived.contains(late.commit) || here_from(late) < last_decision) {
          continue;
        }
        for (std::size_t j = i + 1; j < approvals.size(); ++j) {
          const Approval& first = approvals[j];
          if (first.decision && here_from(first) < here_from(late)) {
            const std::string& late_tag = m_ledger.m_decisions[*late.decision].tag;
            m_ledger.m_warnings.push_back(fmt::format(
              "{}: decision {} ({}) came into this history with a merge on {}, after {} ({}) had approved the "
              "document; its versions from {} on are numbered anew, so the site's version {} now shows what {} "
              "approved", id, late_tag, iso_date(late.date), utc_minute(here_from(late)),
              m_ledger.m_decisions[*first.decision].tag, iso_date(first.date), late.version, late.version, late_tag));
            break;
          }
        }
      }
    }
  }

  static bool approves_roster(const git::Tag& tag)
  {
    const std::vector<std::string> ids = parse_decision_message(tag.message).ids;
    return std::find(ids.begin(), ids.end(), k_roster_id) != ids.end();
  }

  // Why a decision may not be judged at its date, if it may not. A tag's date is written by
  // its tagger, but what it tags was made before it: a decision dated before the last commit
  // of its history has been backdated. That changes nothing unless a roster decision lies
  // between its date and that commit; then it was made under that roster, and dated back
  // to escape it (to a time its tagger still held an authority, or signatures were not yet
  // required).
  std::optional<std::string> escaped_roster(const Decision& d) const
  {
    const auto made = m_made.find(*d.commit);
    if (made == m_made.end() || d.time + k_clock_skew >= made->second) {
      return std::nullopt;
    }
    for (const auto& [time, tag] : m_roster_decisions) {
      if (time > d.time && time <= made->second) {
        return fmt::format("the tag is dated {}, before the roster decision {}, but approves commits made after it "
                           "({}): a decision cannot be older than its text", utc_minute(d.time), tag,
                           utc_minute(made->second));
      }
    }
    return std::nullopt;
  }

  // For each commit, when the last commit of its history was made; notes whether any is a merge.
  std::unordered_map<git::Oid, std::int64_t, git::OidHash> history_made(const std::vector<git::Oid>& history)
  {
    std::unordered_map<git::Oid, std::int64_t, git::OidHash> made;
    made.reserve(history.size());
    for (const git::Oid& id : history) {  // parents first
      const auto commit = m_repo.commit(id);
      std::int64_t time = commit ? commit->committer.time : 0;
      for (const git::Oid& parent : commit ? commit->parents : std::vector<git::Oid>{}) {
        if (const auto it = made.find(parent); it != made.end()) {
          time = std::max(time, it->second);
        }
      }
      m_has_merges = m_has_merges || (commit && commit->parents.size() > 1);
      made.emplace(id, time);
    }
    return made;
  }

  // The first roster in the history (oldest first) is in force from the start.
  Roster initial_roster(const std::vector<git::Oid>& history)
  {
    for (const git::Oid& id : history) {
      const auto commit = m_repo.commit(id);
      if (!commit || !m_repo.entry(commit->tree, k_config_file)) {
        continue;
      }
      const CommitSource source(m_repo, id, commit->tree);
      auto roster = read_roster(source);
      if (roster) {
        roster->commit = id;
        return *roster;
      }
      m_ledger.m_warnings.push_back(fmt::format("the first roster (commit {}) is invalid; nobody may approve until "
                                                "a valid one is in force", id.short_hex()));
      Roster empty;
      empty.commit = id;
      return empty;
    }
    return Roster{};
  }

  // Whether a tag is a decision to judge; warns about tags that look like decisions but
  // cannot be.
  bool accept_candidate(const git::Tag& tag, const std::unordered_set<git::Oid, git::OidHash>& reachable,
                        const git::Oid& tip)
  {
    const bool matches = fnmatch(m_ledger.m_roster.settings.tag_pattern.c_str(), tag.name.c_str(), 0) == 0;
    if (!tag.annotated) {
      if (matches) {
        m_ledger.m_warnings.push_back(fmt::format(
          "tag {} is a lightweight tag, not a decision: a decision is an annotated tag (git tag -a)", tag.name));
      }
      return false;
    }
    const DecisionMessage message = parse_decision_message(tag.message);
    if (!matches && message.ids.empty()) {
      return false;  // an ordinary tag, e.g. a release
    }
    // The name inside the tag object is part of what the tagger wrote and signed; a reference
    // of another name was moved or copied there afterwards, by someone else.
    if (tag.object_name != tag.name) {
      m_ledger.m_warnings.push_back(fmt::format(
        "tag {} holds the tag object made as {}: a decision cannot be renamed or copied, so it approves nothing",
        tag.name, tag.object_name));
      return false;
    }
    if (!tag.tagger) {
      m_ledger.m_warnings.push_back(fmt::format("tag {} has no tagger, so nobody made the decision", tag.name));
      return false;
    }
    if (!tag.commit) {
      m_ledger.m_warnings.push_back(fmt::format("tag {} does not point at a commit, so it approves nothing", tag.name));
      return false;
    }
    if (reachable.contains(*tag.commit)) {
      return true;
    }
    // A decision on a branch that is not merged (or not pulled). Reading an earlier revision,
    // the decisions made after it are not worth a word, only those beside its history.
    if (m_reading_head || !m_repo.descends_from(*tag.commit, tip)) {
      m_ledger.m_warnings.push_back(fmt::format(
        "tag {} is on commit {}, which is not in the history of {} (a branch not merged yet?): it approves "
        "nothing until that commit is merged", tag.name, tag.commit->short_hex(),
        m_reading_head ? std::string("HEAD") : tip.short_hex()));
    }
    return false;
  }

  void decide(const git::Tag& tag)
  {
    const Roster& roster = m_ledger.m_roster;
    const DecisionMessage message = parse_decision_message(tag.message);
    Decision d;
    d.tag = tag.name;
    d.commit = tag.commit;
    d.tagger_name = tag.tagger->name;
    d.tagger_email = tag.tagger->email;
    d.time = tag.tagger->time;
    d.date = local_date(tag.tagger->time, tag.tagger->offset_minutes);
    d.title = message.title;
    d.text = message.text;
    d.reference = message.reference;
    d.case_number = message.case_number;
    d.listed = message.ids;
    d.problems = message.problems;
    d.signed_tag = !message.signature.empty();
    const std::size_t index = m_ledger.m_decisions.size();
    for (const std::string& problem : message.problems) {
      m_ledger.m_warnings.push_back(fmt::format("tag {} {}", tag.name, problem));  // e.g. too many ids to read
    }

    const auto reject_all = [&](const std::string& reason) {
      d.problems.push_back(reason);
      for (const std::string& id : d.listed) {
        m_ledger.m_rejections.push_back(Rejection{index, id, reason});
      }
      m_ledger.m_decisions.push_back(std::move(d));
    };

    if (fnmatch(roster.settings.tag_pattern.c_str(), tag.name.c_str(), 0) != 0) {
      return reject_all(fmt::format("the tag name does not match the decision pattern \"{}\"", roster.settings.tag_pattern));
    }
    if (d.listed.empty()) {
      d.problems.push_back("lists no documents (Fastställer: ID)");
      m_ledger.m_warnings.push_back(fmt::format("tag {} lists no documents (Fastställer: ID), so it approves nothing",
                                                tag.name));
      m_ledger.m_decisions.push_back(std::move(d));
      return;
    }
    if (const auto escaped = escaped_roster(d)) {
      return reject_all(*escaped);
    }
    const Approver* approver = roster.find(d.tagger_email);
    if (approver == nullptr) {
      return reject_all(fmt::format("the tagger {} <{}> is not in the roster of approvers", d.tagger_name, d.tagger_email));
    }
    d.approver = approver->name;
    if (d.signed_tag || roster.settings.require_signed_tags) {
      const SignatureResult sig = verify_tag_signature(tag.raw, d.tagger_email, roster.allowed_signers);
      d.signature_verified = sig.state == SignatureState::verified;
      if (roster.settings.require_signed_tags && !d.signature_verified) {
        return reject_all(sig.state == SignatureState::none
                            ? "the tag is not signed, and the roster requires signed decisions"
                            : fmt::format("the signature is not valid: {}", sig.detail));
      }
    }

    bool roster_approved = false;
    const std::string dir = documents_dir(*d.commit);
    for (const std::string& id : d.listed) {
      if (id == k_roster_id) {
        if (approver->holds(roster.settings.roster_body)) {
          roster_approved = true;
        } else {
          m_ledger.m_rejections.push_back(Rejection{index, id, fmt::format(
            "{} may not approve the roster: that needs the authority of {}", approver->name, roster.settings.roster_body)});
        }
        continue;
      }
      const auto found = m_index.find(*d.commit, dir, id);
      if (!found) {
        m_ledger.m_rejections.push_back(Rejection{index, id, fmt::format("no document has the id {} at the tagged commit", id)});
        if (!m_current_ids.contains(id)) {  // else the document's own status shows the rejection
          m_ledger.m_warnings.push_back(fmt::format("tag {} approves {}, which no document had at the tagged commit "
                                                    "and none has now", tag.name, id));
        }
        continue;
      }
      const BlobFacts& facts = *found->facts;
      const DocumentType* type = m_schema.find_type(facts.type);
      const bool needs_body = type == nullptr || type->decision;
      const auto earlier = m_ledger.m_approvals.find(id);
      const std::string_view body =
        deciding_body(earlier == m_ledger.m_approvals.end() ? nullptr : &earlier->second.back(), facts.decided_by);
      if (needs_body && !approver->holds(body)) {
        m_ledger.m_rejections.push_back(Rejection{index, id, body != facts.decided_by
          ? fmt::format("{} was decided by {}; moving it to {} is for {} to decide, and {} holds no such authority",
                        id, body, facts.decided_by.empty() ? "no body" : facts.decided_by, body, approver->name)
          : fmt::format("{} is decided by {}, and {} holds no such authority", id,
                        body.empty() ? "nobody (decided_by is missing)" : body, approver->name)});
        continue;
      }
      record_approval(index, d, *found, approver->name);
    }
    for (const Rejection& r : m_ledger.m_rejections) {
      if (r.decision == index) {
        d.problems.push_back(fmt::format("{}: {}", r.id, r.reason));
      }
    }
    d.approves_roster = roster_approved;
    m_ledger.m_decisions.push_back(std::move(d));
    if (roster_approved) {
      adopt_roster(m_ledger.m_decisions.back());  // in force from the next decision on
    }
  }

  void adopt_roster(Decision& d)
  {
    const auto commit = m_repo.commit(*d.commit);
    if (!commit) {
      return;
    }
    const CommitSource source(m_repo, *d.commit, commit->tree);
    auto roster = read_roster(source);
    if (!roster) {
      d.approves_roster = false;
      d.problems.push_back("the roster at the tagged commit is invalid, so the roster in force is unchanged");
      return;
    }
    roster->commit = *d.commit;
    m_ledger.m_roster = std::move(*roster);
  }

  std::string documents_dir(const git::Oid& commit)
  {
    const auto c = m_repo.commit(commit);
    if (c) {
      const CommitSource source(m_repo, commit, c->tree);
      if (auto text = source.read(k_config_file)) {
        if (auto config = parse_config(*text, k_config_file)) {
          return config->documents_dir;
        }
      }
    }
    return Config{}.documents_dir;
  }

  void record_approval(std::size_t index, const Decision& d, const IndexedDocument& doc, const std::string& approver)
  {
    std::vector<Approval>& list = m_ledger.m_approvals[doc.facts->id];
    Approval a;
    a.decision = index;
    a.id = doc.facts->id;
    a.title = doc.facts->title;
    a.path = doc.path;
    a.blob = doc.blob;
    a.commit = *d.commit;
    a.time = d.time;
    a.date = d.date;
    a.approved_by = approver;
    a.retired = doc.facts->retired;
    a.review_interval_months = doc.facts->review_interval_months;
    a.decided_by = doc.facts->decided_by;
    a.revision = list.empty() || !same_blob_content(list.back().blob, doc.blob);
    a.version = list.empty() ? 1 : list.back().version + (a.revision ? 1 : 0);
    list.push_back(std::move(a));
  }

  // Equal blobs, or blobs that differ only in line endings (a CRLF commit of the same text).
  bool same_blob_content(const git::Oid& a, const git::Oid& b)
  {
    if (a == b) {
      return true;
    }
    const auto x = m_repo.read_blob(a);
    const auto y = m_repo.read_blob(b);
    return x && y && normalise_line_endings(*x) == normalise_line_endings(*y);
  }

  // Supporting documents (decision = false) are published by the commit that last changed
  // them, as of the tip; the author of that commit is recorded as who published it. One walk
  // back along first parents serves them all: a commit that touches none of their paths
  // left them as they were.
  void add_supporting_documents(const git::Oid& tip, const std::vector<std::string>& candidates)
  {
    const std::string dir = documents_dir(tip);
    struct Walk
    {
      std::string id;
      IndexedDocument doc;  // at the tip
      std::string path;     // where it is at `published`
      git::Oid published;
    };
    std::vector<Walk> walks;
    for (const std::string& id : candidates) {
      const auto doc = m_index.find(tip, dir, id);
      const DocumentType* type = doc ? m_schema.find_type(doc->facts->type) : nullptr;
      if (type != nullptr && !type->decision) {
        walks.push_back(Walk{id, *doc, doc->path, tip});
      }
    }
    std::vector<Walk*> walking;
    for (Walk& w : walks) {
      walking.push_back(&w);
    }
    for (auto commit = m_repo.commit(tip); !walking.empty() && commit && !commit->parents.empty();) {
      const git::Oid parent_id = commit->parents.front();
      auto parent = m_repo.commit(parent_id);
      if (!parent) {
        break;
      }
      std::vector<std::string> changed;
      changed_paths(m_repo, commit->tree, parent->tree, "", changed);
      std::erase_if(walking, [&](Walk* w) {
        if (touches(changed, w->path)) {
          const auto earlier = m_index.find(parent_id, dir, w->id);
          if (!earlier || earlier->blob != w->doc.blob) {
            return true;  // this commit made the content
          }
          w->path = earlier->path;  // moved, not changed
        }
        w->published = parent_id;
        return false;
      });
      commit = std::move(parent);
    }
    for (const Walk& w : walks) {
      const auto commit = m_repo.commit(w.published);
      if (!commit) {
        continue;
      }
      Approval a;
      a.id = w.id;
      a.title = w.doc.facts->title;
      a.path = w.doc.path;
      a.blob = w.doc.blob;
      a.commit = w.published;
      a.time = commit->author.time;
      a.date = local_date(commit->author.time, commit->author.offset_minutes);
      a.approved_by = commit->author.name;
      a.version = 1;
      a.revision = true;
      a.retired = w.doc.facts->retired;
      a.review_interval_months = w.doc.facts->review_interval_months;
      m_ledger.m_approvals[a.id].push_back(std::move(a));
    }
  }

  const git::Repository& m_repo;
  const Schema& m_schema;
  TreeIndexer m_index;
  Ledger m_ledger;
  std::unordered_map<git::Oid, std::int64_t, git::OidHash> m_made;  // see history_made()
  bool m_has_merges = false;                                          // in the history, see history_made()
  std::vector<std::pair<std::int64_t, std::string>> m_roster_decisions;  // (date, tag) of tags that list it
  std::unordered_set<std::string> m_current_ids;                     // the ids of the documents read
  bool m_reading_head = false;                                       // the tip read is HEAD's commit
};

bool Approver::holds(std::string_view body) const
{
  return std::find(bodies.begin(), bodies.end(), body) != bodies.end();
}

std::string_view deciding_body(const Approval* last, std::string_view named)
{
  if (last != nullptr && last->decision && !last->decided_by.empty()) {
    return last->decided_by;
  }
  return named;
}

std::string iso_date(Date date)
{
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

std::optional<Date> parse_iso_date(std::string_view text)
{
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      std::sscanf(std::string(text).c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) {
    return std::nullopt;
  }
  const Date date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  return date.ok() ? std::optional(date) : std::nullopt;
}

Date add_months(Date date, int months)
{
  const std::chrono::year_month ym = std::chrono::year_month(date.year(), date.month()) + std::chrono::months(months);
  const std::chrono::day last = std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month())).day();
  return Date(ym.year(), ym.month(), std::min(date.day(), last));
}

std::string_view to_string(Status status)
{
  switch (status) {
    case Status::draft: return "draft";
    case Status::approved: return "approved";
    case Status::changed: return "changed";
    case Status::retired: return "retired";
  }
  return "draft";
}

std::string_view status_label(Status status, std::string_view language)
{
  const bool en = language == "en";
  switch (status) {
    case Status::draft: return en ? "Draft" : "Utkast";
    case Status::approved: return en ? "Approved" : "Fastställd";
    case Status::changed: return en ? "Changed since approval" : "Ändrad efter fastställelse";
    case Status::retired: return en ? "Retired" : "Upphävd";
  }
  return "";
}

const Approver* Roster::find(std::string_view email) const
{
  const std::string wanted = text::fold_case(email);
  for (const Approver& a : approvers) {
    if (text::fold_case(a.email) == wanted) {
      return &a;
    }
  }
  return nullptr;
}

namespace {

// The approvers as a comparable value: order, e-mail case and body order do not matter.
std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> approver_key(const Roster& r)
{
  std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> people;
  for (const Approver& a : r.approvers) {
    std::vector<std::string> bodies = a.bodies;
    std::sort(bodies.begin(), bodies.end());
    people.emplace_back(text::fold_case(a.email), a.name, std::move(bodies));
  }
  std::sort(people.begin(), people.end());
  return people;
}

}  // namespace

bool Roster::same_rules(const Roster& other) const
{
  return settings == other.settings && text::trim(allowed_signers) == text::trim(other.allowed_signers) &&
         approver_key(*this) == approver_key(other);
}

const std::vector<Approval>& Ledger::approvals(std::string_view id) const
{
  static const std::vector<Approval> k_none;
  const auto it = m_approvals.find(id);
  return it != m_approvals.end() ? it->second : k_none;
}

std::vector<std::string> Ledger::approved_ids() const
{
  std::vector<std::string> ids;
  for (const auto& [id, list] : m_approvals) {
    ids.push_back(id);
  }
  return ids;
}

tl::expected<Ledger, std::string> read_ledger(const git::Repository& repo, const Schema& schema,
                                              std::optional<git::Oid> tip, const DocumentSet* current,
                                              const KnownBlobs* known, std::optional<Date> until)
{
  if (!tip) {
    tip = repo.head();
    if (!tip) {
      return Ledger{};  // no commits yet: nothing has been decided
    }
  }
  return LedgerBuilder(repo, schema, known).build(*tip, current, until);
}

tl::expected<Roster, Diagnostics> read_roster(const DocumentSource& source)
{
  Roster roster;
  auto config_text = source.read(k_config_file);
  if (!config_text) {
    return tl::unexpected(Diagnostics{make_diagnostic(std::string(k_config_file), {1, 1}, "config",
                                                      fmt::format("cannot read {}: {}", k_config_file, config_text.error()))});
  }
  auto config = parse_config(*config_text, k_config_file);
  if (!config) {
    return tl::unexpected(std::move(config.error()));
  }
  roster.settings = config->approval;
  Diagnostics problems;

  const auto read_approvers = [&](const toml::table& root, const std::string& path) {
    const toml::node* list = root.get("approver");
    if (list == nullptr) {
      return;
    }
    const toml::array* array = list->as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      problems.push_back(make_diagnostic(path, position_of(list->source()), "config",
                                         "approvers are written as [[approver]] tables"));
      return;
    }
    for (const toml::node& node : *array) {
      const toml::table& t = *node.as_table();
      Approver a;
      const auto* name = t.get_as<std::string>("name");
      const auto* email = t.get_as<std::string>("email");
      const auto* bodies = t.get_as<toml::array>("bodies");
      for (const auto& [key, value] : t) {
        if (key.str() != "name" && key.str() != "email" && key.str() != "bodies") {
          problems.push_back(make_diagnostic(path, position_of(key.source()), "config",
                                             fmt::format("unknown approver field \"{}\"", key.str())));
        }
      }
      if (name == nullptr || email == nullptr || bodies == nullptr) {
        // A field of the wrong type is reported where it is; a missing one at the table.
        bool positioned = false;
        for (const auto& [key, kind] : {std::pair{"name", "a string"}, std::pair{"email", "a string"},
                                        std::pair{"bodies", "an array of bodies, e.g. [\"kommunstyrelsen\"]"}}) {
          const toml::node* value = t.get(key);
          const bool right = value != nullptr && (std::string_view(key) == "bodies" ? value->is_array() : value->is_string());
          if (value != nullptr && !right) {
            problems.push_back(make_diagnostic(path, position_of(value->source()), "config",
                                               fmt::format("an approver's {} must be {}", key, kind)));
            positioned = true;
          }
        }
        if (!positioned) {
          problems.push_back(make_diagnostic(path, position_of(t.source()), "config",
                                             "an approver needs name, email and bodies"));
        }
        continue;
      }
      a.name = name->get();
      a.email = email->get();
      for (const toml::node& b : *bodies) {
        if (const auto* body = b.as_string()) {
          a.bodies.push_back(body->get());
        } else {
          problems.push_back(make_diagnostic(path, position_of(b.source()), "config", "bodies must be strings"));
        }
      }
      if (roster.find(a.email) != nullptr) {
        problems.push_back(make_diagnostic(path, position_of(email->source()), "config",
                                           fmt::format("{} is listed twice", a.email)));
        continue;
      }
      roster.approvers.push_back(std::move(a));
    }
  };

  if (auto root = parse_toml(*config_text, k_config_file)) {
    read_approvers(*root, std::string(k_config_file));
  }
  if (auto text = source.read(roster.settings.approvers)) {
    auto root = parse_toml(*text, roster.settings.approvers);
    if (!root) {
      problems.push_back(make_diagnostic(roster.settings.approvers, root.error().position, "config", root.error().message));
    } else {
      for (const auto& [key, value] : *root) {
        if (key.str() != "approver") {
          problems.push_back(make_diagnostic(roster.settings.approvers, position_of(key.source()), "config",
                                             fmt::format("unknown key \"{}\"; approvers are [[approver]] tables", key.str())));
        }
      }
      read_approvers(*root, roster.settings.approvers);
    }
  }
  if (auto signers = source.read(roster.settings.allowed_signers)) {
    roster.allowed_signers = std::move(*signers);
  }
  if (!problems.empty()) {
    sort_diagnostics(problems);
    return tl::unexpected(std::move(problems));
  }
  return roster;
}

bool WorkingTreeComparer::same_content(const Document& current, const git::Oid& approved_blob) const
{
  // The bytes as read are usually the blob itself; only when not does git's filtering
  // (which reads the file again) get a say.
  if ((current.blob ? *current.blob : git::Repository::hash_blob(current.bytes())) == approved_blob) {
    return true;
  }
  const auto id = m_repo.hash_file(current.path);
  if (id && *id == approved_blob) {
    return true;
  }
  // A checkout with other line endings (or without git's filters) holds the same text.
  const auto approved = m_repo.read_blob(approved_blob);
  if (!approved) {
    return false;
  }
  std::string_view approved_text = *approved;
  if (approved_text.starts_with("ï»¿")) {
    approved_text.remove_prefix(3);
  }
  return normalise_line_endings(std::string(approved_text)) == normalise_line_endings(current.text);
}

std::vector<DocumentStatus> document_statuses(const Ledger& ledger, const DocumentSet& documents,
                                              const Schema& schema, const ContentComparer& comparer, Date today)
{
  (void)schema;
  std::vector<DocumentStatus> result;
  for (const Document& doc : documents.documents()) {
    DocumentStatus s;
    s.id = std::string(doc.id());
    s.title = std::string(doc.title());
    s.type = std::string(doc.type());
    s.path = doc.path;
    const std::vector<Approval>& approvals = ledger.approvals(s.id);
    if (!s.id.empty() && !approvals.empty()) {
      const Approval& last = approvals.back();
      s.last = &last;
      s.version = last.version;
      if (last.retired) {
        s.status = Status::retired;
      } else {
        s.status = comparer.same_content(doc, last.blob) ? Status::approved : Status::changed;
        if (last.review_interval_months > 0) {
          s.review_due = add_months(last.date, last.review_interval_months);
          s.overdue = *s.review_due < today;
        }
      }
    }
    // A rejected decision matters until a later decision approves the document.
    for (const Rejection& r : ledger.rejections()) {
      const bool superseded = s.last != nullptr && s.last->decision && *s.last->decision > r.decision;
      if (r.id == s.id && !superseded) {
        s.problems.push_back(fmt::format("{}: {}", ledger.decisions()[r.decision].tag, r.reason));
      }
    }
    result.push_back(std::move(s));
  }
  std::stable_sort(result.begin(), result.end(),
                   [](const DocumentStatus& a, const DocumentStatus& b) { return a.id < b.id; });
  return result;
}

Diagnostics unapproved_roster_diagnostics(const Ledger& ledger, const Roster& working_roster)
{
  Diagnostics out;
  const Roster& in_force = ledger.roster();
  if (in_force.commit) {
    // A decision that listed the roster and did not count says why, or the message would
    // ask for a decision that was made.
    std::size_t counted = 0;  // decisions are kept in the order they took effect
    for (std::size_t i = 0; i < ledger.decisions().size(); ++i) {
      counted = ledger.decisions()[i].approves_roster ? i + 1 : counted;
    }
    std::string why;
    for (const Rejection& r : ledger.rejections()) {
      if (r.id == k_roster_id && r.decision >= counted) {
        why = fmt::format("; decision {} lists it, but {}", ledger.decisions()[r.decision].tag, r.reason);
      }
    }
    const auto unapproved = [&](const std::string& path, std::string_view what) {
      out.push_back(make_diagnostic(path, {1, 1}, "roster-unapproved",
                                    fmt::format("{} differ from the roster in force; the changes have no effect until "
                                                "a decision{} lists \"Fastställer: {}\"{}",
                                                what, why.empty() ? "" : " that counts", k_roster_id, why)));
    };
    if (approver_key(working_roster) != approver_key(in_force)) {
      unapproved(working_roster.settings.approvers, "the approvers");
    }
    if (text::trim(working_roster.allowed_signers) != text::trim(in_force.allowed_signers)) {
      unapproved(working_roster.settings.allowed_signers, "the allowed signers");
    }
    if (working_roster.settings != in_force.settings) {
      unapproved("styr.toml", "the [approval] settings");
    }
  }
  return out;
}

Diagnostics ledger_diagnostics(const Ledger& ledger, const std::vector<DocumentStatus>& statuses,
                               const DocumentSet& documents, const Roster& working_roster)
{
  Diagnostics out;
  std::unordered_map<std::string, const DocumentStatus*> by_id;
  for (const DocumentStatus& s : statuses) {
    if (!s.id.empty()) {  // a document whose front matter is broken has none; it is no one's parent
      by_id.emplace(s.id, &s);
    }
  }
  for (const DocumentStatus& s : statuses) {
    const Document* doc = documents.find_path(s.path);
    if (doc == nullptr) {
      continue;
    }
    for (const std::string& problem : s.problems) {
      out.push_back(make_diagnostic(s.path, doc->value_position("id"), "rejected-decision", problem));
    }
    if (s.status != Status::approved && s.status != Status::changed) {
      continue;
    }
    const auto parent = by_id.find(std::string(doc->string_field("parent")));
    if (parent != by_id.end() && parent->second->status == Status::draft) {
      out.push_back(make_diagnostic(s.path, doc->value_position("parent"), "unapproved-parent",
                                    fmt::format("the parent {} has never been approved", parent->first)));
    }
    if (const auto* related = doc->front_matter ? doc->front_matter->get_as<toml::array>("related") : nullptr) {
      for (const toml::node& item : *related) {
        const auto* id = item.as_string();
        const auto target = id != nullptr ? by_id.find(id->get()) : by_id.end();
        if (target != by_id.end() && target->second->status == Status::draft) {
          out.push_back(make_diagnostic(s.path, position_of(item.source()), "draft-reference",
                                        fmt::format("{} refers to {}, which has never been approved", s.id, target->first)));
        }
      }
    }
  }
  Diagnostics roster = unapproved_roster_diagnostics(ledger, working_roster);
  out.insert(out.end(), roster.begin(), roster.end());
  sort_diagnostics(out);
  return out;
}

}  // namespace styr
