// styr report: the management report (ledningsrapport) as Markdown, standalone HTML or JSON.
#include "cli/commands.hpp"

#include "styr/check.hpp"
#include "styr/report.hpp"
#include "styr/theme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace styr::cli {

namespace {

// YYYY-MM-DD exactly, and a day that exists.
std::optional<Date> parse_date_option(std::string_view text)
{
  if (text.size() != 10) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? text[i] != '-' : !std::isdigit(static_cast<unsigned char>(text[i]))) {
      return std::nullopt;
    }
  }
  return parse_iso_date(text);
}

} // namespace

ExitStatus run_report(Context& ctx, const Args& args)
{
  const std::string format = args.value("format").value_or("md");
  if (format != "md" && format != "html" && format != "json") {
    print_error(ctx, fmt::format("unknown format '{}'; use md, html or json", format));
    return ExitStatus::usage;
  }
  if (!args.positional().empty()) {
    print_error(ctx, "report takes no arguments");
    return ExitStatus::usage;
  }
  std::optional<Date> given;
  if (const auto text = args.value("as-of")) {
    const auto date = parse_date_option(*text);
    if (!date) {
      print_error(ctx, fmt::format("invalid date '{}' for --as-of; write it as YYYY-MM-DD", *text));
      return ExitStatus::usage;
    }
    given = *date;
  }
  const Date as_of = given.value_or(today());
  const auto revision = args.value("rev");
  // The report reads front matter only; as of a date, without the decisions made after it.
  auto snap = open_snapshot(ctx, revision, Parts::front_matter, given);
  if (!snap) {
    return snap.error();
  }
  print_snapshot_warnings(ctx, *snap);
  std::string described;
  if (revision && snap->revision) {
    described = fmt::format("{} ({})", *revision, snap->revision->short_hex());
  }
  const auto report = build_report(*snap, as_of, described);
  if (!report) {
    print_error(ctx, report.error());
    return ExitStatus::environment;
  }
  for (const std::string& warning : report->warnings) {
    print_warning(ctx, warning);
  }
  if (format == "json") {
    fmt::print("{}", report_json(*report));
  } else if (format == "html") {
    fmt::print("{}", report_html(*report, theme_asset(snap->workspace, "report.css")));
  } else {
    fmt::print("{}", report_markdown(*report));
  }
  return ExitStatus::success;
}

} // namespace styr::cli
