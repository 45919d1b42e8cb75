// The requirement catalogue (kravkatalog, PRODUCT.md §7; MSB recommendation 7): every
// requirement row (ID | Krav | Nivå) of the approved riktlinjer, read from their approved
// content, ready to paste into a procurement as CSV or JSON, or to publish as a site page.
// The rows themselves are found by extract_requirements (requirements.hpp); `check` judges
// their ids and levels.
#pragma once

#include "styr/approved.hpp"
#include "styr/snapshot.hpp"

#include <tl/expected.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace styr {

struct CatalogueEntry
{
  std::string id;
  std::string text;
  std::string level;    // "ska" or "bör" (as written, case-folded)
  std::string document; // the riktlinje's id
  std::string title;    // the riktlinje's title, from the same content as the row
  bool approved = true; // false: from a draft or an unapproved change (--preview)
  std::string publicity;
};

// The rows of every riktlinje in force, from its approved content; with `preview`, drafts and
// unapproved changes contribute their working-tree content instead. Sorted by document id,
// then in the order the rows are written. Fails only when an approved version cannot be read.
// `known` spares reading what is loaded.
tl::expected<std::vector<CatalogueEntry>, std::string> requirement_catalogue(const Snapshot& snap,
                                                                             bool preview = false,
                                                                             const KnownApproved& known = {});

// What a reader of the catalogue should know before it goes into a tender: rows that check
// would refuse (an approval by a hand-made tag skips check), ids used twice, and rows from
// sekretess riktlinjer. One line each, at most a few per kind.
std::vector<std::string> catalogue_warnings(const std::vector<CatalogueEntry>& entries);

// RFC 4180 for programs (styr requirements): the header "id","text","level","document",
// "title", every field quoted, CRLF line ends.
std::string catalogue_csv(const std::vector<CatalogueEntry>& entries);

// The same rows for a spreadsheet (the site's download): a byte-order mark, for Excel reads
// UTF-8 only with one, the header in the site's language, and in Swedish semicolons, as
// Excel with Swedish settings separates fields (a comma is its decimal sign).
std::string catalogue_spreadsheet_csv(const std::vector<CatalogueEntry>& entries, std::string_view language);

// An array of {"id","text","level","document","title"}.
std::string catalogue_json(const std::vector<CatalogueEntry>& entries);

struct CatalogueHtmlOptions
{
  std::string language = "sv"; // "sv" or "en"
  // The address of a riktlinje's page, or nullopt for no link.
  std::function<std::optional<std::string>(std::string_view id)> document_href;
  std::string csv_href;     // a link to the catalogue as CSV, when the site publishes one
  bool public_only = false; // only documents whose publicity is "offentlig"
};

// An HTML fragment for a site page: one section per riktlinje with a table (ID, Krav, Nivå),
// a list of the documents to jump to, and a filter form (hidden until site/requirements.js
// shows it). Without the script every requirement is shown, grouped by document. Documents
// with publicity "sekretess" are never included.
std::string catalogue_html(const std::vector<CatalogueEntry>& entries, const CatalogueHtmlOptions& options = {});

} // namespace styr
