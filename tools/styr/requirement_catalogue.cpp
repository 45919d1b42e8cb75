#include "styr/requirement_catalogue.hpp"

#include "styr/approved.hpp"
#include "styr/json.hpp"
#include "styr/render.hpp"
#include "styr/requirements.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <array>
#include <map>

namespace styr {

namespace {

// The interface strings of the catalogue page, in Swedish and in English.
struct CatalogueText
{
  std::string_view intro; // {requirements} {documents}
  std::string_view one_requirement;
  std::string_view many_requirements; // {n}
  std::string_view one_document;
  std::string_view many_documents; // {n}
  std::string_view documents_heading;
  std::string_view filter_label;
  std::string_view document_label;
  std::string_view all_documents;
  std::string_view level_label;
  std::string_view all_levels;
  std::string_view count_template;     // {shown} {total}, filled in by the script
  std::string_view count_template_one; // the same when the catalogue has one requirement
  std::string_view csv_link;
  std::string_view col_id;
  std::string_view col_text;
  std::string_view col_level;
  std::string_view caption; // {id} {title}
  std::string_view draft;
  std::string_view empty;
  std::string_view per_document; // {requirements} {ska} {bor}
};

constexpr CatalogueText k_swedish = {
    "Kravkatalogen innehåller {requirements} från {documents}. Nivån ”ska” är ett krav som måste uppfyllas, ”bör” "
    "en rekommendation som får frångås med motivering.",
    "1 krav",
    "{n} krav",
    "1 riktlinje",
    "{n} riktlinjer",
    "Riktlinjer",
    "Filtrera kraven",
    "Riktlinje",
    "Alla riktlinjer",
    "Nivå",
    "Alla nivåer",
    "Visar {shown} av {total} krav.",
    "Visar {shown} av {total} krav.",
    "Ladda ner kravkatalogen som CSV (öppnas i Excel och LibreOffice)",
    "ID",
    "Krav",
    "Nivå",
    "Krav i {id} {title}",
    "Utkast – ej fastställt",
    "Det finns inga krav i fastställda riktlinjer.",
    "{requirements}: {ska} ska, {bor} bör",
};

constexpr CatalogueText k_english = {
    "The requirement catalogue holds {requirements} from {documents}. Level “ska” (shall) is mandatory; “bör” "
    "(should) is a recommendation that may be departed from with a reason.",
    "1 requirement",
    "{n} requirements",
    "1 guideline",
    "{n} guidelines",
    "Guidelines",
    "Filter the requirements",
    "Guideline",
    "All guidelines",
    "Level",
    "All levels",
    "Showing {shown} of {total} requirements.",
    "Showing {shown} of {total} requirement.",
    "Download the requirement catalogue as CSV (opens in Excel and LibreOffice)",
    "ID",
    "Requirement",
    "Level",
    "Requirements in {id} {title}",
    "Draft – not approved",
    "There are no requirements in approved guidelines.",
    "{requirements}: {ska} shall, {bor} should",
};

// A quoted CSV field. A text that a spreadsheet would take for a formula (=, +, -, @ or a
// control character first) gets a leading apostrophe, so pasting the catalogue into a
// tender cannot run anything.
std::string csv_field(std::string_view text)
{
  std::string out = "\"";
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    out += '\'';
  }
  for (const char c : text) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  out += '"';
  return out;
}

// An anchor for a document's section: "krav-is-rl-004".
std::string section_id(std::string_view document)
{
  return "krav-" + text::slugify(document);
}

} // namespace

