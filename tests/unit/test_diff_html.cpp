#include "styr/diff_html.hpp"
#include "styr/schema.hpp"
#include "styr/theme.hpp"

#include "support.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace styr;
using namespace styr::test;

namespace {

Schema test_schema()
{
  Schema schema;
  FieldSpec owner;
  owner.name = "owner";
  owner.label = "Dokumentansvarig";
  schema.fields.push_back(owner);
  DocumentType plan;
  plan.name = "handlingsplan";
  FieldSpec action;
  action.name = "action";
  action.label = "Åtgärd";
  FieldSpec state;
  state.name = "state";
  state.label = "Läge";
  action.fields.push_back(state);
  plan.fields.push_back(action);
  schema.types.push_back(plan);
  return schema;
}

std::string diff_of(std::string_view before, std::string_view after)
{
  Theme theme;  // no labels: each shows as its key
  return diff_html(textdiff::diff_documents(before, after), test_schema(), theme);
}

// The built-in labels of a site in `language`.
Theme site_theme(std::string_view language)
{
  Workspace workspace;
  workspace.root = test_dir() / "no-repository";
  auto labels = load_labels(workspace, language);
  REQUIRE(labels.has_value());
  Theme theme;
  theme.language = std::string(language);
  theme.labels = std::move(*labels);
  return theme;
}

// A diff in the default schema on a site in `language`.
std::string site_diff(std::string_view before, std::string_view after, std::string_view language)
{
  auto schema = load_schema(Config{});
  REQUIRE(schema.has_value());
  return diff_html(textdiff::diff_documents(before, after), *schema, site_theme(language));
}

// A plan whose action is done and which is repealed, on a site in `language`.
std::string plan_diff(std::string_view language)
{
  const std::string before = "+++\nid = \"HP\"\nowner = \"IT-chef\"\n\n[[action]]\nid = \"A1\"\ntitle = \"Utbilda\"\n"
                             "due = 2026-03-31\nstate = \"pågår\"\n+++\n\n# Plan\n";
  std::string after = before;
  after.replace(after.find("pågår"), std::string("pågår").size(), "klar");
  after.insert(after.find("\n\n[[action]]"), "\nretired = true");
  return site_diff(before, after, language);
}

}  // namespace

TEST_CASE("a diff shows fields by their labels, and each change in words as well as by markup")
{
  const std::string body = "# Titel\n\nEtt.\n\nTvå.\n\nTre.\n\nFyra.\n";
  const std::string html = diff_of("+++\nid = \"A\"\nowner = \"IT-chef\"\n+++\n\n" + body,
                                   "+++\nid = \"A\"\nowner = \"CISO\"\n+++\n\n" + body + "\nFem.\n");
  CAPTURE(html);
  CHECK(contains(html, "diff_summary: 1 diff_count_modified_one, 1 diff_count_added_one, 0 diff_count_removed."));
  CHECK(contains(html, "Dokumentansvarig: "));
  CHECK(contains(html, "<del><span class=\"visually-hidden\">diff_removed_words </span>"));
  CHECK(contains(html, "<ins><span class=\"visually-hidden\">diff_added_words </span>"));
  CHECK(contains(html, "<p class=\"diff-tag\">diff_added_block</p>\n<p class=\"diff-paragraph\"><ins>Fem.</ins></p>"));
  CHECK(contains(html, "diff_unchanged_blocks"));  // the paragraphs far from both changes
  CHECK_FALSE(contains(html, "Två."));
  CHECK(contains(html, "Fyra."));  // the context of the addition
}

TEST_CASE("a change inside a front-matter table names the entry it is in")
{
  const std::string html = diff_of(
    "+++\nid = \"HP\"\n\n[[action]]\nid = \"A1\"\ntitle = \"Utbilda\"\nstate = \"pågår\"\n+++\n\n# Plan\n",
    "+++\nid = \"HP\"\n\n[[action]]\nid = \"A1\"\ntitle = \"Utbilda\"\nstate = \"klar\"\n+++\n\n# Plan\n");
  CAPTURE(html);
  CHECK(contains(html, "Åtgärd"));
  CHECK(contains(html, "id: A1"));
  // The values as a reader writes them, the replaced word apart from its replacement.
  CHECK(contains(html, "Läge: <del><span class=\"visually-hidden\">diff_removed_words </span>pågår</del> <ins>"));
}

TEST_CASE("front-matter values read as text: strings without quotes, lists with commas, yes and no")
{
  const std::string html = diff_of("+++\nid = \"A\"\ntags = [\"incident\", \"drift\"]\n+++\n\n# T\n",
                                   "+++\nid = \"A\"\ntags = [\"incident\", \"nät, \\\"trådlöst\\\"\"]\nretired = true\n+++\n\n# T\n");
  CAPTURE(html);
  CHECK(contains(html, "tags: incident, "));
  CHECK(contains(html, "nät, &quot;trådlöst&quot;"));
  CHECK(contains(html, "retired: value_true"));
  CHECK_FALSE(contains(html, "[&quot;"));
}

TEST_CASE("two versions that differ in nothing shown say so")
{
  const std::string text = "+++\nid = \"A\"\n+++\n\n# Titel\n\nEtt.\n";
  CHECK(diff_of(text, text) == "<div class=\"diff\">\n<p class=\"diff-none\">diff_no_changes</p>\n</div>\n");
}

