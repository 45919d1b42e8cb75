#include "styr/report.hpp"

#include "styr/approved.hpp"
#include "styr/iso27002.hpp"
#include "styr/json.hpp"
#include "styr/render.hpp"
#include "styr/report_text.hpp"
#include "styr/resources.hpp"
#include "styr/runtime.hpp"
#include "styr/theme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace styr {

namespace {

// The order statuses are shown in: what is in force first.
constexpr std::array<Status, 4> k_status_order = {Status::approved, Status::changed, Status::draft, Status::retired};

std::string counted(const Counted& phrase, std::size_t n)
{
  return fmt::format(fmt::runtime(phrase.pick(n)), fmt::arg("n", n));
}

// Sorted by id, each once: a document may name a control twice, and an id may be duplicated.
void sort_unique(std::vector<std::string>& ids)
{
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

// ---------------------------------------------------------------------------------------------
// Reading the documents

std::vector<int> msb_field(const Document& doc)
{
  std::vector<int> out;
  const auto* array = doc.front_matter ? doc.front_matter->get_as<toml::array>("msb") : nullptr;
  if (array != nullptr) {
    for (const toml::node& item : *array) {
      if (const auto* n = item.as_integer(); n != nullptr && n->get() >= 1 && n->get() <= 8) {
        out.push_back(static_cast<int>(n->get()));
      }
    }
  }
  return out;
}

// The values of the msb field that name none of the eight recommendations, as written.
std::vector<std::string> invalid_msb(const Document& doc)
{
  std::vector<std::string> out;
  const auto* array = doc.front_matter ? doc.front_matter->get_as<toml::array>("msb") : nullptr;
  if (array != nullptr) {
    for (const toml::node& item : *array) {
      const auto* n = item.as_integer();
      if (n == nullptr || n->get() < 1 || n->get() > 8) {
        out.push_back(n != nullptr ? std::to_string(n->get()) : "a value that is not a number");
      }
    }
  }
  return out;
}

std::vector<std::string> iso27002_field(const Document& doc)
{
  std::vector<std::string> out;
  const auto* array = doc.front_matter ? doc.front_matter->get_as<toml::array>("iso27002") : nullptr;
  if (array != nullptr) {
    for (const toml::node& item : *array) {
      if (const auto* s = item.as_string()) {
        out.push_back(std::string(s->get()));
      }
    }
  }
  return out;
}

std::string string_of(const toml::table& table, std::string_view key)
{
  const auto* value = table.get_as<std::string>(key);
  return value != nullptr ? value->get() : std::string();
}

// A TOML date as written (due = 2027-03-31), or a string value as it is.
std::string date_text(const toml::table& table, std::string_view key)
{
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return {};
  }
  if (const auto* date = node->as_date()) {
    const toml::date d = date->get();
    return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  }
  if (const auto* text = node->as_string()) {
    return text->get();
  }
  return {};
}

bool settled(std::string_view state)
{
  return state == "klar" || state == "stoppad";
}

void read_actions(const Document& plan, Date as_of, std::vector<ReportAction>& out, std::vector<std::string>& warnings)
{
  const auto* array = plan.front_matter ? plan.front_matter->get_as<toml::array>("action") : nullptr;
  if (array == nullptr) {
    return;
  }
  for (const toml::node& node : *array) {
    const auto* table = node.as_table();
    if (table == nullptr) {
      continue;
    }
    ReportAction a;
    a.id = string_of(*table, "id");
    a.title = string_of(*table, "title");
    a.owner = string_of(*table, "owner");
    a.due = date_text(*table, "due");
    a.state = string_of(*table, "state");
    a.document = std::string(plan.id());
    const auto due = parse_iso_date(a.due);
    a.overdue = due && *due < as_of && !settled(a.state);
    if (!due) {
      warnings.push_back(fmt::format("{}: action {} has no valid due date, so it is never reported overdue",
                                     plan.id(), a.id.empty() ? "without an id" : a.id));
    }
    out.push_back(std::move(a));
  }
}

bool is_secret(const Document* doc)
{
  return doc != nullptr && doc->string_field("publicity") == "sekretess";
}

// The parent's last approval that revised an approved content, if any: its first approval
// is not a revision.
const Approval* last_revision(const Ledger& ledger, std::string_view id)
{
  const std::vector<Approval>& approvals = ledger.approvals(id);
  for (auto it = approvals.rbegin(); it != approvals.rend(); ++it) {
    if (it->revision && it->version > 1) {
      return &*it;
    }
  }
  return nullptr;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The report

const ReportDocument* Report::find(std::string_view id) const
{
  const auto it = std::lower_bound(documents.begin(), documents.end(), id,
                                   [](const ReportDocument& d, std::string_view key) { return d.id < key; });
  return it != documents.end() && it->id == id ? &*it : nullptr;
}

std::vector<std::string> Report::uncovered_iso27002() const
{
  std::vector<std::string> out;
  for (const ControlCoverage& c : iso27002) {
    if (!c.coverage.covered()) {
      out.emplace_back(c.id);
    }
  }
  return out;
}

std::size_t Report::covered_controls() const
{
  return static_cast<std::size_t>(
      std::count_if(iso27002.begin(), iso27002.end(), [](const ControlCoverage& c) { return c.coverage.covered(); }));
}

std::size_t Report::covered_recommendations() const
{
  return static_cast<std::size_t>(std::count_if(msb.begin(), msb.end(), [](const Coverage& c) { return c.covered(); }));
}

tl::expected<Report, std::string> build_report(const Snapshot& snap, Date as_of, std::string revision, const KnownApproved& known)
{
  Report r;
  r.organisation = snap.workspace.config.organisation;
  r.language = snap.workspace.config.language == "en" ? "en" : "sv";
  // Types are named as the site names them, in the report's language.
  const auto labels = load_labels(snap.workspace, r.language);
  if (!labels) {
    return tl::unexpected(labels.error());
  }
  r.as_of = as_of;
  r.revision = std::move(revision);
  const Date soon{std::chrono::sys_days(as_of) + std::chrono::days(k_due_soon_days)};

  std::map<std::string_view, std::size_t, std::less<>> control_index;
  for (const Iso27002Control& c : iso27002_controls()) {
    control_index.emplace(c.id, r.iso27002.size());
    r.iso27002.push_back(ControlCoverage{c.id, c.id.substr(0, c.id.find('.')), c.title_sv, c.title_en, {}});
  }
  const auto cover = [&](const Document& doc, const std::string& id, bool approved) {
    for (const int n : msb_field(doc)) {
      Coverage& c = r.msb[static_cast<std::size_t>(n - 1)];
      (approved ? c.approved : c.pending).push_back(id);
    }
    for (const std::string& control : iso27002_field(doc)) {
      if (const auto it = control_index.find(control); it != control_index.end()) {
        Coverage& c = r.iso27002[it->second].coverage;
        (approved ? c.approved : c.pending).push_back(id);
      } else if (approved) {
        r.warnings.push_back(fmt::format("{} names ISO/IEC 27002 control \"{}\", which the 2022 edition does not "
                                         "have; it covers nothing", id, control));
      }
    }
    for (const std::string& value : approved ? invalid_msb(doc) : std::vector<std::string>{}) {
      r.warnings.push_back(fmt::format("{} names MSB recommendation {}; they are numbered 1 to 8", id, value));
    }
  };

  std::vector<std::tuple<Date, std::string>> overdue;
  std::vector<std::tuple<Date, std::string>> due_soon;
  for (const DocumentStatus& s : snap.statuses) {
    if (s.id.empty()) {
      continue; // check reports it; it cannot be listed by id, and is not counted either
    }
    ++r.counts[static_cast<std::size_t>(s.status)];
    const Document* current = snap.documents.find_path(s.path);
    const DocumentType* type = snap.schema.find_type(s.type);
    std::optional<Document> read;
    const Document* approved = s.last != nullptr && known ? known(s) : nullptr;
    if (s.last != nullptr && approved == nullptr) {
      auto loaded = approved_document(snap, s, Parts::front_matter); // the report reads no Markdown
      if (!loaded) {
        return tl::unexpected(loaded.error());
      }
      read = std::move(*loaded);
      approved = &*read;
    }

    ReportDocument d;
    d.id = s.id;
    d.title = s.title;
    d.type = s.type;
    d.type_label = type_label(*labels, snap.schema, s.type, false);
    d.status = s.status;
    d.needs_decision = type == nullptr || type->decision;
    d.secret = is_secret(current) || is_secret(approved);
    if (s.last != nullptr) {
      d.approved_at = s.last->date;
    }
    d.review_due = s.review_due;

    if ((s.status == Status::draft || s.status == Status::changed) && d.needs_decision) {
      r.awaiting_decision.push_back(s.id);
    }
    if (in_force(s) && s.review_due) {
      if (*s.review_due < as_of) {
        overdue.emplace_back(*s.review_due, s.id);
      } else if (*s.review_due <= soon) {
        due_soon.emplace_back(*s.review_due, s.id);
      }
    }
    if (in_force(s)) {
      cover(*approved, s.id, true);
      const std::string parent(approved->string_field("parent"));
      const Approval* revised = parent.empty() ? nullptr : last_revision(snap.ledger, parent);
      if (revised != nullptr && revised->time > s.last->time) {
        r.parent_changed.push_back(ParentChange{s.id, parent, s.last->date, revised->date});
      }
      if (approved->type() == "handlingsplan") {
        read_actions(*approved, as_of, r.actions, r.warnings);
      }
    }
    if ((s.status == Status::draft || s.status == Status::changed) && current != nullptr && !current->retired()) {
      cover(*current, s.id, false);
    }
    r.documents.push_back(std::move(d));
  }
  for (Coverage& c : r.msb) {
    sort_unique(c.approved);
    sort_unique(c.pending);
  }
  for (ControlCoverage& c : r.iso27002) {
    sort_unique(c.coverage.approved);
    sort_unique(c.coverage.pending);
  }
  // Statuses are sorted by id, but a duplicated id may interleave: keep find() a binary search.
  std::stable_sort(r.documents.begin(), r.documents.end(),
                   [](const ReportDocument& a, const ReportDocument& b) { return a.id < b.id; });

  std::stable_sort(overdue.begin(), overdue.end());
  std::stable_sort(due_soon.begin(), due_soon.end());
  for (const auto& [date, id] : overdue) {
    r.overdue.push_back(id);
  }
  for (const auto& [date, id] : due_soon) {
    r.due_soon.push_back(id);
  }
  // Overdue first, then by deadline (none last); equal ones keep plan and item order.
  std::stable_sort(r.actions.begin(), r.actions.end(), [](const ReportAction& a, const ReportAction& b) {
    return std::make_tuple(!a.overdue, a.due.empty(), std::string_view(a.due)) <
           std::make_tuple(!b.overdue, b.due.empty(), std::string_view(b.due));
  });
  return r;
}

std::string report_summary(const Report& report)
{
  const ReportText& t = report_text(report.language);
  const std::size_t total = report.documents.size();
  std::vector<std::string> sentences;
  sentences.push_back(fmt::format(fmt::runtime(t.summary_documents), fmt::arg("org", report.organisation),
                                  fmt::arg("date", iso_date(report.as_of)), fmt::arg("n", total),
                                  fmt::arg("documents", t.documents.pick(total)),
                                  fmt::arg("approved", counted(t.approved, report.count(Status::approved))),
                                  fmt::arg("changed", counted(t.changed, report.count(Status::changed))),
                                  fmt::arg("draft", counted(t.draft, report.count(Status::draft))),
                                  fmt::arg("retired", counted(t.retired, report.count(Status::retired)))));
  sentences.push_back(counted(t.summary_awaiting, report.awaiting_decision.size()));
  sentences.push_back(counted(t.summary_overdue, report.overdue.size()));
  sentences.push_back(counted(t.summary_due_soon, report.due_soon.size()));
  sentences.push_back(fmt::format(fmt::runtime(t.summary_coverage), fmt::arg("msb", report.covered_recommendations()),
                                  fmt::arg("controls", report.covered_controls())));
  sentences.push_back(counted(t.summary_gaps, report.uncovered_iso27002().size()));
  if (report.actions.empty()) {
    sentences.emplace_back(t.summary_no_actions);
  } else {
    const auto done = static_cast<std::size_t>(std::count_if(report.actions.begin(), report.actions.end(),
                                                             [](const ReportAction& a) { return a.state == "klar"; }));
    const auto late = static_cast<std::size_t>(
        std::count_if(report.actions.begin(), report.actions.end(), [](const ReportAction& a) { return a.overdue; }));
    sentences.push_back(fmt::format(
        fmt::runtime(t.summary_actions), fmt::arg("total", counted(t.actions_total, report.actions.size())),
        fmt::arg("done", counted(t.actions_done, done)), fmt::arg("overdue", counted(t.actions_overdue, late))));
  }
  return fmt::format("{}", fmt::join(sentences, " "));
}

// ---------------------------------------------------------------------------------------------
// JSON

std::string report_json(const Report& report)
{
  JsonWriter json;
  json.begin_object();
  json.field("organisation", report.organisation);
  json.field("as_of", iso_date(report.as_of));
  json.key("revision");
  report.revision.empty() ? json.null() : json.value(report.revision);
  json.key("counts").begin_object();
  for (const Status s : {Status::draft, Status::approved, Status::changed, Status::retired}) {
    json.field(to_string(s), report.count(s));
  }
  json.end_object();
  json.key("awaiting_decision").string_array(report.awaiting_decision);
  json.key("overdue").string_array(report.overdue);
  json.key("due_soon").string_array(report.due_soon);
  std::vector<std::string> parent_changed;
  for (const ParentChange& p : report.parent_changed) {
    parent_changed.push_back(p.id);
  }
  json.key("parent_changed").string_array(parent_changed);
  json.key("msb").begin_object();
  for (std::size_t i = 0; i < report.msb.size(); ++i) {
    json.key(std::to_string(i + 1)).string_array(report.msb[i].approved);
  }
  json.end_object();
  json.key("iso27002").begin_object();
  for (const ControlCoverage& c : report.iso27002) {
    json.key(c.id).string_array(c.coverage.approved);
  }
  json.end_object();
  json.key("uncovered_iso27002").string_array(report.uncovered_iso27002());
  // Uncovered controls that a draft or an unapproved change would cover.
  json.key("pending_iso27002").begin_object();
  for (const ControlCoverage& c : report.iso27002) {
    if (c.coverage.pending_only()) {
      json.key(c.id).string_array(c.coverage.pending);
    }
  }
  json.end_object();
  json.key("actions").begin_array();
  for (const ReportAction& a : report.actions) {
    json.begin_object()
        .field("id", a.id)
        .field("title", a.title)
        .field("owner", a.owner)
        .field("due", a.due)
        .field("state", a.state)
        .field("document", a.document)
        .field("overdue", a.overdue)
        .end_object();
  }
  json.end_array();
  json.end_object();
  return json.str();
}

// ---------------------------------------------------------------------------------------------
// Markdown

namespace {

// Text safe in a Markdown table cell: punctuation that would start markup is escaped, and a
// line break (which would end the row) becomes a space.
std::string md(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '<':
    case '>':
    case '|':
    case '&':
    case '#':
    case '~':
    case '!':
      out += '\\';
      out += c;
      break;
    case '\n':
    case '\r':
      out += ' ';
      break;
    default:
      out += c;
    }
  }
  return out;
}

class MarkdownTable
{
public:
  MarkdownTable(std::vector<std::string> header, std::vector<bool> numeric = {})
      : m_header(std::move(header)), m_numeric(std::move(numeric))
  {
    m_numeric.resize(m_header.size(), false);
  }
  void row(std::vector<std::string> cells) { m_rows.push_back(std::move(cells)); }