tl::expected<std::vector<CatalogueEntry>, std::string> requirement_catalogue(const Snapshot& snap, bool preview,
                                                                             const KnownApproved& known)
{
  // Each riktlinje's rows, then one list of them: a large site has tens of thousands, so the
  // list is made once at its full size.
  struct Rows
  {
    const DocumentStatus* status;
    std::string title;
    std::string publicity;
    bool approved;
    std::vector<Requirement> requirements;
  };
  std::vector<Rows> found;
  std::size_t count = 0;
  for (const DocumentStatus& s : snap.statuses) {
    if (s.id.empty()) {
      continue;
    }
    const bool unapproved = s.status == Status::draft || s.status == Status::changed;
    const bool draft = preview && unapproved;
    std::optional<Document> read;
    const Document* shown = nullptr;
    if (draft) {
      shown = snap.documents.find_path(s.path);
    } else if (in_force(s)) {
      shown = known ? known(s) : nullptr;
      if (shown == nullptr) {
        auto loaded = approved_document(snap, s);
        if (!loaded) {
          return tl::unexpected(loaded.error());
        }
        read = std::move(*loaded);
        shown = &*read;
      }
    }
    if (shown == nullptr || shown->retired() || shown->type() != "riktlinje") {
      continue;
    }
    found.push_back(Rows{&s, std::string(shown->title()), std::string(shown->string_field("publicity")), !draft,
                         extract_requirements(*shown)});
    count += found.back().requirements.size();
  }
  std::vector<CatalogueEntry> entries;
  entries.reserve(count);
  for (Rows& rows : found) {
    for (Requirement& r : rows.requirements) {
      if (r.id.empty() && r.text.empty()) {
        continue;
      }
      entries.push_back(CatalogueEntry{std::move(r.id), std::move(r.text), std::move(r.level), rows.status->id,
                                       rows.title, rows.approved, rows.publicity});
    }
  }
  return entries;
}

std::vector<std::string> catalogue_warnings(const std::vector<CatalogueEntry>& entries)
{
  constexpr std::size_t k_shown = 5;  // of each kind; the rest are counted
  std::vector<std::string> invalid;
  // id, as an address (ids that differ only in case, spaces or hyphens are one) -> its first
  // spelling and the documents that list it
  std::map<std::string, std::pair<std::string, std::vector<std::string>>> by_id;
  std::vector<std::string> secret;                         // documents
  for (const CatalogueEntry& e : entries) {
    if (e.id.empty() || e.text.empty()) {
      invalid.push_back(fmt::format("{} has a requirement row without an ID or a Krav text", e.document));
    } else if (e.level != "ska" && e.level != "bör") {
      invalid.push_back(fmt::format("{}: requirement {} has level \"{}\", not \"ska\" or \"bör\"", e.document, e.id,
                                    e.level));
    }
    if (!e.id.empty()) {
      auto& [spelling, documents] = by_id[requirement_key(e.id)];
      if (documents.empty()) {
        spelling = e.id;
      }
      documents.push_back(e.document);
    }
    if (e.publicity == "sekretess" && (secret.empty() || secret.back() != e.document)) {
      secret.push_back(e.document);
    }
  }
  std::vector<std::string> duplicated;
  for (const auto& [key, use] : by_id) {
    const auto& [id, documents] = use;
    if (documents.size() > 1) {
      duplicated.push_back(fmt::format("requirement id {} is used {} times ({})", id, documents.size(),
                                       fmt::join(documents, ", ")));
    }
  }
  std::vector<std::string> out;
  for (const std::vector<std::string>* kind : {&invalid, &duplicated}) {
    for (std::size_t i = 0; i < kind->size() && i < k_shown; ++i) {
      out.push_back((*kind)[i]);
    }
    if (kind->size() > k_shown) {
      out.push_back(fmt::format("… and {} more like it", kind->size() - k_shown));
    }
  }
  if (!secret.empty()) {
    out.push_back(fmt::format("the requirements of {} are sekretess: leave them out of what goes to suppliers",
                              fmt::join(secret, ", ")));
  }
  return out;
}

namespace {

std::string csv_of(const std::vector<CatalogueEntry>& entries, std::string_view start, char separator,
                   const std::array<std::string_view, 5>& header)
{
  std::string out(start);
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (i > 0) {
      out += separator;
    }
    out += csv_field(header[i]);
  }
  out += "\r\n";
  std::size_t size = out.size();
  for (const CatalogueEntry& e : entries) {
    size += e.id.size() + e.text.size() + e.level.size() + e.document.size() + e.title.size() + 16;
  }
  out.reserve(size);  // megabytes on a large site: room for it all at once, doubled quotes aside
  for (const CatalogueEntry& e : entries) {
    out += fmt::format("{1}{0}{2}{0}{3}{0}{4}{0}{5}\r\n", separator, csv_field(e.id), csv_field(e.text),
                       csv_field(e.level), csv_field(e.document), csv_field(e.title));
  }
  return out;
}

}  // namespace

