// styr log [ID]: the decision history of one document, or of the whole repository, newest
// first.
#include "cli/commands.hpp"

#include "styr/json.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace styr::cli {

namespace {

// A decision's prose under its title, indented like it, line by line.
void print_text(std::string_view text)
{
  for (std::string_view rest = text; !rest.empty();) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    const std::string_view line = rest.substr(0, end);
    fmt::print("{}{}\n", line.empty() ? "" : "    ", shown(line));
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
}

// One line of the history: an approval, a re-approval or a rejected listing.
struct Entry
{
  std::int64_t time = 0;
  const Decision* decision = nullptr;
  const Approval* approval = nullptr;
  std::string rejection;
};

std::vector<Entry> history(const Snapshot& snap, std::string_view id)
{
  std::vector<Entry> entries;
  for (const Approval& a : snap.ledger.approvals(id)) {
    entries.push_back(Entry{a.time, snap.decision_of(a), &a, {}});
  }
  for (const Rejection& r : snap.ledger.rejections()) {
    if (r.id == id) {
      const Decision& d = snap.ledger.decisions()[r.decision];
      entries.push_back(Entry{d.time, &d, nullptr, r.reason});
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.time > b.time; });
  return entries;
}

std::string_view kind(const Entry& e)
{
  if (e.approval == nullptr) {
    return "rejected";
  }
  if (!e.approval->decision) {
    return "published";
  }
  return e.approval->revision ? "approval" : "re-approval";
}

// Every decision of the repository, newest first, with what it approved and what did not
// count: what an auditor reads to see who decided what, and when.
ExitStatus log_all(const Snapshot& snap, bool json_format, const Terminal& t)
{
  const std::vector<Decision>& decisions = snap.ledger.decisions();
  std::vector<std::vector<const Approval*>> approved(decisions.size());
  for (const std::string& id : snap.ledger.approved_ids()) {
    for (const Approval& a : snap.ledger.approvals(id)) {
      if (a.decision) {
        approved[*a.decision].push_back(&a);
      }
    }
  }
  for (auto& list : approved) {
    std::sort(list.begin(), list.end(), [](const Approval* a, const Approval* b) { return a->id < b->id; });
  }
  const bool en = snap.workspace.config.language == "en";
  if (json_format) {
    JsonWriter json;
    json.begin_array();
    for (std::size_t i = decisions.size(); i-- > 0;) {
      const Decision& d = decisions[i];
      json.begin_object()
        .field("tag", d.tag)
        .field("date", iso_date(d.date))
        .field("decision", d.reference)
        .field("case_number", d.case_number)
        .field("title", d.title)
        .field("text", d.text)
        .field("tagger_name", d.tagger_name)
        .field("tagger_email", d.tagger_email)
        .field("approver", d.approver)
        .field("signed", d.signed_tag)
        .field("signature_verified", d.signature_verified)
        .field("approves_roster", d.approves_roster)
        .key("approvals")
        .begin_array();
      for (const Approval* a : approved[i]) {
        json.begin_object()
          .field("id", a->id)
          .field("version", a->version)
          .field("kind", a->retired ? "retirement" : a->revision ? "approval" : "re-approval")
          .field("path", a->path)
          .field("blob", a->blob.hex())
          .end_object();
      }
      json.end_array().key("problems").string_array(d.problems).end_object();
    }
    json.end_array();
    fmt::print("{}", json.str());
    return ExitStatus::success;
  }
  if (decisions.empty()) {
    fmt::print("{}\n", en ? "No decisions." : "Inga beslut.");
  }
  for (std::size_t i = decisions.size(); i-- > 0;) {
    const Decision& d = decisions[i];
    fmt::print("{}  {}{}\n", iso_date(d.date), t.paint(stdout, Style::bold, shown(d.tag)),
               d.signature_verified ? "  (signed)" : "");
    fmt::print("    {}\n", shown(d.title));
    print_text(d.text);
    fmt::print("    Beslut: {}   Diarienummer: {}   {}: {} <{}>\n", d.reference.empty() ? "–" : shown(d.reference),
               d.case_number.empty() ? "–" : shown(d.case_number), en ? "By" : "Av",
               shown(d.approver.empty() ? d.tagger_name : d.approver), shown(d.tagger_email));
    std::vector<std::string> what;
    if (d.approves_roster) {
      what.push_back(en ? "the roster of approvers" : "beslutsordningen (approvers)");
    }
    for (const Approval* a : approved[i]) {
      what.push_back(a->retired ? fmt::format("{} {}", a->id, en ? "retired" : "upphävd")
                     : a->revision ? fmt::format("{} version {}", a->id, a->version)
                                   : fmt::format("{} version {} {}", a->id, a->version,
                                                 "re-approved"));
    }
    if (!what.empty()) {
      fmt::print("    {}\n", t.paint(stdout, Style::green, fmt::format("{}", fmt::join(what, " · "))));
    }
    for (const std::string& problem : d.problems) {
      fmt::print("    {} {}\n", t.paint(stdout, Style::red, en ? "did not count:" : "räknas inte:"), shown(problem));
    }
  }
  return ExitStatus::success;
}

}  // namespace

