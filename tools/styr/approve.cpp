#include "styr/approve.hpp"

#include "styr/decision_message.hpp"
#include "styr/process.hpp"
#include "styr/signature.hpp"
#include "styr/text.hpp"
#include "styr/textdiff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include <fnmatch.h>

namespace styr {

namespace {

// The decision with this reference that already approved the document, if any: a decision
// is recorded once.
const Decision* recorded_before(const Snapshot& snap, std::string_view id, std::string_view reference)
{
  for (const Approval& a : snap.ledger.approvals(id)) {
    const Decision* d = snap.decision_of(a);
    if (d != nullptr && !reference.empty() && d->reference == text::trim(reference)) {
      return d;
    }
  }
  return nullptr;
}

// The text with ISO dates (2026-03-15) left out.
std::string without_dates(std::string_view text)
{
  const auto is_date_at = [&](std::size_t i) {
    if (i + 10 > text.size() || text[i + 4] != '-' || text[i + 7] != '-') {
      return false;
    }
    for (std::size_t k = 0; k < 10; ++k) {
      if (k != 4 && k != 7 && (text[i + k] < '0' || text[i + k] > '9')) {
        return false;
      }
    }
    return true;
  };
  std::string kept;
  for (std::size_t i = 0; i < text.size();) {
    if (is_date_at(i)) {
      kept += ' ';
      i += 10;
    } else {
      kept += text[i++];
    }
  }
  return kept;
}

// "beslut/*", today and "KS 2026-03-15 § 45" -> "beslut/2026-03-15-ks-45". The tag name
// must match the pattern in force, so the pattern's fixed prefix is kept; a date in the
// reference is left out because the name already has one.
std::string tag_name(const Snapshot& snap, const std::string& reference)
{
  const std::string& pattern = snap.ledger.roster().settings.tag_pattern;
  std::string prefix = pattern.substr(0, pattern.find_first_of("*?["));
  std::string slug = text::slugify(without_dates(reference));
  if (slug.size() > 48) {
    slug.resize(48);
  }
  std::string base = fmt::format("{}{}{}{}", prefix, iso_date(snap.today), slug.empty() ? "" : "-", slug);
  std::string name = base;
  for (int n = 2; snap.repo->resolve_commit("refs/tags/" + name).has_value(); ++n) {
    name = fmt::format("{}-{}", base, n);
  }
  return name;
}

// "Kommunstyrelsen fastställer A, B och upphäver C." (at most three titles of each).
std::string default_title(const std::string& approver_body, const std::vector<PacketItem>& items)
{
  const auto titles = [&](bool retiring) {
    std::vector<std::string> named;
    std::size_t count = 0;
    for (const PacketItem& item : items) {
      if (item.retiring == retiring && count++ < 3) {
        named.push_back(item.title);
      }
    }
    std::string out = fmt::format("{}", fmt::join(named, ", "));
    if (count > 3) {
      out += fmt::format(" m.fl. ({} dokument)", count);
    }
    return out;
  };
  std::string body = approver_body;
  if (!body.empty()) {
    body[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(body[0])));
  }
  const std::string approved = titles(false);
  const std::string retired = titles(true);
  std::string verbs = approved.empty() ? "" : "fastställer " + approved;
  if (!retired.empty()) {
    verbs += (verbs.empty() ? "" : " och ") + std::string("upphäver ") + retired;
  }
  return body.empty() ? fmt::format("Beslut: {}.", verbs) : fmt::format("{} {}.", body, verbs);
}

// Whether the working tree has the file as HEAD has it (or, when `may_be_missing`, neither
// has it): a decision approves what is committed.
bool committed_as_is(const Snapshot& snap, const git::Oid& head, const std::string& path, bool may_be_missing)
{
  const auto c = snap.repo->commit(head);
  if (!c) {
    return true;  // nothing to compare with
  }
  const auto committed = CommitSource(*snap.repo, head, c->tree).blob_id(path);
  const auto working = snap.repo->hash_file(path);
  return committed && working ? *committed == *working : may_be_missing && !committed && !working;
}

// The roster as an item of the packet: what changed in the approvers file since the roster
// in force. Its files must be committed as they are, as a document's must.
PacketItem roster_item(const Snapshot& snap, const git::Oid& head, std::vector<std::string>& refusals)
{
  const Roster& roster = snap.ledger.roster();
  const bool en = snap.workspace.config.language == "en";
  const auto text_at = [&](const git::Oid& commit, const std::string& path) -> std::string {
    const auto c = snap.repo->commit(commit);
    return c ? CommitSource(*snap.repo, commit, c->tree).read(path).value_or("") : "";
  };
  for (const std::string& path : {roster.settings.approvers, roster.settings.allowed_signers,
                                  std::string(k_config_file)}) {
    if (!committed_as_is(snap, head, path, true)) {
      refusals.push_back(fmt::format("the roster's {} has changes that are not committed; the decision approves "
                                     "the committed roster, so commit it first", path));
    }
  }
  PacketItem item;
  item.id = std::string(k_roster_id);
  item.title = en ? "The roster of approvers" : "Behörighetslistan";
  item.path = roster.settings.approvers;
  item.decided_by = roster.settings.roster_body;
  item.status = Status::changed;
  const std::string before = roster.commit ? text_at(*roster.commit, roster.settings.approvers) : "";
  const textdiff::Diff diff = textdiff::diff_documents(before, text_at(head, roster.settings.approvers),
                                                       textdiff::Words::source);
  item.changed_blocks = diff.changed_blocks();
  item.changes = textdiff::to_marked_text(diff, textdiff::Words::source);
  return item;
}

// Why `email` may not decide, and what would let it.
std::string not_an_approver(const Snapshot& snap, const std::string& email)
{
  const Roster& roster = snap.ledger.roster();
  if (email.empty()) {
    return "git has no user.email; set it to the approver's address (git config user.email …)";
  }
  const auto working = read_roster(*snap.source);
  if (working && working->find(email) != nullptr) {
    return fmt::format("{} is in {}, but that change of the roster is not approved yet: it counts once someone who "
                       "holds the authority of {} approves it (styr approve --decision … {})", email,
                       roster.settings.approvers, roster.settings.roster_body, k_roster_id);
  }
  return fmt::format("{} is not in the roster of approvers in force ({}); a decision by this user would not count "
                     "(styr approve --dry-run prepares one for an approver)", email, roster.settings.approvers);
}

}  // namespace

