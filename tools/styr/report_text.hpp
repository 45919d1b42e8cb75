// Every interface string of the management report, in Swedish and in English, in one table.
// Counted phrases have a form for zero, one and many ("{n}" is the number).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace styr {

struct Counted
{
  std::string_view zero;
  std::string_view one;
  std::string_view many;

  std::string_view pick(std::size_t n) const { return n == 0 ? zero : n == 1 ? one : many; }
};

struct ReportText
{
  std::string_view lang;
  std::string_view title;
  std::string_view organisation;
  std::string_view report_date;
  std::string_view basis;
  std::string_view basis_working;  // the documents as they are now
  std::string_view basis_revision; // {rev}
  std::string_view generated;      // {version}
  std::string_view summary_heading;

  // Summary sentences.
  std::string_view summary_documents; // {org} {n} {documents} {date} {approved} {changed} {draft} {retired}
  Counted documents;
  Counted approved;
  Counted changed;
  Counted draft;
  Counted retired;
  Counted summary_awaiting;
  Counted summary_overdue;
  Counted summary_due_soon;
  std::string_view summary_coverage; // {msb} {controls}
  Counted summary_gaps;
  std::string_view summary_actions; // {total} {done} {overdue}
  std::string_view summary_no_actions;
  Counted actions_total;
  Counted actions_done;
  Counted actions_overdue;

  // Sections.
  std::string_view status_heading;
  std::string_view status_figure_title;
  std::string_view total;
  std::string_view awaiting_heading;
  std::string_view awaiting_intro;
  std::string_view awaiting_none;
  std::string_view reviews_heading;
  std::string_view overdue_heading;
  std::string_view overdue_none;
  std::string_view due_soon_heading; // {days}
  std::string_view due_soon_none;
  std::string_view parent_heading;
  std::string_view parent_intro;
  std::string_view parent_none;
  std::string_view msb_heading;
  std::string_view msb_intro;
  std::string_view not_covered;
  std::string_view only_pending; // {ids}
  std::string_view iso_heading;
  std::string_view iso_intro; // {covered} {pending} {uncovered}
  std::string_view heatmap_title;
  std::string_view heatmap_theme; // {theme} {title} {covered} {total}
  std::string_view legend_covered;
  std::string_view legend_pending;
  std::string_view legend_uncovered;
  std::string_view cell_covered; // tooltip lines
  std::string_view cell_pending;
  std::string_view cell_uncovered;
  std::string_view themes_caption;
  std::string_view gap_heading;
  std::string_view gap_intro;
  std::string_view gap_none;
  std::string_view actions_heading;
  std::string_view actions_intro;
  std::string_view actions_intro_one; // {plan}
  std::string_view actions_none;
  std::string_view overdue_marker;
  std::string_view appendix_heading;
  std::string_view secret_document;
  std::string_view none;

  // Columns.
  std::string_view col_id;
  std::string_view col_title;
  std::string_view col_type;
  std::string_view col_status;
  std::string_view col_count;
  std::string_view col_review_due;
  std::string_view col_approved;
  std::string_view col_parent;
  std::string_view col_parent_revised;
  std::string_view col_number;
  std::string_view col_recommendation;
  std::string_view col_documents;
  std::string_view col_pending;
  std::string_view col_theme;
  std::string_view col_covered;
  std::string_view col_pending_only;
  std::string_view col_uncovered;
  std::string_view col_control;
  std::string_view col_control_title;
  std::string_view col_action;
  std::string_view col_action_title;
  std::string_view col_owner;
  std::string_view col_due;
  std::string_view col_state;
  std::string_view col_plan;

  std::array<std::string_view, 8> msb_titles;
  // Action states as written (Swedish in the schema) and as shown.
  std::array<std::string_view, 4> states;
};

// The table for "sv" or "en" (anything else gets Swedish).
const ReportText& report_text(std::string_view language);

// An action state as shown in the report's language ("pågår" -> "in progress").
std::string_view action_state_label(const ReportText& text, std::string_view state);

} // namespace styr
