#include "cli/context.hpp"

#include "styr/check.hpp"
#include "styr/text.hpp"

#include <algorithm>

namespace styr::cli {

std::string shown(std::string_view text)
{
  return text::escape_controls(text);
}

void print_error(const Context& ctx, std::string_view message)
{
  fmt::print(stderr, "styr {}: {} {}\n", ctx.command, ctx.terminal.paint(stderr, Style::red, "error:"), message);
}

void print_warning(const Context& ctx, std::string_view message)
{
  fmt::print(stderr, "styr {}: {} {}\n", ctx.command, ctx.terminal.paint(stderr, Style::yellow, "warning:"), message);
}

tl::expected<Workspace, ExitStatus> open_repository(const Context& ctx)
{
  auto workspace = open_workspace(ctx.directory);
  if (!workspace) {
    print_error(ctx, workspace.error().message);
    print_diagnostics(ctx, stderr, workspace.error().diagnostics);
    return tl::unexpected(ExitStatus::environment);
  }
  return std::move(*workspace);
}

tl::expected<Snapshot, ExitStatus> open_snapshot(const Context& ctx, const std::optional<std::string>& revision,
                                                 Parts parts, std::optional<Date> as_of)
{
  auto snapshot = load_snapshot(ctx.directory, revision, as_of.value_or(today()), parts, nullptr, as_of);
  if (!snapshot) {
    print_error(ctx, snapshot.error().message);
    print_diagnostics(ctx, stderr, snapshot.error().diagnostics);
    return tl::unexpected(ExitStatus::environment);
  }
  return std::move(*snapshot);
}

void print_snapshot_warnings(const Context& ctx, const Snapshot& snap)
{
  for (const std::string& warning : snap.ledger.warnings()) {
    print_warning(ctx, warning);
  }
  // Roster edits that no decision approved (styr check reports them as well).
  if (const auto roster = read_roster(*snap.source)) {
    Diagnostics unapproved = unapproved_roster_diagnostics(snap.ledger, *roster);
    snap.workspace.config.apply_rule_levels(unapproved);
    print_diagnostics(ctx, stderr, unapproved);
  }
  const std::string& folder = snap.workspace.config.documents_dir;
  if (snap.documents.documents().empty() && !snap.source->exists(folder)) {
    print_warning(ctx, fmt::format("the documents folder \"{}\" does not exist (paths.documents in {})", folder,
                                   k_config_file));
  }
  Diagnostics left_out;
  for (const DocumentStatus& s : snap.statuses) {
    if (!s.id.empty()) {
      continue;
    }
    // Why it has none: its first error, as styr check reports it.
    const Document* doc = snap.documents.find_path(s.path);
    const Diagnostic* cause = nullptr;
    if (doc != nullptr) {
      const auto error = std::find_if(doc->problems.begin(), doc->problems.end(),
                                      [](const Diagnostic& p) { return p.severity == Severity::error; });
      cause = error != doc->problems.end() ? &*error : nullptr;
    }
    Diagnostic d = cause != nullptr
                     ? *cause
                     : make_diagnostic(s.path, Position{1, 1}, "missing-field", "the front matter has no id");
    d.severity = Severity::warning;
    d.hint = "without an id it cannot be approved, published or counted (styr check shows what to fix)";
    left_out.push_back(std::move(d));
  }
  print_diagnostics(ctx, stderr, left_out);
}

void print_diagnostics(const Context& ctx, std::FILE* stream, const Diagnostics& diagnostics)
{
  const Terminal& t = ctx.terminal;
  for (const Diagnostic& d : diagnostics) {
    const bool error = d.severity == Severity::error;
    const std::string severity = fmt::format("{}[{}]:", to_string(d.severity), d.rule);
    // One line per finding, whatever the file name or the document's text holds.
    fmt::print(stream, "{} {} {}\n",
               t.paint(stream, Style::bold,
                       fmt::format("{}:{}:{}:", text::quote_path(d.path), d.position.line, d.position.column)),
               t.paint(stream, error ? Style::red : Style::yellow, severity), text::escape_controls(full_message(d)));
  }
}

}  // namespace styr::cli