TEST_CASE("a changed note is shown after the text, without the heading of the last section")
{
  const std::string body = "## Syfte\n\nEtt.[^1]\n\n## Ansvar\n\nTvå.\n\nTre.\n\nFyra.\n\n";
  const std::string html =
    diff_of(body + "[^1]: Lagen (2025:1506).\n", body + "[^1]: Cybersäkerhetslagen (2025:1506).\n");
  CAPTURE(html);
  CHECK(contains(html, "<p class=\"diff-footnote\">[1] <del>"));
  CHECK(contains(html, "Cybersäkerhetslagen</ins> (2025:1506).</p>"));
  CHECK_FALSE(contains(html, "Ansvar"));
}

TEST_CASE("fields and the values the schema lists are named in the interface's language")
{
  const std::string english = plan_diff("en");
  CAPTURE(english);
  CHECK(contains(english, "<p class=\"diff-field\">Actions</p>"));
  CHECK(contains(english, "Action: <span lang=\"sv\">Utbilda</span>"));
  CHECK(contains(english, "Due: 2026-03-31"));
  CHECK(contains(english, "State: <del><span class=\"visually-hidden\" lang=\"en\">Removed: </span>in progress</del> "
                          "<ins>"));
  CHECK(contains(english, "done</ins>"));
  CHECK(contains(english, "<ins>Repealed: yes</ins>"));
  for (const std::string_view swedish : {"Åtgärd", "Klart senast", "Läge", "Upphävs", "pågår", "klar<"}) {
    CHECK_FALSE(contains(english, swedish));
  }

  const std::string swedish = plan_diff("sv");
  CAPTURE(swedish);
  CHECK(contains(swedish, "<p class=\"diff-field\">Åtgärder</p>"));
  CHECK(contains(swedish, "Åtgärd: Utbilda"));
  CHECK(contains(swedish, "Klart senast: 2026-03-31"));
  CHECK(contains(swedish, "Läge: <del><span class=\"visually-hidden\">Borttaget: </span>pågår</del> <ins>"));
  CHECK(contains(swedish, "<ins>Upphävs: ja</ins>"));
  CHECK_FALSE(contains(swedish, "yes"));
}

TEST_CASE("on an English site the document's words are marked Swedish, and the interface's inside them English")
{
  const std::string before = "+++\nid = \"A\"\ntitle = \"Säkerhetskopiering\"\nowner = \"IT-chef\"\n"
                             "review_interval_months = 12\n+++\n\n# Rubrik\n\nKopior tas dagligen.\n";
  std::string after = before;
  after.replace(after.find("dagligen"), std::string("dagligen").size(), "varje timme");
  after.replace(after.find("Säkerhetskopiering"), std::string("Säkerhetskopiering").size(), "Kopiering");
  after.replace(after.find("12"), 2, "24");
  const std::string english = site_diff(before, after, "en");
  CAPTURE(english);
  CHECK(contains(english, "<p class=\"diff-paragraph\" lang=\"sv\">Kopior tas <del><span class=\"visually-hidden\" "
                          "lang=\"en\">Removed: </span>dagligen</del> <ins><span class=\"visually-hidden\" "
                          "lang=\"en\">Added: </span>varje timme</ins>.</p>"));
  CHECK(contains(english, "<p class=\"diff-heading diff-h1\" lang=\"sv\">Rubrik</p>"));
  // A field: its label in English, a string of the document's in Swedish, a number in neither.
  CHECK(contains(english, "<p class=\"diff-field\">Title: <span lang=\"sv\"><del>"));
  CHECK(contains(english, "<p class=\"diff-field\">Document owner: <span lang=\"sv\">IT-chef</span></p>"));
  CHECK(contains(english, "<p class=\"diff-field\">Review interval (months): <del>"));
  CHECK_FALSE(contains(english, "<p class=\"diff-field\" lang="));
  // Words of the interface are not the document's.
  const std::string plan = plan_diff("en");
  CHECK(contains(plan, "Action: <span lang=\"sv\">Utbilda</span>"));
  CHECK(contains(plan, "Due: 2026-03-31"));
  CHECK_FALSE(contains(plan, "lang=\"sv\">done"));
  CHECK_FALSE(contains(plan, "lang=\"sv\">yes"));

  // A Swedish site is Swedish throughout: nothing to mark.
  CHECK_FALSE(contains(site_diff(before, after, "sv"), "lang="));
  CHECK_FALSE(contains(plan_diff("sv"), "lang="));
}

TEST_CASE("an item of an array written over several lines shows as the item alone, marked as the document's")
{
  const std::string before = "+++\nid = \"A\"\ntags = [\n  \"incident\",\n  \"drift\",\n]\n+++\n\n# T\n";
  std::string after = before;
  after.replace(after.find("drift"), 5, "driftstörning");
  const std::string english = site_diff(before, after, "en");
  CAPTURE(english);
  CHECK(contains(english, "<p class=\"diff-field\"><span lang=\"sv\">incident</span></p>"));
  CHECK(contains(english, "<p class=\"diff-field\"><del><span lang=\"sv\">drift</span></del></p>"));
  CHECK(contains(english, "<p class=\"diff-field\"><ins><span lang=\"sv\">driftstörning</span></ins></p>"));
  CHECK_FALSE(contains(english, "incident:"));
  CHECK_FALSE(contains(site_diff(before, after, "sv"), "lang="));
}
