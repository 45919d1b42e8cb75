// The management report (ledningsrapport, PRODUCT.md §7; MSB recommendations 2, 3 and 8):
// statuses, documents awaiting decision, reviews, coverage of MSB's eight recommendations and
// of ISO/IEC 27002:2022 by approved documents, and the items of the approved action plans.
// `build_report` computes it from a snapshot and a date; the renderers turn it into Markdown,
// JSON, a standalone HTML file for kommunstyrelsen, or an HTML fragment for the site.
#pragma once

#include "styr/ledger.hpp"
#include "styr/approved.hpp"
#include "styr/snapshot.hpp"

#include <tl/expected.hpp>

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace styr {

// Reviews due within this many days of the report date are "due soon".
inline constexpr int k_due_soon_days = 90;

struct ReportDocument
{
  std::string id;
  std::string title; // as written now
  std::string type;
  std::string type_label; // in the report's language, e.g. "Riktlinje" or "Guideline"
  Status status = Status::draft;
  bool needs_decision = true; // false for supporting documents (a type with decision = false)
  bool secret = false;        // publicity "sekretess" in the approved or the current text
  std::optional<Date> approved_at;
  std::optional<Date> review_due;
  // `title` is a note in the report's language instead of the title ("not published here").
  bool title_withheld = false;
};

// An approved document whose parent was revised after the document itself was approved.
struct ParentChange
{
  std::string id;
  std::string parent;
  Date approved_at{};       // the document's last approval
  Date parent_revised_at{}; // the parent's last approval with a change of content
};

// Which documents cover one item (an MSB recommendation or an ISO 27002 control).
struct Coverage
{
  std::vector<std::string> approved; // ids whose approved content lists it
  std::vector<std::string> pending;  // ids whose unapproved content lists it (drafts, unapproved changes)

  bool covered() const { return !approved.empty(); }
  bool pending_only() const { return approved.empty() && !pending.empty(); }
};

struct ControlCoverage
{
  std::string_view id;    // "5.1"
  std::string_view theme; // "5"
  std::string_view title_sv;
  std::string_view title_en;
  Coverage coverage;
};

struct ReportAction
{
  std::string id;
  std::string title;
  std::string owner;
  std::string due;   // YYYY-MM-DD as written, or empty
  std::string state; // planerad | pågår | klar | stoppad
  std::string document;
  bool overdue = false; // due before the report date and neither klar nor stoppad
};

struct Report
{
  std::string organisation;
  std::string language; // "sv" or "en"
  Date as_of{};
  std::string revision; // the --rev as given, or empty for the working tree

  std::vector<ReportDocument> documents; // every document, by id
  std::array<std::size_t, 4> counts{};   // indexed by Status
  std::vector<std::string> awaiting_decision;
  std::vector<std::string> overdue;  // review date before as_of, by review date
  std::vector<std::string> due_soon; // review date within k_due_soon_days of as_of, by review date
  std::vector<ParentChange> parent_changed;
  std::array<Coverage, 8> msb;           // recommendation 1 … 8
  std::vector<ControlCoverage> iso27002; // the 93 controls in the standard's order
  std::vector<ReportAction> actions;     // overdue first, then by due date
  // What an approved document claims that the report cannot count (approval by a hand-made
  // tag skips check): unknown controls and recommendations, actions without a valid date.
  std::vector<std::string> warnings;

  const ReportDocument* find(std::string_view id) const;
  std::size_t count(Status status) const { return counts[static_cast<std::size_t>(status)]; }
  std::vector<std::string> uncovered_iso27002() const;
  std::size_t covered_controls() const;
  std::size_t covered_recommendations() const;
};

// The report as of `as_of` (reviews and deadlines are judged against it). Fails only when an
// approved version cannot be read from the repository or the repository's labels file is not
// valid TOML. `known` spares reading what is loaded.
tl::expected<Report, std::string> build_report(const Snapshot& snap, Date as_of, std::string revision = {},
                                               const KnownApproved& known = {});

std::string report_markdown(const Report& report);
std::string report_json(const Report& report);

struct ReportHtmlOptions
{
  // The address of a document's page, or nullopt for no link (the default: plain text).
  std::function<std::optional<std::string>(std::string_view id)> document_href;
  // Secret documents are shown by id and title; false shows them as "a secret document"
  // (for the intranet unless [site] list_secret_titles = true).
  bool list_secret_titles = true;
  bool summary = true; // open with the summary paragraph
};

// The report's sections as an HTML fragment (h2 headings, inline SVG pictures, tables), for
// a page of the site. Needs the classes of site/report.css; no script.
std::string report_html_body(const Report& report, const ReportHtmlOptions& options = {});

// One self-contained HTML file (inline CSS, no external requests) to hand to the board, styled
// by `css` (site/report.css, or the repository's own).
std::string report_html(const Report& report, std::string_view css);

// The summary paragraph in plain language, as text.
std::string report_summary(const Report& report);

// The two pictures on their own (inline SVG), for tests and for pages that place them.
std::string status_bars_svg(const Report& report);
std::string coverage_heatmap_svg(const Report& report, const ReportHtmlOptions& options = {});

} // namespace styr
