// The requirement catalogue: rows from the approved content of riktlinjer only (the working
// tree with --preview), the exact CSV (BOM, quoting, CRLF) and JSON, and the site fragment.
#include "styr/requirement_catalogue.hpp"

#include "report_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace styr;
using namespace styr::test;

namespace {

std::string riktlinje(std::string_view id, std::string_view title, std::string_view rows, std::string_view extra = "")
{
  return policy_document(id, title, "riktlinje", fmt::format("parent = \"IS-POL-001\"\n{}", extra),
                         fmt::format("Text.\n\n## Krav\n\n| ID | Krav | Nivå |\n|---|---|---|\n{}", rows));
}

std::vector<std::string> ids(const std::vector<CatalogueEntry>& entries)
{
  std::vector<std::string> out;
  for (const CatalogueEntry& e : entries) {
    out.push_back(e.document + ":" + e.id);
  }
  return out;
}

} // namespace

TEST_CASE("the catalogue reads approved riktlinjer; --preview reads drafts and unapproved changes")
{
  PolicyRepo r("catalogue");
  r.write("policies/policy.md", policy_document("IS-POL-001", "Policy", "policy"));
  r.write("policies/b.md", riktlinje("IS-RL-002", "Riktlinje B", "| B-1 | Första. | ska |\n| B-2 | Andra. | Bör |\n"));
  r.write("policies/a.md", riktlinje("IS-RL-001", "Riktlinje A", "| A-1 | Godkänt krav. | ska |\n"));
  r.write("policies/old.md", riktlinje("IS-RL-009", "Gammal", "| G-1 | Gammalt. | ska |\n"));
  // A rutin with a requirement table is not part of the catalogue.
  r.write("policies/rutin.md",
          policy_document("IS-RUT-001", "Rutin", "rutin", "parent = \"IS-RL-001\"\n",
                          "## Krav\n\n| ID | Krav | Nivå |\n|---|---|---|\n| R-1 | Rutinkrav. | ska |\n"));
  r.commit("2026-01-10T10:00:00");
  r.decide("beslut/1", "2026-01-15T10:00:00+01:00",
           {"IS-POL-001", "IS-RL-001", "IS-RL-002", "IS-RL-009", "IS-RUT-001"});
  r.write("policies/old.md", riktlinje("IS-RL-009", "Gammal", "| G-1 | Gammalt. | ska |\n", "retired = true\n"));
  r.commit("2026-02-01T10:00:00");
  r.decide("beslut/2", "2026-02-05T10:00:00+01:00", {"IS-RL-009"});
  // Unapproved: a new row in A, and a draft riktlinje.
  r.write("policies/a.md", riktlinje("IS-RL-001", "Riktlinje A (ny titel)",
                                     "| A-1 | Godkänt krav. | ska |\n| A-2 | Nytt krav. | bör |\n"));
  r.write("policies/c.md", riktlinje("IS-RL-003", "Utkastet", "| C-1 | Utkastkrav. | ska |\n"));

  const Snapshot snap = r.snapshot();
  const auto approved = requirement_catalogue(snap);
  REQUIRE(approved.has_value());
  CHECK(ids(*approved) == std::vector<std::string>{"IS-RL-001:A-1", "IS-RL-002:B-1", "IS-RL-002:B-2"});
  CHECK((*approved)[0].title == "Riktlinje A"); // the approved title, not the working one
  CHECK((*approved)[2].level == "bör");         // case-folded
  CHECK((*approved)[1].text == "Första.");

  const auto preview = requirement_catalogue(snap, true);
  REQUIRE(preview.has_value());
  CHECK(ids(*preview) ==
        std::vector<std::string>{"IS-RL-001:A-1", "IS-RL-001:A-2", "IS-RL-002:B-1", "IS-RL-002:B-2", "IS-RL-003:C-1"});
  CHECK((*preview)[0].title == "Riktlinje A (ny titel)");
  CHECK_FALSE((*preview)[0].approved);
  CHECK((*preview)[2].approved);
}

namespace {

std::vector<CatalogueEntry> hostile_entries()
{
  return {
      CatalogueEntry{"K-1", "Lösenord ska vara \"långa\", unika; och, säkra.", "ska", "IS-RL-001",
                     "Riktlinje för åtkomst", true, "intern"},
      CatalogueEntry{"K-2", "<script>alert('x')</script> & mer", "bör", "IS-RL-001", "Riktlinje för åtkomst", true,
                     "intern"},
      CatalogueEntry{"S-1", "Hemligt krav", "ska", "IS-RL-007", "Hemlig riktlinje", true, "sekretess"},
  };
}

} // namespace