  std::string str() const
  {
    std::string out = "|";
    for (const std::string& h : m_header) {
      out += fmt::format(" {} |", h);
    }
    out += "\n|";
    for (const bool n : m_numeric) {
      out += n ? "---:|" : "---|";
    }
    out += '\n';
    for (const auto& cells : m_rows) {
      out += '|';
      for (const std::string& c : cells) {
        out += fmt::format(" {} |", c);
      }
      out += '\n';
    }
    return out;
  }

private:
  std::vector<std::string> m_header;
  std::vector<bool> m_numeric;
  std::vector<std::vector<std::string>> m_rows;
};

std::string md_ids(const std::vector<std::string>& ids)
{
  std::vector<std::string> escaped;
  for (const std::string& id : ids) {
    escaped.push_back(md(id));
  }
  return fmt::format("{}", fmt::join(escaped, ", "));
}

std::string md_title(const Report& report, const std::string& id)
{
  const ReportDocument* d = report.find(id);
  return d != nullptr ? md(d->title) : std::string();
}

void md_document_list(std::string& out, const Report& report, const ReportText& t, const std::vector<std::string>& ids,
                      std::string_view none)
{
  if (ids.empty()) {
    out += fmt::format("{}\n\n", none);
    return;
  }
  MarkdownTable table({std::string(t.col_id), std::string(t.col_title), std::string(t.col_type),
                       std::string(t.col_status), std::string(t.col_review_due)});
  for (const std::string& id : ids) {
    const ReportDocument* d = report.find(id);
    table.row({md(id), md_title(report, id), d != nullptr ? md(d->type_label) : "",
               d != nullptr ? std::string(status_label(d->status, report.language)) : "",
               d != nullptr && d->review_due ? iso_date(*d->review_due) : std::string(t.none)});
  }
  out += table.str() + "\n";
}

} // namespace