std::string catalogue_csv(const std::vector<CatalogueEntry>& entries)
{
  return csv_of(entries, "", ',', {"id", "text", "level", "document", "title"});
}

std::string catalogue_spreadsheet_csv(const std::vector<CatalogueEntry>& entries, std::string_view language)
{
  if (language == "en") {
    return csv_of(entries, "\xEF\xBB\xBF", ',', {"ID", "Requirement", "Level", "Document", "Title"});
  }
  return csv_of(entries, "\xEF\xBB\xBF", ';', {"ID", "Krav", "Nivå", "Dokument", "Titel"});
}

std::string catalogue_json(const std::vector<CatalogueEntry>& entries)
{
  JsonWriter json;
  json.begin_array();
  for (const CatalogueEntry& e : entries) {
    json.begin_object()
        .field("id", e.id)
        .field("text", e.text)
        .field("level", e.level)
        .field("document", e.document)
        .field("title", e.title)
        .end_object();
  }
  json.end_array();
  return json.str();
}

std::string catalogue_html(const std::vector<CatalogueEntry>& all, const CatalogueHtmlOptions& options)
{
  const CatalogueText& t = options.language == "en" ? k_english : k_swedish;
  // The riktlinjer's words (titles, requirements, the levels ska and bör) are marked with
  // their language when the page's is another.
  const std::string text_lang = text_lang_attribute(options.language);
  const auto text_html = [&](std::string_view text) {
    return text_lang.empty() ? html_escape(text) : fmt::format("<span{}>{}</span>", text_lang, html_escape(text));
  };
  // "1 requirement", "2 requirements".
  const auto requirements = [&](std::size_t n) {
    return fmt::format(fmt::runtime(n == 1 ? t.one_requirement : t.many_requirements), fmt::arg("n", n));
  };
  std::vector<const CatalogueEntry*> entries;
  for (const CatalogueEntry& e : all) {
    if (e.publicity == "sekretess" || (options.public_only && e.publicity != "offentlig")) {
      continue;
    }
    entries.push_back(&e);
  }
  // The documents in catalogue order, each with its rows.
  std::vector<std::pair<const CatalogueEntry*, std::vector<const CatalogueEntry*>>> documents;
  for (const CatalogueEntry* e : entries) {
    if (documents.empty() || documents.back().first->document != e->document) {
      documents.push_back({e, {}});
    }
    documents.back().second.push_back(e);
  }

  std::string out = "<div class=\"styr-requirements\" data-requirements=\"\">\n";
  if (entries.empty()) {
    out += fmt::format("<p class=\"report-none\">{}</p>\n</div>\n", html_escape(t.empty));
    return out;
  }
  out += fmt::format(
      "<p class=\"requirements-intro\">{}</p>\n",
      html_escape(fmt::format(
          fmt::runtime(t.intro), fmt::arg("requirements", requirements(entries.size())),
          fmt::arg("documents", fmt::format(fmt::runtime(documents.size() == 1 ? t.one_document : t.many_documents),
                                            fmt::arg("n", documents.size()))))));
  if (!options.csv_href.empty()) {
    out += fmt::format("<p class=\"requirements-download\"><a href=\"{}\" download=\"\">{}</a></p>\n",
                       escape_href(options.csv_href), html_escape(t.csv_link));
  }

  // The filter: shown by the script; without it the sections and the list below do the job.
  out +=
      fmt::format("<form class=\"requirements-filter\" data-requirements-filter=\"\" hidden=\"\">\n"
                  "<fieldset><legend>{}</legend>\n"
                  "<div class=\"requirements-field\"><label for=\"requirements-document\">{}</label>\n"
                  "<select id=\"requirements-document\" data-filter-document=\"\">\n<option value=\"\">{}</option>\n",
                  html_escape(t.filter_label), html_escape(t.document_label), html_escape(t.all_documents));
  for (const auto& [first, rows] : documents) {
    out += fmt::format("<option value=\"{}\"{}>{} {}</option>\n", html_escape(first->document), text_lang,
                       html_escape(first->document), html_escape(first->title));
  }
  out += fmt::format(
      "</select></div>\n"
      "<div class=\"requirements-field\"><label for=\"requirements-level\">{0}</label>\n"
      "<select id=\"requirements-level\" data-filter-level=\"\">\n<option value=\"\">{1}</option>\n"
      "<option value=\"ska\"{3}>ska</option>\n<option value=\"bör\"{3}>bör</option>\n</select></div>\n"
      "</fieldset>\n"
      "<p class=\"requirements-count\" role=\"status\" data-filter-status=\"\" data-template=\"{2}\"></p>\n"
      "</form>\n",
      html_escape(t.level_label), html_escape(t.all_levels),
      html_escape(entries.size() == 1 ? t.count_template_one : t.count_template), text_lang);

  out += fmt::format("<nav class=\"requirements-toc\" aria-labelledby=\"requirements-toc-heading\">\n"
                     "<h2 id=\"requirements-toc-heading\">{}</h2>\n<ul>\n",
                     html_escape(t.documents_heading));
  for (const auto& [first, rows] : documents) {
    std::size_t shall = 0;
    std::size_t should = 0;
    for (const CatalogueEntry* e : rows) {
      shall += e->level == "ska" ? 1 : 0;
      should += e->level == "bör" ? 1 : 0;
    }
    const std::string tally = fmt::format(fmt::runtime(t.per_document),
                                          fmt::arg("requirements", requirements(rows.size())),
                                          fmt::arg("ska", shall), fmt::arg("bor", should));
    out += fmt::format("<li><a href=\"#{}\">{} {}</a> <span class=\"requirements-tally\">({})</span></li>\n",
                       section_id(first->document), html_escape(first->document), text_html(first->title),
                       html_escape(tally));
  }
  out += "</ul>\n</nav>\n";

  for (const auto& [first, rows] : documents) {
    const std::string anchor = section_id(first->document);
    const auto href = options.document_href ? options.document_href(first->document) : std::nullopt;
    std::string name = html_escape(first->document);
    if (href) {
      name = fmt::format("<a href=\"{}\">{}</a>", escape_href(*href), name);
    }
    out += fmt::format("<section class=\"requirements-document\" id=\"{0}\" data-document=\"{1}\" "
                       "aria-labelledby=\"{0}-heading\">\n<h2 id=\"{0}-heading\">{2} {3}</h2>\n",
                       anchor, html_escape(first->document), name, text_html(first->title));
    if (!first->approved) {
      out += fmt::format("<p class=\"requirements-draft\"><strong>{}</strong></p>\n", html_escape(t.draft));
    }
    const std::string caption = html_escape(
        fmt::format(fmt::runtime(t.caption), fmt::arg("id", first->document), fmt::arg("title", first->title)));
    const std::string caption_html =
        fmt::format(fmt::runtime(html_escape(t.caption)), fmt::arg("id", html_escape(first->document)),
                    fmt::arg("title", text_html(first->title)));
    out += fmt::format(
        "<div class=\"report-table-wrap\" role=\"region\" aria-label=\"{0}\" tabindex=\"0\">"
        "<table class=\"report-table requirements-table\">\n"
        "<caption class=\"visually-hidden\">{4}</caption>\n"
        "<thead><tr><th scope=\"col\">{1}</th><th scope=\"col\">{2}</th><th scope=\"col\">{3}</th></tr></thead>\n"
        "<tbody>\n",
        caption, html_escape(t.col_id), html_escape(t.col_text), html_escape(t.col_level), caption_html);
    for (const CatalogueEntry* e : rows) {
      // The id leads to the row in its document, where the text around it says more.
      std::string id = html_escape(e->id);
      if (const std::string anchor = requirement_anchor(e->id); href && !anchor.empty()) {
        id = fmt::format("<a href=\"{}#{}\">{}</a>", escape_href(*href), anchor, id);
      }
      out += fmt::format("<tr data-level=\"{0}\"><th scope=\"row\">{1}</th><td{4}>{2}</td>"
                         "<td class=\"requirements-level requirements-level-{3}\"{4}>{0}</td></tr>\n",
                         html_escape(e->level), id, html_escape(e->text),
                         e->level == "ska"   ? "ska"
                         : e->level == "bör" ? "bor"
                                             : "other",
                         text_lang);
    }
    out += "</tbody>\n</table></div>\n</section>\n";
  }
  out += "</div>\n";
  return out;
}

} // namespace styr