TEST_CASE("CSV: header row, every field quoted with quotes doubled, CRLF")
{
  CHECK(catalogue_csv(hostile_entries()) ==
        "\"id\",\"text\",\"level\",\"document\",\"title\"\r\n"
        "\"K-1\",\"Lösenord ska vara \"\"långa\"\", unika; och, säkra.\",\"ska\",\"IS-RL-001\",\"Riktlinje för "
        "åtkomst\"\r\n"
        "\"K-2\",\"<script>alert('x')</script> & mer\",\"bör\",\"IS-RL-001\",\"Riktlinje för åtkomst\"\r\n"
        "\"S-1\",\"Hemligt krav\",\"ska\",\"IS-RL-007\",\"Hemlig riktlinje\"\r\n");
  CHECK(catalogue_csv({}) == "\"id\",\"text\",\"level\",\"document\",\"title\"\r\n");
}

TEST_CASE("CSV for a spreadsheet: a byte-order mark, the header in the site's language, in Swedish semicolons")
{
  const std::vector<CatalogueEntry> all = hostile_entries();
  const std::vector<CatalogueEntry> entries(all.begin(), all.begin() + 1);
  CHECK(catalogue_spreadsheet_csv(entries, "sv") ==
        "\xEF\xBB\xBF\"ID\";\"Krav\";\"Nivå\";\"Dokument\";\"Titel\"\r\n"
        "\"K-1\";\"Lösenord ska vara \"\"långa\"\", unika; och, säkra.\";\"ska\";\"IS-RL-001\";\"Riktlinje för åtkomst\"\r\n");
  CHECK(catalogue_spreadsheet_csv({}, "en") == "\xEF\xBB\xBF\"ID\",\"Requirement\",\"Level\",\"Document\",\"Title\"\r\n");
}

TEST_CASE("JSON: an array of id, text, level, document, title")
{
  const std::vector<CatalogueEntry> all = hostile_entries();
  const std::vector<CatalogueEntry> entries(all.begin(), all.begin() + 1);
  CHECK(catalogue_json(entries) == R"([
  {
    "id": "K-1",
    "text": "Lösenord ska vara \"långa\", unika; och, säkra.",
    "level": "ska",
    "document": "IS-RL-001",
    "title": "Riktlinje för åtkomst"
  }
]
)");
  CHECK(catalogue_json({}) == "[]\n");
}