std::string report_markdown(const Report& report)
{
  const ReportText& t = report_text(report.language);
  std::string out = fmt::format("# {}\n\n", t.title);
  out += fmt::format("**{}:** {}  \n**{}:** {}  \n**{}:** {}\n\n", t.organisation, md(report.organisation),
                     t.report_date, iso_date(report.as_of), t.basis,
                     report.revision.empty()
                         ? std::string(t.basis_working)
                         : md(fmt::format(fmt::runtime(t.basis_revision), fmt::arg("rev", report.revision))));
  out += fmt::format("## {}\n\n{}\n\n", t.summary_heading, md(report_summary(report)));

  out += fmt::format("## {}\n\n", t.status_heading);
  MarkdownTable counts({std::string(t.col_status), std::string(t.col_count)}, {false, true});
  for (const Status s : k_status_order) {
    counts.row({std::string(status_label(s, report.language)), std::to_string(report.count(s))});
  }
  counts.row({fmt::format("**{}**", t.total), fmt::format("**{}**", report.documents.size())});
  out += counts.str() + "\n";

  out += fmt::format("## {}\n\n", t.awaiting_heading);
  if (!report.awaiting_decision.empty()) {
    out += fmt::format("{}\n\n", t.awaiting_intro);
  }
  md_document_list(out, report, t, report.awaiting_decision, t.awaiting_none);

  out += fmt::format("## {}\n\n### {}\n\n", t.reviews_heading, t.overdue_heading);
  md_document_list(out, report, t, report.overdue, t.overdue_none);
  out += fmt::format("### {}\n\n", fmt::format(fmt::runtime(t.due_soon_heading), fmt::arg("days", k_due_soon_days)));
  md_document_list(out, report, t, report.due_soon, t.due_soon_none);

  out += fmt::format("## {}\n\n", t.parent_heading);
  if (report.parent_changed.empty()) {
    out += fmt::format("{}\n\n", t.parent_none);
  } else {
    out += fmt::format("{}\n\n", t.parent_intro);
    MarkdownTable table({std::string(t.col_id), std::string(t.col_title), std::string(t.col_approved),
                         std::string(t.col_parent), std::string(t.col_parent_revised)});
    for (const ParentChange& p : report.parent_changed) {
      table.row(
          {md(p.id), md_title(report, p.id), iso_date(p.approved_at), md(p.parent), iso_date(p.parent_revised_at)});
    }
    out += table.str() + "\n";
  }

  out += fmt::format("## {}\n\n{}\n\n", t.msb_heading, t.msb_intro);
  MarkdownTable msb({std::string(t.col_number), std::string(t.col_recommendation), std::string(t.col_documents)});
  for (std::size_t i = 0; i < report.msb.size(); ++i) {
    const Coverage& c = report.msb[i];
    std::string cell = c.covered() ? md_ids(c.approved) : fmt::format("**{}**", t.not_covered);
    if (c.pending_only()) {
      cell += " (" + fmt::format(fmt::runtime(t.only_pending), fmt::arg("ids", md_ids(c.pending))) + ")";
    }
    msb.row({std::to_string(i + 1), std::string(t.msb_titles[i]), cell});
  }
  out += msb.str() + "\n";

  const std::size_t covered = report.covered_controls();
  const auto pending =
      static_cast<std::size_t>(std::count_if(report.iso27002.begin(), report.iso27002.end(),
                                             [](const ControlCoverage& c) { return c.coverage.pending_only(); }));
  out += fmt::format("## {}\n\n{}\n\n", t.iso_heading,
                     fmt::format(fmt::runtime(t.iso_intro), fmt::arg("covered", covered), fmt::arg("pending", pending),
                                 fmt::arg("uncovered", report.iso27002.size() - covered - pending)));
  MarkdownTable themes({std::string(t.col_theme), std::string(t.col_covered), std::string(t.col_pending_only),
                        std::string(t.col_uncovered)},
                       {false, true, true, true});
  for (const Iso27002Theme& theme : iso27002_themes()) {
    std::size_t n[3] = {};
    for (const ControlCoverage& c : report.iso27002) {
      if (c.theme == theme.number) {
        ++n[c.coverage.covered() ? 0 : c.coverage.pending_only() ? 1 : 2];
      }
    }
    themes.row({fmt::format("{} {}", theme.number, report.language == "en" ? theme.title_en : theme.title_sv),
                std::to_string(n[0]), std::to_string(n[1]), std::to_string(n[2])});
  }
  out += themes.str() + "\n";

  out += fmt::format("### {}\n\n", t.gap_heading);
  if (covered == report.iso27002.size()) {
    out += fmt::format("{}\n\n", t.gap_none);
  } else {
    out += fmt::format("{}\n\n", t.gap_intro);
    MarkdownTable gaps({std::string(t.col_control), std::string(t.col_control_title), std::string(t.col_pending)});
    for (const ControlCoverage& c : report.iso27002) {
      if (!c.coverage.covered()) {
        gaps.row({std::string(c.id), std::string(report.language == "en" ? c.title_en : c.title_sv),
                  c.coverage.pending.empty() ? std::string(t.none) : md_ids(c.coverage.pending)});
      }
    }
    out += gaps.str() + "\n";
  }

  out += fmt::format("## {}\n\n", t.actions_heading);
  if (report.actions.empty()) {
    out += fmt::format("{}\n\n", t.actions_none);
  } else {
    out += fmt::format("{}\n\n", t.actions_intro);
    MarkdownTable actions({std::string(t.col_action), std::string(t.col_action_title), std::string(t.col_owner),
                           std::string(t.col_due), std::string(t.col_state), std::string(t.col_plan)});
    for (const ReportAction& a : report.actions) {
      std::string state = md(action_state_label(t, a.state));
      if (a.overdue) {
        state = fmt::format("**{}** ({})", t.overdue_marker, state);
      }
      actions.row({md(a.id), md(a.title), md(a.owner), md(a.due), state, md(a.document)});
    }
    out += actions.str() + "\n";
  }

  out += fmt::format("## {}\n\n", t.appendix_heading);
  MarkdownTable appendix({std::string(t.col_control), std::string(t.col_control_title), std::string(t.col_documents),
                          std::string(t.col_pending)});
  for (const ControlCoverage& c : report.iso27002) {
    appendix.row({std::string(c.id), std::string(report.language == "en" ? c.title_en : c.title_sv),
                  c.coverage.approved.empty() ? std::string(t.none) : md_ids(c.coverage.approved),
                  c.coverage.pending.empty() ? std::string(t.none) : md_ids(c.coverage.pending)});
  }
  out += appendix.str();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pictures (inline SVG). Black-and-white safe: covered is solid, pending is hatched,
// uncovered is an empty dashed frame; every cell carries its id as text.

namespace {

constexpr std::string_view k_ink = "#1b1b1b";
constexpr std::string_view k_accent = "#1d4f7c";
constexpr std::string_view k_font = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

std::string hatch_pattern(std::string_view id)
{
  return fmt::format(
      "<pattern id=\"{}\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" patternTransform=\"rotate(45)\">"
      "<rect width=\"8\" height=\"8\" fill=\"#fff4d6\"/><rect width=\"3\" height=\"8\" fill=\"#9a6700\"/></pattern>",
      id);
}

std::string dots_pattern(std::string_view id)
{
  return fmt::format(
      "<pattern id=\"{}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\">"
      "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><circle cx=\"3\" cy=\"3\" r=\"1.4\" fill=\"{}\"/>"
      "</pattern>",
      id, k_ink);
}

enum class Cell { covered, pending, uncovered };

// One swatch or cell frame in the look of its kind.
std::string cell_rect(Cell kind, int x, int y, int w, int h, std::string_view hatch_id)
{
  switch (kind) {
  case Cell::covered:
    return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\"/>", x, y, w, h,
                       k_accent);
  case Cell::pending:
    return fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"url(#{})\" stroke=\"#9a6700\" "
        "stroke-width=\"1.5\"/>",
        x, y, w, h, hatch_id);
  case Cell::uncovered:
    return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"#ffffff\" stroke=\"{}\" "
                       "stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>",
                       x + 1, y + 1, w - 2, h - 2, k_ink);
  }
  return {};
}

