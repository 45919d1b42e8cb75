// styr diff ID: what changed in a document between approved versions, or since the last
// approval, word by word within changed paragraphs.
#include "cli/commands.hpp"

#include "styr/textdiff.hpp"

#include <fmt/format.h>

namespace styr::cli {

namespace {

struct Version
{
  std::string label;  // for the header: "version 2 (beslut/…)", "the working tree"
  std::string text;
};

// The document `id` as approved by decision `tag`, or as it is at the revision `tag`.
tl::expected<Version, std::string> version_at(const Snapshot& snap, const std::string& id, const std::string& tag)
{
  if (tag == "working") {
    const DocumentStatus* s = snap.status(id);
    const Document* doc = s != nullptr ? snap.documents.find_path(s->path) : nullptr;
    if (doc == nullptr) {
      return tl::unexpected(fmt::format("{} is not in the working tree", id));
    }
    return Version{fmt::format("the working tree ({})", doc->path), doc->text};
  }
  // A version number ("2") names the approval that made that version.
  const bool number = !tag.empty() && tag.size() <= 6 && tag.find_first_not_of("0123456789") == std::string::npos;
  for (const Approval& a : snap.ledger.approvals(id)) {
    const Decision* d = snap.decision_of(a);
    if (d != nullptr && (number ? a.revision && std::to_string(a.version) == tag : d->tag == tag)) {
      auto text = snap.repo->read_blob(a.blob);
      if (!text) {
        return tl::unexpected(text.error());
      }
      return Version{fmt::format("version {} ({}, {})", a.version, d->tag, iso_date(a.date)), *text};
    }
  }
  if (number) {
    return tl::unexpected(fmt::format("{} has no approved version {} (styr log {} lists its versions)", id, tag, id));
  }
  auto commit = snap.repo->resolve_commit(tag);
  if (!commit) {
    return tl::unexpected(commit.error());
  }
  const auto c = snap.repo->commit(*commit);
  if (!c) {
    return tl::unexpected(c.error());
  }
  const CommitSource source(*snap.repo, *commit, c->tree);
  const DocumentSet documents = collect_documents(source, snap.workspace.config.documents_dir);
  const Document* doc = documents.find_id(id);
  if (doc == nullptr) {
    return tl::unexpected(fmt::format("{} does not exist at {}", id, tag));
  }
  return Version{fmt::format("{} at {}", doc->path, tag), doc->text};
}

// Colours the [-removed-] and {+added+} markers on a terminal.
// Text of several lines with control characters escaped (shown()), but for its line breaks
// and tabs.
std::string shown_lines(std::string_view text)
{
  std::string out;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find_first_of("\n\t", start), text.size());
    out += shown(text.substr(start, end - start));
    if (end < text.size()) {
      out += text[end];
    }
    start = end + 1;
  }
  return out;
}

std::string paint_markers(const Terminal& t, const std::string& text)
{
  if (!t.color(stdout)) {
    return text;
  }
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool removed = text.compare(i, 2, "[-") == 0;
    const bool added = text.compare(i, 2, "{+") == 0;
    if (!removed && !added) {
      out += text[i++];
      continue;
    }
    const std::size_t end = text.find(removed ? "-]" : "+}", i + 2);
    if (end == std::string::npos) {
      out += text.substr(i);
      break;
    }
    out += t.paint(stdout, removed ? Style::red : Style::green, text.substr(i, end + 2 - i));
    i = end + 2;
  }
  return out;
}

}  // namespace

ExitStatus run_diff(Context& ctx, const Args& args)
{
  if (args.positional().size() != 1) {
    print_error(ctx, "usage: styr diff ID [--from TAG] [--to TAG|working]");
    return ExitStatus::usage;
  }
  auto snap = open_snapshot(ctx, std::nullopt, Parts::front_matter);
  if (!snap) {
    return snap.error();
  }
  const std::string& id = args.positional().front();
  const std::vector<Approval>& approvals = snap->ledger.approvals(id);
  if (snap->status(id) == nullptr && approvals.empty()) {
    print_error(ctx, fmt::format("no document has the id {}", id));
    return ExitStatus::usage;
  }
  tl::expected<Version, std::string> from = tl::unexpected(std::string());
  if (args.has("from")) {
    from = version_at(*snap, id, *args.value("from"));
  } else if (!approvals.empty()) {
    const Approval& last = approvals.back();
    auto text = snap->repo->read_blob(last.blob);
    from = text ? tl::expected<Version, std::string>(Version{
                    fmt::format("version {} ({}, {})", last.version,
                                snap->decision_of(last) ? snap->decision_of(last)->tag : last.commit.short_hex(),
                                iso_date(last.date)),
                    *text})
                : tl::unexpected(text.error());
  } else {
    from = Version{"nothing (never approved)", ""};
  }
  const tl::expected<Version, std::string> to = version_at(*snap, id, args.value("to").value_or("working"));
  if (!from || !to) {
    print_error(ctx, !from ? from.error() : to.error());
    return ExitStatus::usage;
  }
  const textdiff::Diff diff = textdiff::diff_documents(from->text, to->text, textdiff::Words::source);
  const Terminal& t = ctx.terminal;
  fmt::print("{}\n{}\n", t.paint(stdout, Style::bold, shown(fmt::format("--- {} {}", id, from->label))),
             t.paint(stdout, Style::bold, shown(fmt::format("+++ {} {}", id, to->label))));
  if (diff.identical()) {
    fmt::print("(no changes)\n");
    return ExitStatus::success;
  }
  fmt::print("\n{}", paint_markers(t, shown_lines(textdiff::to_marked_text(diff, textdiff::Words::source, 1))));
  fmt::print(stderr, "styr diff: {} changed block{}\n", diff.changed_blocks(), diff.changed_blocks() == 1 ? "" : "s");
  return ExitStatus::success;
}

}  // namespace styr::cli
