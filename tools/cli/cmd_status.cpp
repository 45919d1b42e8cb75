// styr status: one row per document with its status, version and review date.
#include "cli/commands.hpp"

#include "styr/json.hpp"
#include "styr/runtime.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace styr::cli {

namespace {

std::string status_json(const Snapshot& snap)
{
  JsonWriter json;
  json.begin_array();
  for (const DocumentStatus& s : snap.statuses) {
    if (s.id.empty()) {
      continue;  // a warning says where it is and why it is left out
    }
    const Approval* last = s.last;
    const Decision* decision = last != nullptr ? snap.decision_of(*last) : nullptr;
    json.begin_object()
      .field("id", s.id)
      .field("title", s.title)
      .field("type", s.type)
      .field("path", s.path)
      .field("status", to_string(s.status))
      .field("version", s.version);
    json.key("approved_at");
    last != nullptr ? json.value(iso_date(last->date)) : json.null();
    json.key("approved_by");
    last != nullptr ? json.value(last->approved_by) : json.null();
    json.key("decision");
    decision != nullptr ? json.value(decision->reference) : json.null();
    json.key("case_number");
    decision != nullptr ? json.value(decision->case_number) : json.null();
    json.key("tag");
    decision != nullptr ? json.value(decision->tag) : json.null();
    json.key("review_due");
    s.review_due ? json.value(iso_date(*s.review_due)) : json.null();
    json.field("overdue", s.overdue);
    json.key("problems").string_array(s.problems);
    json.end_object();
  }
  json.end_array();
  return json.str();
}

Style status_style(Status status)
{
  switch (status) {
    case Status::approved: return Style::green;
    case Status::changed: return Style::yellow;
    case Status::retired: return Style::dim;
    case Status::draft: return Style::cyan;
  }
  return Style::plain;
}

void print_table(const Context& ctx, const Snapshot& snap)
{
  const std::string& language = snap.workspace.config.language;
  const bool en = language == "en";
  // A review's cell; an overdue one says so in words too, for a pipe or NO_COLOR.
  const auto review_text = [&](const DocumentStatus& s) {
    std::string review = s.review_due ? iso_date(*s.review_due) : "";
    return s.overdue ? review + (en ? " (overdue)" : " (försenad)") : review;
  };
  std::size_t id_width = 2;
  std::size_t status_width = 6;
  std::size_t review_width = 10;
  std::vector<const DocumentStatus*> listed;  // those with an id: a warning names the others
  for (const DocumentStatus& s : snap.statuses) {
    if (!s.id.empty()) {
      listed.push_back(&s);
    }
  }
  for (const DocumentStatus* row : listed) {
    const DocumentStatus& s = *row;
    id_width = std::max(id_width, text::length(text::escape_controls(s.id)));
    status_width = std::max(status_width, text::length(status_label(s.status, language)));
    review_width = std::max(review_width, text::length(review_text(s)));
  }
  const Terminal& t = ctx.terminal;
  fmt::print("{}\n", t.paint(stdout, Style::bold,
                             fmt::format("{:<{}}  {:<{}}  {:>3}  {:<10}  {:<{}}  {}", "ID", id_width,
                                         en ? "STATUS" : "STATUS", status_width, "VER",
                                         en ? "APPROVED" : "FASTSTÄLLD", en ? "REVIEW" : "ÖVERSYN", review_width,
                                         en ? "TITLE" : "TITEL")));
  // Pad by characters, not bytes: "Fastställd" has two multi-byte letters.
  const auto padded = [](std::string cell, std::size_t width) {
    return cell + std::string(width - std::min(width, text::length(cell)), ' ');
  };
  for (const DocumentStatus* row : listed) {
    const DocumentStatus& s = *row;
    // Ids and titles are an author's text: shown with control characters escaped.
    const std::string review = padded(review_text(s), review_width);
    fmt::print("{}  {}  {:>3}  {:<10}  {}  {}\n", padded(text::escape_controls(s.id), id_width),
               t.paint(stdout, status_style(s.status), padded(std::string(status_label(s.status, language)), status_width)),
               s.version, s.last != nullptr ? iso_date(s.last->date) : "",
               s.overdue ? t.paint(stdout, Style::red, review) : review, text::escape_controls(s.title));
  }
}

}  // namespace

ExitStatus run_status(Context& ctx, const Args& args)
{
  const std::string format = args.value("format").value_or("table");
  if (format != "table" && format != "json") {
    print_error(ctx, fmt::format("unknown format '{}'; use table or json", format));
    return ExitStatus::usage;
  }
  if (!args.positional().empty()) {
    print_error(ctx, "status takes no arguments");
    return ExitStatus::usage;
  }
  auto snap = open_snapshot(ctx, args.value("rev"), Parts::front_matter);
  if (!snap) {
    return snap.error();
  }
  print_snapshot_warnings(ctx, *snap);
  if (format == "json") {
    fmt::print("{}", status_json(*snap));
  } else {
    print_table(ctx, *snap);
    std::size_t counts[4] = {};
    std::size_t overdue = 0;
    std::size_t total = 0;
    for (const DocumentStatus& s : snap->statuses) {
      if (!s.id.empty()) {
        ++counts[static_cast<int>(s.status)];
        overdue += s.overdue ? 1 : 0;
        ++total;
      }
    }
    fmt::print(stderr,
               "styr status: {} document{}: {} approved, {} changed, {} draft, {} retired; {} review{} overdue\n",
               total, total == 1 ? "" : "s", counts[static_cast<int>(Status::approved)],
               counts[static_cast<int>(Status::changed)], counts[static_cast<int>(Status::draft)],
               counts[static_cast<int>(Status::retired)], overdue, overdue == 1 ? "" : "s");
  }
  keep_until_exit(std::make_unique<Snapshot>(std::move(*snap)));  // the command ends here
  return ExitStatus::success;
}

}  // namespace styr::cli