std::string svg_open(std::string_view css_class, std::string_view id, int width, int height)
{
  return fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"report-figure {}\" role=\"img\" "
                     "aria-labelledby=\"{}-title {}-desc\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
                     "font-family=\"{}\">",
                     css_class, id, id, width, height, width, height, k_font);
}

// How a document is named in a tooltip or a cell: "IS-RL-004 Riktlinje för säkerhetskopiering".
std::string document_name(const Report& report, const ReportText& t, const std::string& id,
                          const ReportHtmlOptions& options)
{
  const ReportDocument* d = report.find(id);
  if (d != nullptr && d->secret && !options.list_secret_titles) {
    return std::string(t.secret_document);
  }
  return d != nullptr ? fmt::format("{} {}", id, d->title) : id;
}

} // namespace

std::string status_bars_svg(const Report& report)
{
  const ReportText& t = report_text(report.language);
  constexpr int label_width = 230;
  constexpr int bar_max = 330;
  constexpr int row = 36;
  constexpr int bar_height = 24;
  constexpr int width = label_width + bar_max + 70;
  const int height = row * static_cast<int>(k_status_order.size());
  std::size_t largest = 1;
  std::string desc;
  for (const Status s : k_status_order) {
    largest = std::max(largest, report.count(s));
    desc += fmt::format("{}{}: {}", desc.empty() ? "" : ", ", status_label(s, report.language), report.count(s));
  }
  const std::string id = "styr-report-status";
  std::string out = svg_open("report-status-bars", id, width, height);
  out += fmt::format("<title id=\"{}-title\">{}</title><desc id=\"{}-desc\">{}.</desc>", id,
                     html_escape(t.status_figure_title), id, html_escape(desc));
  out += "<defs>" + hatch_pattern(id + "-hatch") + dots_pattern(id + "-dots") + "</defs>";
  int y = 0;
  for (const Status s : k_status_order) {
    const std::size_t n = report.count(s);
    const int w = static_cast<int>((n * bar_max + largest / 2) / largest);
    const int bar_y = y + (row - bar_height) / 2;
    out += fmt::format("<g class=\"report-bar report-bar-{}\">", to_string(s));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"14\" fill=\"{}\">{}</text>",
                       label_width - 10, bar_y + 17, k_ink, html_escape(status_label(s, report.language)));
    if (w > 0) {
      std::string fill;
      switch (s) {
      case Status::approved:
        fill = fmt::format("fill=\"{}\"", k_accent);
        break;
      case Status::changed:
        fill = fmt::format("fill=\"url(#{}-hatch)\" stroke=\"#9a6700\" stroke-width=\"1.5\"", id);
        break;
      case Status::draft:
        fill = fmt::format("fill=\"url(#{}-dots)\" stroke=\"{}\" stroke-width=\"1.5\"", id, k_ink);
        break;
      case Status::retired:
        fill = "fill=\"#c9ced6\" stroke=\"#4a4a4a\" stroke-width=\"1\"";
        break;
      }
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>", label_width, bar_y, w, bar_height,
                         fill);
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"700\" fill=\"{}\">{}</text></g>",
                       label_width + w + 8, bar_y + 17, k_ink, n);
    y += row;
  }
  out += fmt::format("<line x1=\"{0}\" y1=\"0\" x2=\"{0}\" y2=\"{1}\" stroke=\"{2}\" stroke-width=\"1\"/>", label_width,
                     height, k_ink);
  out += "</svg>";
  return out;
}