TEST_CASE("the site fragment: sections per document, levels as data, escaped, never secret")
{
  CatalogueHtmlOptions options;
  options.document_href = [](std::string_view id) -> std::optional<std::string> {
    return fmt::format("../dokument/{}/index.html", id);
  };
  options.csv_href = "kravkatalog.csv";
  const std::string html = catalogue_html(hostile_entries(), options);
  CHECK(xml_problem(html) == std::nullopt);
  CHECK_FALSE(contains(html, "<script"));
  CHECK(contains(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; mer"));
  CHECK_FALSE(contains(html, "Hemlig"));
  CHECK_FALSE(contains(html, "IS-RL-007"));
  CHECK(contains(html, "<section class=\"requirements-document\" id=\"krav-is-rl-001\" data-document=\"IS-RL-001\""));
  CHECK(contains(html, "<a href=\"../dokument/IS-RL-001/index.html\">IS-RL-001</a>"));
  // A requirement's id leads to its row on the document's page.
  CHECK(contains(html, "<tr data-level=\"bör\"><th scope=\"row\">"
                       "<a href=\"../dokument/IS-RL-001/index.html#krav-k-2\">K-2</a></th>"));
  CHECK(contains(html, "<a href=\"#krav-is-rl-001\">"));
  CHECK(contains(html, "data-requirements-filter=\"\" hidden=\"\">")); // shown only by the script
  CHECK(contains(html, "<label for=\"requirements-level\">Nivå</label>"));
  CHECK(contains(html, "role=\"status\""));
  CHECK(contains(html, "<a href=\"kravkatalog.csv\" download=\"\">"));
  CHECK(occurrences(html, "<tr data-level=") == 2);

  options.public_only = true;
  CHECK(contains(catalogue_html(hostile_entries(), options), "Det finns inga krav"));
  options.language = "en";
  CHECK(contains(catalogue_html(hostile_entries(), options), "There are no requirements"));
}

TEST_CASE("the site fragment in English marks the riktlinjer's words Swedish")
{
  CatalogueHtmlOptions options;
  options.language = "en";
  const std::string html = catalogue_html(hostile_entries(), options);
  CHECK(xml_problem(html) == std::nullopt);
  CHECK(contains(html, "<th scope=\"row\">K-2</th><td lang=\"sv\">"));
  CHECK(contains(html, "<td class=\"requirements-level requirements-level-bor\" lang=\"sv\">bör</td>"));
  CHECK(contains(html, "<option value=\"bör\" lang=\"sv\">bör</option>"));
  CHECK(contains(html, "<caption class=\"visually-hidden\">Requirements in IS-RL-001 <span lang=\"sv\">"));
  CHECK(contains(html, "<label for=\"requirements-level\">Level</label>"));
  options.language = "sv";
  CHECK_FALSE(contains(catalogue_html(hostile_entries(), options), "lang="));
}

TEST_CASE("the site fragment counts one requirement in the singular and more in the plural")
{
  const std::vector<CatalogueEntry> all = hostile_entries();
  const std::vector<CatalogueEntry> one(all.begin(), all.begin() + 1);
  CatalogueHtmlOptions options;
  options.language = "en";
  const std::string single = catalogue_html(one, options);
  CHECK(contains(single, "holds 1 requirement from 1 guideline."));
  CHECK(contains(single, "(1 requirement: 1 shall, 0 should)"));
  CHECK(contains(single, "data-template=\"Showing {shown} of {total} requirement.\""));
  const std::string two = catalogue_html(all, options);
  CHECK(contains(two, "holds 2 requirements from 1 guideline."));
  CHECK(contains(two, "(2 requirements: 1 shall, 1 should)"));
  CHECK(contains(two, "data-template=\"Showing {shown} of {total} requirements.\""));
  options.language = "sv";
  CHECK(contains(catalogue_html(one, options), "Kravkatalogen innehåller 1 krav från 1 riktlinje."));
  CHECK(contains(catalogue_html(all, options), "(2 krav: 1 ska, 1 bör)"));
}

TEST_CASE("CSV fields that a spreadsheet would run as formulas are defused")
{
  std::vector<CatalogueEntry> entries(1);
  entries[0].id = "=HYPERLINK(\"http://x\")";
  entries[0].text = "+1";
  entries[0].level = "ska";
  entries[0].document = "@SUM(A1)";
  entries[0].title = "-2";
  const std::string csv = catalogue_csv(entries);
  CHECK(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\",\"'+1\",\"ska\",\"'@SUM(A1)\",\"'-2\"\r\n") != std::string::npos);
}


TEST_CASE("Warnings: rows check would refuse, ids used twice and sekretess rows, a few of each")
{
  std::vector<CatalogueEntry> entries = hostile_entries();
  const std::string secret = "the requirements of IS-RL-007 are sekretess: leave them out of what goes to suppliers";
  CHECK(catalogue_warnings(entries) == std::vector<std::string>{secret});
  entries.push_back(CatalogueEntry{"k 1", "Igen.", "kan", "IS-RL-002", "Annan", true, "intern"});  // K-1's address
  entries.push_back(CatalogueEntry{"", "Utan id.", "ska", "IS-RL-002", "Annan", true, "intern"});
  const std::vector<std::string> warnings = catalogue_warnings(entries);
  REQUIRE(warnings.size() == 4);
  CHECK(warnings[0] == "IS-RL-002: requirement k 1 has level \"kan\", not \"ska\" or \"bör\"");
  CHECK(warnings[1] == "IS-RL-002 has a requirement row without an ID or a Krav text");
  CHECK(warnings[2] == "requirement id K-1 is used 2 times (IS-RL-001, IS-RL-002)");
  for (int i = 0; i < 10; ++i) {
    entries.push_back(CatalogueEntry{"", "", "ska", "IS-RL-003", "Tom", true, "intern"});
  }
  const std::vector<std::string> many = catalogue_warnings(entries);
  CHECK(std::find(many.begin(), many.end(), "… and 7 more like it") != many.end());
}