std::string current_git_email(const std::filesystem::path& repository)
{
  // `git var` answers with the identity a tag made now would carry: "Name <email> time zone".
  const ProcessResult r = run_process({"git", "var", "GIT_COMMITTER_IDENT"}, {}, repository);
  const std::size_t open = r.out.find('<');
  const std::size_t close = r.out.find('>', open);
  if (r.exit_code != 0 || open == std::string::npos || close == std::string::npos) {
    return {};
  }
  return r.out.substr(open + 1, close - open - 1);
}

tl::expected<DecisionPacket, std::vector<std::string>> prepare_decision(const Snapshot& snap,
                                                                        const ApproveRequest& request)
{
  const auto head = snap.repo->head();
  if (!head) {
    return tl::unexpected(std::vector<std::string>{
      "the repository has no commits: a decision approves committed documents, so commit them first"});
  }
  const Roster& roster = snap.ledger.roster();
  const Approver* approver = request.email.empty() ? nullptr : roster.find(request.email);
  // An officer prepares a decision that others make: a dry run needs no authority.
  const bool preparing = approver == nullptr && request.dry_run;
  if (approver == nullptr && !preparing) {
    return tl::unexpected(std::vector<std::string>{not_an_approver(snap, request.email)});
  }
  const auto may_decide = [&](std::string_view body) { return preparing || approver->holds(body); };

  std::vector<std::string> refusals;
  if (request.reference.empty()) {
    refusals.push_back("--decision is required: the reference of the decision, e.g. \"KS 2026-03-15 § 45\"");
  }
  if (roster.settings.require_signed_tags && !request.sign && !request.dry_run) {
    refusals.push_back("the roster in force requires signed decisions, and an unsigned tag would not count; "
                       "add --sign");
  }

  std::vector<const DocumentStatus*> chosen;
  bool roster_listed = false;
  if (request.ids.empty()) {
    for (const DocumentStatus& s : snap.statuses) {
      const Document* doc = snap.documents.find_path(s.path);
      const DocumentType* type = snap.schema.find_type(s.type);
      if ((s.status == Status::draft || s.status == Status::changed) && doc != nullptr && type != nullptr &&
          type->decision && may_decide(deciding_body(s.last, doc->string_field("decided_by")))) {
        chosen.push_back(&s);
      }
    }
    if (chosen.empty()) {
      refusals.push_back(preparing ? std::string("nothing to approve: no document is a draft or changed")
                                   : fmt::format("nothing to approve: no changed or draft document is decided by {}",
                                                 fmt::join(approver->bodies, " or ")));
    }
  } else {
    std::set<std::string_view> seen;
    for (const std::string& id : request.ids) {
      if (!seen.insert(id).second) {
        continue;  // listed twice, approved once
      }
      if (id == k_roster_id) {
        if (may_decide(roster.settings.roster_body)) {
          roster_listed = true;
        } else {
          refusals.push_back(fmt::format("the roster is decided by {}; {} holds the authority of {}",
                                         roster.settings.roster_body, approver->name,
                                         fmt::join(approver->bodies, ", ")));
        }
        continue;
      }
      const DocumentStatus* s = snap.status(id);
      if (s == nullptr) {
        refusals.push_back(fmt::format("no document has the id {}", id));
        continue;
      }
      const DocumentType* type = snap.schema.find_type(s->type);
      if (type != nullptr && !type->decision) {
        refusals.push_back(fmt::format("{} is a {}, which is published as committed without a decision", id, s->type));
        continue;
      }
      const Document* doc = snap.documents.find_path(s->path);
      const std::string_view named = doc != nullptr ? doc->string_field("decided_by") : "";
      const std::string_view body = deciding_body(s->last, named);
      if (!may_decide(body)) {
        refusals.push_back(body != named
          ? fmt::format("{} was decided by {}; moving it to {} is for {} to decide, and {} holds the authority of {}",
                        id, body, named.empty() ? "no body" : named, body, approver->name,
                        fmt::join(approver->bodies, ", "))
          : fmt::format("{} is decided by {}; {} holds the authority of {}", id, body, approver->name,
                        fmt::join(approver->bodies, ", ")));
        continue;
      }
      chosen.push_back(s);
    }
  }

  DecisionPacket packet;
  if (approver != nullptr) {
    packet.approver = approver->name;
    packet.email = approver->email;
  }
  for (const DocumentStatus* s : chosen) {
    const Document& doc = *snap.documents.find_path(s->path);
    if (const Decision* made = recorded_before(snap, s->id, request.reference)) {
      refusals.push_back(fmt::format("{} is already approved by the decision {} (tag {}); a second tag would "
                                     "restart its review period from today", s->id, made->reference, made->tag));
      continue;
    }
    if (!committed_as_is(snap, *head, s->path, false)) {
      refusals.push_back(fmt::format("{} ({}) has changes that are not committed; the decision approves the "
                                     "committed content, so commit it first", s->id, s->path));
      continue;
    }
    PacketItem item;
    item.id = s->id;
    item.title = s->title;
    item.path = s->path;
    item.decided_by = std::string(deciding_body(s->last, doc.string_field("decided_by")));
    item.retiring = doc.retired() && s->status != Status::retired;
    item.status = s->status;
    item.version = s->version;
    std::string before;
    if (s->last != nullptr) {
      before = snap.repo->read_blob(s->last->blob).value_or("");
    }
    const textdiff::Diff diff = textdiff::diff_documents(before, doc.text, textdiff::Words::source);
    item.changed_blocks = diff.changed_blocks();
    item.changes = textdiff::to_marked_text(diff, textdiff::Words::source);
    item.new_version = s->last == nullptr ? 1 : s->version + (diff.identical() ? 0 : 1);
    const auto* months = doc.front_matter ? doc.front_matter->get_as<std::int64_t>("review_interval_months") : nullptr;
    item.review_due = add_months(snap.today, months != nullptr ? static_cast<int>(months->get()) : 0);
    packet.items.push_back(std::move(item));
  }
  if (roster_listed) {
    packet.items.push_back(roster_item(snap, *head, refusals));
  }
  if (!refusals.empty()) {
    return tl::unexpected(std::move(refusals));
  }
  std::vector<std::string> ids;
  for (const PacketItem& item : packet.items) {
    ids.push_back(item.id);
  }
  // The draft names the body that decides, where one does: an officer may prepare documents
  // of several, each of which then makes its own decision.
  const bool one_body = std::all_of(packet.items.begin(), packet.items.end(), [&](const PacketItem& item) {
    return item.decided_by == packet.items.front().decided_by;
  });
  const std::string title =
    request.title.empty() ? default_title(packet.items.empty() || !one_body ? "" : packet.items.front().decided_by,
                                          packet.items)
                          : request.title;
  packet.message = compose_decision_message(title, request.reference, request.case_number, ids);
  packet.tag = tag_name(snap, request.reference);
  const std::string& pattern = snap.ledger.roster().settings.tag_pattern;
  if (fnmatch(pattern.c_str(), packet.tag.c_str(), 0) != 0) {
    // A tag the ledger would reject approves nothing.
    return tl::unexpected(std::vector<std::string>{fmt::format(
      "the decision tag pattern \"{}\" (approval.tag_pattern) does not begin with a fixed part followed by \"*\", "
      "so styr cannot name a tag that matches it; use a pattern such as \"beslut/*\"",
      pattern)});
  }
  return packet;
}