std::string coverage_heatmap_svg(const Report& report, const ReportHtmlOptions& options)
{
  const ReportText& t = report_text(report.language);
  const bool en = report.language == "en";
  constexpr int columns = 10;
  constexpr int cell_w = 58;
  constexpr int cell_h = 34;
  constexpr int gap = 6;
  constexpr int heading = 30;
  constexpr int group_gap = 16;
  constexpr int legend_row = 26;
  constexpr int width = columns * cell_w + (columns - 1) * gap;
  const std::string id = "styr-report-heatmap";
  const std::string hatch = id + "-hatch";

  std::size_t totals[3] = {};
  for (const ControlCoverage& c : report.iso27002) {
    ++totals[c.coverage.covered() ? 0 : c.coverage.pending_only() ? 1 : 2];
  }

  std::string body;
  int y = 0;
  for (const Iso27002Theme& theme : iso27002_themes()) {
    std::vector<const ControlCoverage*> controls;
    std::size_t covered = 0;
    for (const ControlCoverage& c : report.iso27002) {
      if (c.theme == theme.number) {
        controls.push_back(&c);
        covered += c.coverage.covered() ? 1 : 0;
      }
    }
    body += fmt::format(
        "<g class=\"report-theme\"><text x=\"0\" y=\"{}\" font-size=\"15\" font-weight=\"700\" fill=\"{}\">{}</text>",
        y + 20, k_ink,
        html_escape(fmt::format(fmt::runtime(t.heatmap_theme), fmt::arg("theme", theme.number),
                                fmt::arg("title", en ? theme.title_en : theme.title_sv), fmt::arg("covered", covered),
                                fmt::arg("total", controls.size()))));
    y += heading;
    for (std::size_t i = 0; i < controls.size(); ++i) {
      const ControlCoverage& c = *controls[i];
      const int x = static_cast<int>(i % columns) * (cell_w + gap);
      const int cy = y + static_cast<int>(i / columns) * (cell_h + gap);
      const Cell kind = c.coverage.covered()        ? Cell::covered
                        : c.coverage.pending_only() ? Cell::pending
                                                    : Cell::uncovered;
      std::string tooltip = fmt::format("{} {}\n", c.id, en ? c.title_en : c.title_sv);
      const auto list = [&](std::string_view label, const std::vector<std::string>& ids) {
        tooltip += label;
        for (const std::string& doc : ids) {
          tooltip += '\n';
          tooltip += document_name(report, t, doc, options);
        }
      };
      if (kind == Cell::covered) {
        list(t.cell_covered, c.coverage.approved);
      } else if (kind == Cell::pending) {
        list(t.cell_pending, c.coverage.pending);
      } else {
        tooltip += t.cell_uncovered;
      }
      const std::string_view kind_name = kind == Cell::covered   ? "covered"
                                         : kind == Cell::pending ? "pending"
                                                                 : "uncovered";
      body += fmt::format("<g class=\"report-cell report-cell-{}\"><title>{}</title>", kind_name, html_escape(tooltip));
      body += cell_rect(kind, x, cy, cell_w, cell_h, hatch);
      if (kind == Cell::pending) {
        // A white plate keeps the id readable on the hatching.
        body += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"#ffffff\"/>", x + 9,
                            cy + 8, cell_w - 18, cell_h - 16);
      }
      body += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"700\" "
                          "fill=\"{}\">{}</text></g>",
                          x + cell_w / 2, cy + cell_h / 2 + 5, kind == Cell::covered ? "#ffffff" : k_ink, c.id);
    }
    const int rows = static_cast<int>((controls.size() + columns - 1) / columns);
    y += rows * (cell_h + gap) - gap + group_gap;
    body += "</g>";
  }
  // The legend: shape and pattern, not colour alone, tell the kinds apart.
  y += 4;
  body += "<g class=\"report-legend\">";
  const std::pair<Cell, std::string_view> legend[] = {
      {Cell::covered, t.legend_covered}, {Cell::pending, t.legend_pending}, {Cell::uncovered, t.legend_uncovered}};
  for (std::size_t i = 0; i < 3; ++i) {
    body += cell_rect(legend[i].first, 0, y, 34, 20, hatch);
    body += fmt::format("<text x=\"46\" y=\"{}\" font-size=\"14\" fill=\"{}\">{} ({})</text>", y + 15, k_ink,
                        html_escape(legend[i].second), totals[i]);
    y += legend_row;
  }
  body += "</g>";
  const int height = y;

  std::string out = svg_open("report-heatmap", id, width, height);
  out += fmt::format("<title id=\"{}-title\">{}</title><desc id=\"{}-desc\">{}</desc>", id,
                     html_escape(t.heatmap_title), id,
                     html_escape(fmt::format(fmt::runtime(t.iso_intro), fmt::arg("covered", totals[0]),
                                             fmt::arg("pending", totals[1]), fmt::arg("uncovered", totals[2]))));
  out += "<defs>" + hatch_pattern(hatch) + "</defs>";
  out += body;
  out += "</svg>";
  return out;
}