ExitStatus run_log(Context& ctx, const Args& args)
{
  if (args.positional().size() > 1) {
    print_error(ctx, "log takes at most one document id, e.g. styr log IS-RL-004");
    return ExitStatus::usage;
  }
  const std::string format = args.value("format").value_or("text");
  if (format != "text" && format != "json") {
    print_error(ctx, fmt::format("unknown format '{}'; use text or json", format));
    return ExitStatus::usage;
  }
  auto snap = open_snapshot(ctx, std::nullopt, Parts::front_matter);
  if (!snap) {
    return snap.error();
  }
  // A tag that looks like a decision but is none ("git tag" without -a) belongs beside the
  // decisions: whoever made it believes something was decided.
  print_snapshot_warnings(ctx, *snap);
  if (args.positional().empty()) {
    return log_all(*snap, format == "json", ctx.terminal);
  }
  const std::string& id = args.positional().front();
  const DocumentStatus* status = snap->status(id);
  const std::vector<Entry> entries = history(*snap, id);
  if (status == nullptr && entries.empty()) {
    std::vector<std::string_view> ids;
    for (const DocumentStatus& s : snap->statuses) {
      ids.push_back(s.id);
    }
    const auto guess = closest(id, ids);
    print_error(ctx, fmt::format("no document has the id {}{}", id,
                                 guess ? fmt::format("; did you mean {}?", *guess) : std::string()));
    return ExitStatus::usage;
  }

  if (format == "json") {
    JsonWriter json;
    json.begin_array();
    for (const Entry& e : entries) {
      json.begin_object().field("kind", kind(e));
      json.field("tag", e.decision != nullptr ? e.decision->tag : std::string());
      json.field("date", e.approval != nullptr ? iso_date(e.approval->date) : iso_date(e.decision->date));
      json.field("version", e.approval != nullptr ? e.approval->version : 0);
      json.field("decision", e.decision != nullptr ? e.decision->reference : std::string());
      json.field("case_number", e.decision != nullptr ? e.decision->case_number : std::string());
      json.field("approved_by", e.approval != nullptr ? e.approval->approved_by : e.decision->tagger_name);
      json.field("tagger_email", e.decision != nullptr ? e.decision->tagger_email : std::string());
      json.field("title", e.decision != nullptr ? e.decision->title : std::string());
      json.field("path", e.approval != nullptr ? e.approval->path : std::string());
      json.field("blob", e.approval != nullptr ? e.approval->blob.hex() : std::string());
      json.field("commit", e.approval != nullptr ? e.approval->commit.hex() : std::string());
      json.field("signature_verified", e.decision != nullptr && e.decision->signature_verified);
      json.field("reason", e.rejection);
      json.end_object();
    }
    json.end_array();
    fmt::print("{}", json.str());
    return ExitStatus::success;
  }

  const std::string& language = snap->workspace.config.language;
  const Terminal& t = ctx.terminal;
  if (status != nullptr) {
    fmt::print("{}  {}\n{}: {}, version {}\n\n", t.paint(stdout, Style::bold, shown(id)), shown(status->title),
               language == "en" ? "Status" : "Status", status_label(status->status, language), status->version);
  }
  if (entries.empty()) {
    fmt::print("{}\n", language == "en" ? "No decisions." : "Inga beslut.");
  }
  for (const Entry& e : entries) {
    const std::string date = iso_date(e.approval != nullptr ? e.approval->date : e.decision->date);
    if (e.approval == nullptr) {
      fmt::print("{}  {}  {}\n    {}\n", date, t.paint(stdout, Style::red, language == "en" ? "rejected" : "avvisat"),
                 shown(e.decision->tag), shown(e.rejection));
      continue;
    }
    const Approval& a = *e.approval;
    if (e.decision == nullptr) {
      fmt::print("{}  {}  {} {} ({})\n", date, t.paint(stdout, Style::green, fmt::format("version {}", a.version)),
                 language == "en" ? "published by commit" : "publicerad genom commit", a.commit.short_hex(),
                 shown(a.approved_by));
      continue;
    }
    const Decision& d = *e.decision;
    fmt::print("{}  {}  {}{}\n", date,
               t.paint(stdout, Style::green, a.revision ? fmt::format("version {}", a.version)
                                                        : fmt::format("version {} re-approved", a.version)),
               t.paint(stdout, Style::bold, shown(d.tag)), d.signature_verified ? "  (signed)" : "");
    fmt::print("    {}\n", shown(d.title));
    print_text(d.text);
    fmt::print("    Beslut: {}   Diarienummer: {}   {}: {} <{}>\n", d.reference.empty() ? "–" : shown(d.reference),
               d.case_number.empty() ? "–" : shown(d.case_number), language == "en" ? "By" : "Av",
               shown(a.approved_by), shown(d.tagger_email));
    fmt::print("    {} {} ({})\n", language == "en" ? "Content" : "Innehåll", a.blob.short_hex(), text::quote_path(a.path));
  }
  return ExitStatus::success;
}

}  // namespace styr::cli