tl::expected<void, RecordError> record_decision(const Snapshot& snap, const DecisionPacket& packet, bool sign)
{
  const std::vector<std::string> argv = {"git", "tag", sign ? "-s" : "-a", "-F", "-", packet.tag, "HEAD"};
  const ProcessResult r = run_process(argv, packet.message, snap.workspace.root);
  if (r.exit_code != 0) {
    return tl::unexpected(RecordError{fmt::format("git tag failed: {}", text::trim(r.err))});
  }
  if (sign) {
    // Some git versions make an unsigned tag, and succeed, when the SSH key cannot be loaded;
    // a decision asked to be signed is not left unsigned.
    const std::string ref = "refs/tags/" + packet.tag;
    const ProcessResult tag = run_process({"git", "cat-file", "tag", ref}, {}, snap.workspace.root);
    if (tag.exit_code != 0 || parse_decision_message(tag.out).signature.empty()) {
      run_process({"git", "tag", "-d", packet.tag}, {}, snap.workspace.root);
      return tl::unexpected(RecordError{fmt::format("git tag -s made no signature, so the tag was removed: {}",
                                                    text::trim(r.err).empty() ? "check the signing key (user.signingkey)"
                                                                              : text::trim(r.err))});
    }
    // Where the roster requires signed decisions, one whose signature its allowed signers
    // do not verify would not count: it is not left behind as if it did.
    const Roster& roster = snap.ledger.roster();
    if (roster.settings.require_signed_tags) {
      const SignatureResult verified = verify_tag_signature(tag.out, packet.email, roster.allowed_signers);
      if (verified.state != SignatureState::verified) {
        run_process({"git", "tag", "-d", packet.tag}, {}, snap.workspace.root);
        return tl::unexpected(RecordError{
          fmt::format("the tag's signature does not verify against {} ({}), so the decision would not count; the "
                      "tag was removed: sign with a key listed there for {}",
                      roster.settings.allowed_signers, verified.detail.empty() ? "not verified" : verified.detail,
                      packet.email),
          true});
      }
    }
  }
  return {};
}

}  // namespace styr