// ---------------------------------------------------------------------------------------------
// HTML

namespace {

// The template escaped as text, with `placeholder` replaced by ready HTML.
std::string fill_html(std::string_view text, std::string_view placeholder, const std::string& html)
{
  const std::size_t at = text.find(placeholder);
  if (at == std::string_view::npos) {
    return html_escape(text);
  }
  return html_escape(text.substr(0, at)) + html + html_escape(text.substr(at + placeholder.size()));
}

class HtmlWriter
{
public:
  HtmlWriter(const Report& report, const ReportHtmlOptions& options)
      : m_report(report), m_options(options), m_t(report_text(report.language)),
        m_text_lang(text_lang_attribute(report.language))
  {
  }

  std::string body();

private:
  // A document's id, linked when the page has an address for it; secret documents are
  // withheld when titles of secret documents may not be listed.
  std::string id_cell(const std::string& id) const
  {
    const ReportDocument* d = m_report.find(id);
    if (d != nullptr && d->secret && !m_options.list_secret_titles) {
      return fmt::format("<span class=\"report-secret\">{}</span>", html_escape(m_t.secret_document));
    }
    if (m_options.document_href) {
      if (const auto href = m_options.document_href(id)) {
        return fmt::format("<a class=\"report-id\" href=\"{}\">{}</a>", escape_href(*href), html_escape(id));
      }
    }
    return fmt::format("<span class=\"report-id\">{}</span>", html_escape(id));
  }

  std::string title_cell(const std::string& id) const
  {
    const ReportDocument* d = m_report.find(id);
    if (d == nullptr || (d->secret && !m_options.list_secret_titles)) {
      return {};
    }
    return d->title_withheld ? html_escape(d->title) : text_html(d->title);
  }

  // What the documents say (a title, an action), marked with their language when the
  // report's is another.
  std::string text_html(std::string_view text) const
  {
    return m_text_lang.empty() ? html_escape(text) : fmt::format("<span{}>{}</span>", m_text_lang, html_escape(text));
  }

  std::string id_list(const std::vector<std::string>& ids) const
  {
    std::string out;
    for (const std::string& id : ids) {
      out += (out.empty() ? "" : ", ") + id_cell(id);
    }
    return out;
  }

  void heading(int level, std::string_view id, std::string_view text)
  {
    m_out += fmt::format("<h{0} id=\"{1}\">{2}</h{0}>\n", level, id, html_escape(text));
  }

  void paragraph(std::string_view text, std::string_view css_class = "")
  {
    if (css_class.empty()) {
      m_out += fmt::format("<p>{}</p>\n", html_escape(text));
    } else {
      m_out += fmt::format("<p class=\"{}\">{}</p>\n", css_class, html_escape(text));
    }
  }

  struct Column
  {
    std::string_view label;
    bool numeric = false;
  };

  struct Row
  {
    std::vector<std::string> cells; // HTML; the first is the row header
    std::string_view css_class;
  };

  void table(std::string_view caption, const std::vector<Column>& columns, const std::vector<Row>& rows,
             bool caption_hidden = false)
  {
    // A wide table scrolls in its own region, which keyboard users can reach and scroll.
    m_out += fmt::format("<div class=\"report-table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">"
                         "<table class=\"report-table\">\n",
                         html_escape(caption));
    m_out += fmt::format("<caption{}>{}</caption>\n", caption_hidden ? " class=\"visually-hidden\"" : "",
                         html_escape(caption));
    m_out += "<thead><tr>";
    for (const Column& c : columns) {
      m_out += fmt::format("<th scope=\"col\"{}>{}</th>", c.numeric ? " class=\"num\"" : "", html_escape(c.label));
    }
    m_out += "</tr></thead>\n<tbody>\n";
    for (const Row& r : rows) {
      m_out += r.css_class.empty() ? "<tr>" : fmt::format("<tr class=\"{}\">", r.css_class);
      for (std::size_t i = 0; i < r.cells.size(); ++i) {
        const bool numeric = i < columns.size() && columns[i].numeric;
        const char* tag = i == 0 ? "th" : "td";
        m_out += fmt::format("<{}{}{}>{}</{}>", tag, i == 0 ? " scope=\"row\"" : "", numeric ? " class=\"num\"" : "",
                             r.cells[i], tag);
      }
      m_out += "</tr>\n";
    }
    m_out += "</tbody>\n</table></div>\n";
  }

  void document_table(std::string_view caption, const std::vector<std::string>& ids)
  {
    std::vector<Row> rows;
    for (const std::string& id : ids) {
      const ReportDocument* d = m_report.find(id);
      rows.push_back(Row{{id_cell(id), title_cell(id), d != nullptr ? html_escape(d->type_label) : "",
                          d != nullptr ? html_escape(status_label(d->status, m_report.language)) : "",
                          d != nullptr && d->review_due ? time_html(*d->review_due) : html_escape(m_t.none)},
                         {}});
    }
    table(caption, {{m_t.col_id}, {m_t.col_title}, {m_t.col_type}, {m_t.col_status}, {m_t.col_review_due}}, rows, true);
  }

