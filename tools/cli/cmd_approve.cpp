// styr approve: check, show the decision packet, and record the decision as a tag.
#include "cli/commands.hpp"

#include "styr/approve.hpp"
#include "styr/check.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace styr::cli {

namespace {

void print_packet(const Context& ctx, const Snapshot& snap, const DecisionPacket& packet)
{
  const Terminal& t = ctx.terminal;
  const std::string& language = snap.workspace.config.language;
  const bool en = language == "en";
  fmt::print("{}\n", t.paint(stdout, Style::bold, en ? "Decision packet" : "Beslutsunderlag"));
  if (packet.approver.empty()) {
    fmt::print("{}\n", en ? "Prepared for the bodies that decide each document"
                          : "Förberett för den instans som beslutar om varje dokument");
  } else {
    fmt::print("{}: {} <{}>\n", en ? "Decided by" : "Beslutsfattare", packet.approver, packet.email);
  }
  fmt::print("{}: {}\n\n", en ? "Tag" : "Tagg", packet.tag);
  for (const PacketItem& item : packet.items) {
    std::string change;
    if (item.retiring) {
      change = en ? "repeal" : "upphävande";
    } else if (item.status == Status::draft) {
      change = en ? "new document" : "nytt dokument";
    } else if (item.changed_blocks == 0) {
      change = en ? "unchanged: re-approval (review)" : "oförändrat: aktualitetsprövning";
    } else if (item.changed_blocks == 1) {
      change = en ? "1 changed paragraph" : "1 ändrat stycke";
    } else {
      change = fmt::format("{} {}", item.changed_blocks, en ? "changed paragraphs" : "ändrade stycken");
    }
    fmt::print("{}  {}  ({}: {})\n", t.paint(stdout, Style::bold, item.id), item.title,
               en ? "decided by" : "beslutas av", item.decided_by);
    if (item.id == k_roster_id) {  // neither versions nor reviews
      fmt::print("    {}: {}\n", en ? "Change" : "Ändring", change);
    } else {
      fmt::print("    {}: {} → {} {}   {}: {}   {}: {}\n", en ? "Version" : "Version", item.version, item.new_version,
                 "", en ? "Change" : "Ändring", change, en ? "Next review" : "Nästa översyn",
                 iso_date(item.review_due));
    }
    if (item.status != Status::draft && item.changed_blocks > 0) {
      std::string_view changes = item.changes;
      while (!changes.empty()) {
        const std::size_t end = changes.find('\n');
        fmt::print("      {}\n", changes.substr(0, end));
        changes = end == std::string_view::npos ? std::string_view() : changes.substr(end + 1);
      }
    }
  }
  fmt::print("\n{}\n", t.paint(stdout, Style::dim, en ? "Message:" : "Meddelande:"));
  fmt::print("{}", packet.message);
}

}  // namespace

ExitStatus run_approve(Context& ctx, const Args& args)
{
  auto snap = open_snapshot(ctx, std::nullopt);
  if (!snap) {
    return snap.error();
  }
  if (args.value("decision").value_or("").empty()) {
    print_error(ctx, "--decision is required, e.g. --decision \"KS 2026-03-15 § 45\"");
    return ExitStatus::usage;
  }
  // A line break would start a trailer of the decision's own: one the packet never showed.
  for (const char* option : {"decision", "case-number", "message"}) {
    if (args.value(option).value_or("").find_first_of("\r\n") != std::string::npos) {
      print_error(ctx, fmt::format("--{} must be one line", option));
      return ExitStatus::usage;
    }
  }
  const Diagnostics findings = check_snapshot(*snap);
  if (has_errors(findings)) {
    print_diagnostics(ctx, stderr, findings);
    print_error(ctx, "refused: styr check finds errors; a decision approves only documents that pass");
    return ExitStatus::findings;
  }
  ApproveRequest request;
  request.reference = args.value("decision").value_or("");
  request.case_number = args.value("case-number").value_or("");
  request.title = args.value("message").value_or("");
  request.ids = args.positional();
  request.email = current_git_email(snap->workspace.root);
  request.sign = args.has("sign");
  request.dry_run = args.has("dry-run");
  auto packet = prepare_decision(*snap, request);
  if (!packet) {
    for (const std::string& reason : packet.error()) {
      print_error(ctx, fmt::format("refused: {}", reason));
    }
    return ExitStatus::findings;
  }
  print_packet(ctx, *snap, *packet);
  if (args.has("dry-run")) {
    fmt::print(stderr, "styr approve: dry run; no tag was created\n");
    return ExitStatus::success;
  }
  if (auto done = record_decision(*snap, *packet, request.sign); !done) {
    print_error(ctx, done.error().message);
    return done.error().refused ? ExitStatus::findings : ExitStatus::environment;
  }
  fmt::print(stderr, "styr approve: created {} approving {} document{}\n", packet->tag, packet->items.size(),
             packet->items.size() == 1 ? "" : "s");
  return ExitStatus::success;
}

}  // namespace styr::cli