  static std::string time_html(Date date)
  {
    const std::string iso = iso_date(date);
    return fmt::format("<time datetime=\"{0}\">{0}</time>", iso);
  }

  void section_status();
  void section_awaiting();
  void section_reviews();
  void section_parents();
  void section_msb();
  void section_iso();
  void section_actions();
  void section_appendix();

  const Report& m_report;
  const ReportHtmlOptions& m_options;
  const ReportText& m_t;
  const std::string m_text_lang; // ` lang="sv"` on the documents' words, or empty
  std::string m_out;
};

void HtmlWriter::section_status()
{
  m_out += "<section class=\"report-section\">\n";
  heading(2, "report-status", m_t.status_heading);
  m_out += "<figure class=\"report-chart\">" + status_bars_svg(m_report) + "</figure>\n";
  std::vector<Row> rows;
  for (const Status s : k_status_order) {
    rows.push_back(Row{{html_escape(status_label(s, m_report.language)), std::to_string(m_report.count(s))}, {}});
  }
  rows.push_back(Row{{html_escape(m_t.total), std::to_string(m_report.documents.size())}, "report-total"});
  // The bars show every number as text; the table is for screen readers.
  m_out += "<div class=\"visually-hidden\">\n";
  table(m_t.status_figure_title, {{m_t.col_status}, {m_t.col_count, true}}, rows);
  m_out += "</div>\n";
  m_out += "</section>\n";
}

void HtmlWriter::section_awaiting()
{
  m_out += "<section class=\"report-section\">\n";
  heading(2, "report-awaiting", m_t.awaiting_heading);
  if (m_report.awaiting_decision.empty()) {
    paragraph(m_t.awaiting_none, "report-none");
  } else {
    paragraph(m_t.awaiting_intro);
    document_table(m_t.awaiting_heading, m_report.awaiting_decision);
  }
  m_out += "</section>\n";
}

void HtmlWriter::section_reviews()
{
  m_out += "<section class=\"report-section\">\n";
  heading(2, "report-reviews", m_t.reviews_heading);
  heading(3, "report-overdue", m_t.overdue_heading);
  if (m_report.overdue.empty()) {
    paragraph(m_t.overdue_none, "report-none");
  } else {
    document_table(m_t.overdue_heading, m_report.overdue);
  }
  const std::string due_soon = fmt::format(fmt::runtime(m_t.due_soon_heading), fmt::arg("days", k_due_soon_days));
  heading(3, "report-due-soon", due_soon);
  if (m_report.due_soon.empty()) {
    paragraph(m_t.due_soon_none, "report-none");
  } else {
    document_table(due_soon, m_report.due_soon);
  }
  m_out += "</section>\n";
}

void HtmlWriter::section_parents()
{
  m_out += "<section class=\"report-section\">\n";
  heading(2, "report-parents", m_t.parent_heading);
  if (m_report.parent_changed.empty()) {
    paragraph(m_t.parent_none, "report-none");
  } else {
    paragraph(m_t.parent_intro);
    std::vector<Row> rows;
    for (const ParentChange& p : m_report.parent_changed) {
      rows.push_back(Row{{id_cell(p.id), title_cell(p.id), time_html(p.approved_at),
                          id_cell(p.parent) + (title_cell(p.parent).empty() ? "" : " " + title_cell(p.parent)),
                          time_html(p.parent_revised_at)},
                         {}});
    }
    table(m_t.parent_heading,
          {{m_t.col_id}, {m_t.col_title}, {m_t.col_approved}, {m_t.col_parent}, {m_t.col_parent_revised}}, rows, true);
  }
  m_out += "</section>\n";
}

void HtmlWriter::section_msb()
{
  m_out += "<section class=\"report-section\">\n";
  heading(2, "report-msb", m_t.msb_heading);
  paragraph(m_t.msb_intro);
  std::vector<Row> rows;
  for (std::size_t i = 0; i < m_report.msb.size(); ++i) {
    const Coverage& c = m_report.msb[i];
    std::string cell;
    if (c.covered()) {
      cell = id_list(c.approved);
    } else {
      cell = fmt::format("<strong class=\"report-gap\">{}</strong>", html_escape(m_t.not_covered));
      if (c.pending_only()) {
        cell += " (" + fill_html(m_t.only_pending, "{ids}", id_list(c.pending)) + ")";
      }
    }
    rows.push_back(Row{{std::to_string(i + 1), html_escape(m_t.msb_titles[i]), cell},
                       c.covered() ? std::string_view() : std::string_view("report-row-gap")});
  }
  table(m_t.msb_heading, {{m_t.col_number}, {m_t.col_recommendation}, {m_t.col_documents}}, rows, true);
  m_out += "</section>\n";
}

void HtmlWriter::section_iso()
{
  const bool en = m_report.language == "en";
  std::size_t totals[3] = {};
  for (const ControlCoverage& c : m_report.iso27002) {
    ++totals[c.coverage.covered() ? 0 : c.coverage.pending_only() ? 1 : 2];
  }
  m_out += "<section class=\"report-section\">\n";
  heading(2, "report-iso", m_t.iso_heading);
  paragraph(fmt::format(fmt::runtime(m_t.iso_intro), fmt::arg("covered", totals[0]), fmt::arg("pending", totals[1]),
                        fmt::arg("uncovered", totals[2])));
  m_out +=
      "<figure class=\"report-chart report-chart-wide\">" + coverage_heatmap_svg(m_report, m_options) + "</figure>\n";

  std::vector<Row> rows;
  for (const Iso27002Theme& theme : iso27002_themes()) {
    std::size_t n[3] = {};
    for (const ControlCoverage& c : m_report.iso27002) {
      if (c.theme == theme.number) {
        ++n[c.coverage.covered() ? 0 : c.coverage.pending_only() ? 1 : 2];
      }
    }
    rows.push_back(Row{{html_escape(fmt::format("{} {}", theme.number, en ? theme.title_en : theme.title_sv)),
                        std::to_string(n[0]), std::to_string(n[1]), std::to_string(n[2])},
                       {}});
  }
  rows.push_back(
      Row{{html_escape(m_t.total), std::to_string(totals[0]), std::to_string(totals[1]), std::to_string(totals[2])},
          "report-total"});
  table(m_t.themes_caption,
        {{m_t.col_theme}, {m_t.col_covered, true}, {m_t.col_pending_only, true}, {m_t.col_uncovered, true}}, rows);

  heading(3, "report-gaps", m_t.gap_heading);
  if (totals[0] == m_report.iso27002.size()) {
    paragraph(m_t.gap_none, "report-none");
  } else {
    paragraph(m_t.gap_intro);
    std::vector<Row> gaps;
    for (const ControlCoverage& c : m_report.iso27002) {
      if (!c.coverage.covered()) {
        gaps.push_back(Row{{html_escape(c.id), html_escape(en ? c.title_en : c.title_sv),
                            c.coverage.pending.empty() ? html_escape(m_t.none) : id_list(c.coverage.pending)},
                           {}});
      }
    }
    table(m_t.gap_heading, {{m_t.col_control}, {m_t.col_control_title}, {m_t.col_pending}}, gaps, true);
  }
  m_out += "</section>\n";
}

void HtmlWriter::section_actions()
{
  m_out += "<section class=\"report-section\">\n";
  heading(2, "report-actions", m_t.actions_heading);
  if (m_report.actions.empty()) {
    paragraph(m_t.actions_none, "report-none");
  } else {
    // With one plan, the plan is named once instead of on every row.
    const bool one_plan = std::all_of(m_report.actions.begin(), m_report.actions.end(), [&](const ReportAction& a) {
      return a.document == m_report.actions.front().document;
    });
    if (one_plan) {
      const std::string& plan = m_report.actions.front().document;
      const std::string title = title_cell(plan);
      m_out += "<p>" + fill_html(m_t.actions_intro_one, "{plan}", id_cell(plan) + (title.empty() ? "" : " " + title)) +
               "</p>\n";
    } else {
      paragraph(m_t.actions_intro);
    }
    std::vector<Row> rows;
    for (const ReportAction& a : m_report.actions) {
      std::string state = html_escape(action_state_label(m_t, a.state));
      if (a.overdue) {
        state = fmt::format("<strong class=\"report-late\">{}</strong> ({})", html_escape(m_t.overdue_marker), state);
      }
      const auto due = parse_iso_date(a.due);
      Row row{{html_escape(a.id), text_html(a.title), text_html(a.owner),
               due ? time_html(*due) : html_escape(a.due), state},
              a.overdue ? std::string_view("report-row-late") : std::string_view()};
      if (!one_plan) {
        row.cells.push_back(id_cell(a.document));
      }
      rows.push_back(std::move(row));
    }
    std::vector<Column> columns = {
        {m_t.col_action}, {m_t.col_action_title}, {m_t.col_owner}, {m_t.col_due}, {m_t.col_state}};
    if (!one_plan) {
      columns.push_back({m_t.col_plan});
    }
    table(m_t.actions_heading, columns, rows, true);
  }
  m_out += "</section>\n";
}

void HtmlWriter::section_appendix()
{
  const bool en = m_report.language == "en";
  m_out += "<section class=\"report-section report-appendix\">\n";
  heading(2, "report-appendix", m_t.appendix_heading);
  std::vector<Row> rows;
  for (const ControlCoverage& c : m_report.iso27002) {
    const std::string_view css = c.coverage.covered()        ? ""
                                 : c.coverage.pending_only() ? "report-row-pending"
                                                             : "report-row-gap";
    rows.push_back(Row{{html_escape(c.id), html_escape(en ? c.title_en : c.title_sv),
                        c.coverage.approved.empty()
                            ? fmt::format("<strong class=\"report-gap\">{}</strong>", html_escape(m_t.not_covered))
                            : id_list(c.coverage.approved),
                        c.coverage.pending.empty() ? html_escape(m_t.none) : id_list(c.coverage.pending)},
                       css});
  }
  table(m_t.appendix_heading, {{m_t.col_control}, {m_t.col_control_title}, {m_t.col_documents}, {m_t.col_pending}},
        rows, true);
  m_out += "</section>\n";
}

std::string HtmlWriter::body()
{
  m_out = "<div class=\"styr-report\">\n";
  if (m_options.summary) {
    m_out += "<section class=\"report-section report-summary\">\n";
    heading(2, "report-summary", m_t.summary_heading);
    paragraph(report_summary(m_report));
    m_out += "</section>\n";
  }
  section_status();
  section_awaiting();
  section_reviews();
  section_parents();
  section_msb();
  section_iso();
  section_actions();
  section_appendix();
  m_out += "</div>\n";
  return std::move(m_out);
}

} // namespace

std::string report_html_body(const Report& report, const ReportHtmlOptions& options)
{
  return HtmlWriter(report, options).body();
}

namespace {

// CSS to put inside <style>: a "</" (as in "</style>") cannot end the element early.
std::string style_text(std::string_view css)
{
  std::string out;
  out.reserve(css.size());
  for (std::size_t i = 0; i < css.size(); ++i) {
    out += css[i];
    if (css[i] == '<' && i + 1 < css.size() && css[i + 1] == '/') {
      out += '\\';  // "<\/" is "</" to CSS
    }
  }
  return out;
}

}  // namespace

std::string report_html(const Report& report, std::string_view css)
{
  const ReportText& t = report_text(report.language);
  const std::string date = iso_date(report.as_of);
  const std::string basis = report.revision.empty()
                                ? std::string(t.basis_working)
                                : fmt::format(fmt::runtime(t.basis_revision), fmt::arg("rev", report.revision));
  std::string out =
      fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>{} – {} – {}</title>\n<style>\n{}</style>\n</head>\n"
                  "<body class=\"styr-report-page\">\n<main class=\"report-document\">\n"
                  "<header class=\"report-header\">\n<p class=\"report-organisation\">{}</p>\n<h1>{}</h1>\n"
                  "<dl class=\"report-meta\">\n<div><dt>{}</dt><dd><time datetime=\"{}\">{}</time></dd></div>\n"
                  "<div><dt>{}</dt><dd>{}</dd></div>\n</dl>\n</header>\n",
                  t.lang, html_escape(t.title), html_escape(report.organisation), date,
                  style_text(css), html_escape(report.organisation), html_escape(t.title),
                  html_escape(t.report_date), date, date, html_escape(t.basis), html_escape(basis));
  out += report_html_body(report);
  out += fmt::format("<footer class=\"report-footer\"><p>{}</p></footer>\n</main>\n</body>\n</html>\n",
                     html_escape(fmt::format(fmt::runtime(t.generated), fmt::arg("version", version()))));
  return out;
}

} // namespace styr
