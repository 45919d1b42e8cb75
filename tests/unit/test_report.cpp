// The management report: what counts as coverage, reviews and deadlines relative to the
// report date, the order of actions, the exact JSON and Markdown, well-formed SVG, and that
// hostile titles are escaped everywhere.
#include "styr/iso27002.hpp"
#include "styr/report.hpp"

#include "report_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace styr;
using namespace styr::test;

namespace {

Date day(std::string_view iso)
{
  return parse_iso_date(iso).value();
}

Report report_of(const PolicyRepo& repo, std::string_view as_of)
{
  const Snapshot snap = repo.snapshot();
  auto report = build_report(snap, day(as_of));
  REQUIRE(report.has_value());
  return std::move(*report);
}

const ControlCoverage& control(const Report& report, std::string_view id)
{
  const auto it = std::find_if(report.iso27002.begin(), report.iso27002.end(),
                               [&](const ControlCoverage& c) { return c.id == id; });
  REQUIRE(it != report.iso27002.end());
  return *it;
}

bool contains(const std::vector<std::string>& items, std::string_view item)
{
  return std::find(items.begin(), items.end(), item) != items.end();
}

// A policy and a riktlinje approved, the riktlinje then changed to add a control, a draft
// with controls of its own, and a retired riktlinje.
const PolicyRepo& coverage_repo()
{
  static const PolicyRepo repo = [] {
    PolicyRepo r("report-coverage");
    r.write("policies/policy.md",
            policy_document("IS-POL-001", "Policy", "policy", "msb = [1, 8]\niso27002 = [\"5.1\"]\n", "Text.\n", 48));
    r.write("policies/backup.md", policy_document("IS-RL-001", "Säkerhetskopiering", "riktlinje",
                                                  "parent = \"IS-POL-001\"\nmsb = [4]\niso27002 = [\"8.13\"]\n"));
    r.write("policies/old.md",
            policy_document("IS-RL-003", "Gammal", "riktlinje", "parent = \"IS-POL-001\"\niso27002 = [\"8.7\"]\n"));
    r.commit("2026-01-10T10:00:00");
    r.decide("beslut/1", "2026-01-15T10:00:00+01:00", {"IS-POL-001", "IS-RL-001", "IS-RL-003"});
    r.write("policies/old.md", policy_document("IS-RL-003", "Gammal", "riktlinje",
                                               "parent = \"IS-POL-001\"\niso27002 = [\"8.7\"]\nretired = true\n"));
    r.commit("2026-02-01T10:00:00");
    r.decide("beslut/2", "2026-02-05T10:00:00+01:00", {"IS-RL-003"});
    // An unapproved change adds 8.14 and recommendation 5; a draft lists 7.1 and 8.13.
    r.write("policies/backup.md",
            policy_document("IS-RL-001", "Säkerhetskopiering", "riktlinje",
                            "parent = \"IS-POL-001\"\nmsb = [4, 5]\niso27002 = [\"8.13\", \"8.14\"]\n"));
    r.write("policies/physical.md",
            policy_document("IS-RL-002", "Fysisk säkerhet", "riktlinje",
                            "parent = \"IS-POL-001\"\nmsb = [6]\niso27002 = [\"7.1\", \"8.13\"]\n"));
    r.commit("2026-03-01T10:00:00");
    return r;
  }();
  return repo;
}

} // namespace

TEST_CASE("coverage counts approved content only: drafts and unapproved changes are pending")
{
  const Report report = report_of(coverage_repo(), "2026-04-01");
  CHECK(report.count(Status::approved) == 1);
  CHECK(report.count(Status::changed) == 1);
  CHECK(report.count(Status::draft) == 1);
  CHECK(report.count(Status::retired) == 1);

  CHECK(control(report, "5.1").coverage.approved == std::vector<std::string>{"IS-POL-001"});
  // The changed riktlinje covers 8.13 with its approved version; the draft does not add to it.
  CHECK(control(report, "8.13").coverage.approved == std::vector<std::string>{"IS-RL-001"});
  // 8.14 is only in the unapproved change, 7.1 only in the draft: neither is covered.
  CHECK_FALSE(control(report, "8.14").coverage.covered());
  CHECK(control(report, "8.14").coverage.pending == std::vector<std::string>{"IS-RL-001"});
  CHECK(control(report, "7.1").coverage.pending_only());
  CHECK(control(report, "7.1").coverage.pending == std::vector<std::string>{"IS-RL-002"});
  // The retired riktlinje covers nothing any more.
  CHECK_FALSE(control(report, "8.7").coverage.covered());
  CHECK(control(report, "8.7").coverage.pending.empty());

  const auto uncovered = report.uncovered_iso27002();
  CHECK(uncovered.size() == 91);
  CHECK(contains(uncovered, "8.14"));
  CHECK(contains(uncovered, "7.1"));
  CHECK_FALSE(contains(uncovered, "5.1"));
  CHECK(report.covered_controls() == 2);

  CHECK(report.msb[0].approved == std::vector<std::string>{"IS-POL-001"});
  CHECK(report.msb[3].approved == std::vector<std::string>{"IS-RL-001"});
  CHECK(report.msb[7].approved == std::vector<std::string>{"IS-POL-001"});
  CHECK_FALSE(report.msb[4].covered()); // only in the unapproved change
  CHECK(report.msb[4].pending == std::vector<std::string>{"IS-RL-001"});
  CHECK(report.msb[5].pending_only());
  CHECK(report.covered_recommendations() == 3);

  CHECK(report.awaiting_decision == std::vector<std::string>{"IS-RL-001", "IS-RL-002"});
}

TEST_CASE("approving the change makes its control count")
{
  PolicyRepo r("report-approve-change");
  r.write("policies/policy.md", policy_document("IS-POL-001", "Policy", "policy", "iso27002 = [\"5.1\"]\n"));
  r.commit("2026-01-10T10:00:00");
  r.decide("beslut/1", "2026-01-15T10:00:00+01:00", {"IS-POL-001"});
  r.write("policies/policy.md", policy_document("IS-POL-001", "Policy", "policy", "iso27002 = [\"5.1\", \"5.2\"]\n"));
  r.commit("2026-02-01T10:00:00");
  CHECK_FALSE(control(report_of(r, "2026-03-01"), "5.2").coverage.covered());
  r.decide("beslut/2", "2026-02-10T10:00:00+01:00", {"IS-POL-001"});
  CHECK(control(report_of(r, "2026-03-01"), "5.2").coverage.approved == std::vector<std::string>{"IS-POL-001"});
}

TEST_CASE("reviews are overdue or due soon relative to the report date")
{
  // IS-RL-001 is approved on 2026-01-15 with a 12-month interval: review due 2027-01-15.
  const PolicyRepo& repo = coverage_repo();
  const Snapshot snap = repo.snapshot();
  const auto at = [&](std::string_view as_of) {
    auto report = build_report(snap, day(as_of));
    REQUIRE(report.has_value());
    return std::move(*report);
  };
  Report r = at("2026-10-16"); // 2027-01-14 is 90 days later: not yet due soon
  CHECK(r.due_soon.empty());
  CHECK(r.overdue.empty());
  r = at("2026-10-17"); // exactly 90 days before
  CHECK(r.due_soon == std::vector<std::string>{"IS-RL-001"});
  r = at("2027-01-15"); // the review day itself is not overdue
  CHECK(r.due_soon == std::vector<std::string>{"IS-RL-001"});
  CHECK(r.overdue.empty());
  r = at("2027-01-16");
  CHECK(r.due_soon.empty());
  CHECK(r.overdue == std::vector<std::string>{"IS-RL-001"});
  // The policy (48 months) and the retired riktlinje are never listed.
  r = at("2035-01-01");
  CHECK(r.overdue == std::vector<std::string>{"IS-RL-001", "IS-POL-001"}); // by review date
}

TEST_CASE("actions come from the approved plan, overdue first, then by deadline")
{
  const auto plan = [](std::string_view state_b) {
    return policy_document("IS-HP-001", "Handlingsplan", "handlingsplan",
                           fmt::format("parent = \"IS-POL-001\"\n"
                                       "[[action]]\nid = \"A\"\ntitle = \"Klar sedan länge\"\nowner = \"IT-chef\"\n"
                                       "due = 2026-03-01\nstate = \"klar\"\n"
                                       "[[action]]\nid = \"B\"\ntitle = \"Pågår\"\nowner = \"IT-chef\"\n"
                                       "due = 2026-05-01\nstate = \"{}\"\n"
                                       "[[action]]\nid = \"C\"\ntitle = \"Försenad\"\nowner = \"IT-chef\"\n"
                                       "due = 2026-02-01\nstate = \"planerad\"\n"
                                       "[[action]]\nid = \"D\"\ntitle = \"Senare\"\nowner = \"IT-chef\"\n"
                                       "due = 2027-01-01\nstate = \"planerad\"\n"
                                       "[[action]]\nid = \"E\"\ntitle = \"Stoppad\"\nowner = \"IT-chef\"\n"
                                       "due = 2026-01-01\nstate = \"stoppad\"\n",
                                       state_b));
  };
  PolicyRepo r("report-actions");
  r.write("policies/policy.md", policy_document("IS-POL-001", "Policy", "policy"));
  r.write("policies/plan.md", plan("pågår"));
  r.commit("2026-01-10T10:00:00");
  r.decide("beslut/1", "2026-01-15T10:00:00+01:00", {"IS-POL-001", "IS-HP-001"});
  // Not approved: the report keeps the approved state.
  r.write("policies/plan.md", plan("klar"));

  const auto ids = [](const Report& report) {
    std::vector<std::string> out;
    for (const ReportAction& a : report.actions) {
      out.push_back(a.id + (a.overdue ? "!" : ""));
    }
    return out;
  };
  const Report april = report_of(r, "2026-04-01");
  CHECK(ids(april) == std::vector<std::string>{"C!", "E", "A", "B", "D"});
  const Report june = report_of(r, "2026-06-01");
  CHECK(ids(june) == std::vector<std::string>{"C!", "B!", "E", "A", "D"});
  const ReportAction& b = june.actions[1];
  CHECK(b.state == "pågår");
  CHECK(b.due == "2026-05-01");
  CHECK(b.owner == "IT-chef");
  CHECK(b.document == "IS-HP-001");
  // The due day itself is not late.
  CHECK(ids(report_of(r, "2026-05-01")) == std::vector<std::string>{"C!", "E", "A", "B", "D"});
}

TEST_CASE("a document whose parent was revised after its approval is listed until it is re-approved")
{
  PolicyRepo r("report-parent");
  r.write("policies/policy.md", policy_document("IS-POL-001", "Policy", "policy", "", "Version 1.\n"));
  r.write("policies/rl.md", policy_document("IS-RL-001", "Riktlinje", "riktlinje", "parent = \"IS-POL-001\"\n"));
  r.commit("2026-01-10T10:00:00");
  r.decide("beslut/1", "2026-01-15T10:00:00+01:00", {"IS-POL-001"});
  r.decide("beslut/2", "2026-01-20T10:00:00+01:00", {"IS-RL-001"});
  CHECK(report_of(r, "2026-06-01").parent_changed.empty());
  // Re-approving the unchanged policy is not a change.
  r.decide("beslut/3", "2026-02-01T10:00:00+01:00", {"IS-POL-001"});
  CHECK(report_of(r, "2026-06-01").parent_changed.empty());
  r.write("policies/policy.md", policy_document("IS-POL-001", "Policy", "policy", "", "Version 2.\n"));
  r.commit("2026-03-01T10:00:00");
  CHECK(report_of(r, "2026-06-01").parent_changed.empty()); // not yet approved
  r.decide("beslut/4", "2026-03-10T10:00:00+01:00", {"IS-POL-001"});
  const Report report = report_of(r, "2026-06-01");
  REQUIRE(report.parent_changed.size() == 1);
  CHECK(report.parent_changed[0].id == "IS-RL-001");
  CHECK(report.parent_changed[0].parent == "IS-POL-001");
  CHECK(iso_date(report.parent_changed[0].approved_at) == "2026-01-20");
  CHECK(iso_date(report.parent_changed[0].parent_revised_at) == "2026-03-10");
  r.decide("beslut/5", "2026-03-20T10:00:00+01:00", {"IS-RL-001"}); // aktualitetsprövning
  CHECK(report_of(r, "2026-06-01").parent_changed.empty());
}

TEST_CASE("a parent's first approval, after its child's, is not a revision")
{
  PolicyRepo r("report-parent-first");
  r.write("policies/policy.md", policy_document("IS-POL-001", "Policy", "policy", "", "Version 1.\n"));
  r.write("policies/rl.md", policy_document("IS-RL-001", "Riktlinje", "riktlinje", "parent = \"IS-POL-001\"\n"));
  r.commit("2026-01-10T10:00:00");
  r.decide("beslut/1", "2026-01-15T10:00:00+01:00", {"IS-RL-001"});
  r.decide("beslut/2", "2026-01-20T10:00:00+01:00", {"IS-POL-001"});
  CHECK(report_of(r, "2026-06-01").parent_changed.empty());
}

TEST_CASE("--rev: the report as of an earlier commit")
{
  PolicyRepo r("report-rev");
  r.write("policies/policy.md", policy_document("IS-POL-001", "Policy", "policy", "iso27002 = [\"5.1\"]\n"));
  r.commit("2026-01-10T10:00:00");
  REQUIRE(run(r.dir(), "git tag early") == 0);
  r.write("policies/note.txt", "not a document\n");
  r.commit("2026-01-12T10:00:00");
  r.decide("beslut/1", "2026-01-15T10:00:00+01:00", {"IS-POL-001"});
  CHECK(control(report_of(r, "2026-02-01"), "5.1").coverage.covered());
  const Snapshot early = r.snapshot("early");
  const auto report = build_report(early, day("2026-02-01"), "early");
  REQUIRE(report.has_value());
  CHECK(report->count(Status::draft) == 1);
  CHECK(report->count(Status::approved) == 0);
  CHECK_FALSE(control(*report, "5.1").coverage.covered());
  CHECK(control(*report, "5.1").coverage.pending == std::vector<std::string>{"IS-POL-001"});
}

namespace {

// A small report built by hand: two controls, one action, a hostile title.
Report small_report()
{
  Report r;
  r.organisation = "Testkommun";
  r.language = "sv";
  r.as_of = day("2026-04-01");
  r.documents = {
      ReportDocument{"IS-POL-001", "Policy", "policy", "Policy", Status::approved, true, false, day("2026-01-15"),
                     day("2030-01-15")},
      ReportDocument{"IS-RL-001", "<script>alert(\"x\")</script> & 'q'", "riktlinje", "Riktlinje", Status::draft, true,
                     false, std::nullopt, std::nullopt},
  };
  r.counts = {1, 1, 0, 0};
  r.awaiting_decision = {"IS-RL-001"};
  r.msb[0].approved = {"IS-POL-001"};
  r.msb[1].pending = {"IS-RL-001"};
  r.iso27002 = {ControlCoverage{"5.1", "5", "Informationssäkerhetspolicyer", "Policies", {{"IS-POL-001"}, {}}},
                ControlCoverage{"5.2", "5", "Roller och ansvar", "Roles", {{}, {"IS-RL-001"}}}};
  r.actions = {ReportAction{"HP-1", "Gör \"något\" <nu>", "IT-chef", "2026-03-31", "pågår", "IS-HP-001", true}};
  return r;
}

} // namespace

TEST_CASE("the JSON has the contract's keys, exactly")
{
  CHECK(report_json(small_report()) == R"({
  "organisation": "Testkommun",
  "as_of": "2026-04-01",
  "revision": null,
  "counts": {
    "draft": 1,
    "approved": 1,
    "changed": 0,
    "retired": 0
  },
  "awaiting_decision": [
    "IS-RL-001"
  ],
  "overdue": [],
  "due_soon": [],
  "parent_changed": [],
  "msb": {
    "1": [
      "IS-POL-001"
    ],
    "2": [],
    "3": [],
    "4": [],
    "5": [],
    "6": [],
    "7": [],
    "8": []
  },
  "iso27002": {
    "5.1": [
      "IS-POL-001"
    ],
    "5.2": []
  },
  "uncovered_iso27002": [
    "5.2"
  ],
  "pending_iso27002": {
    "5.2": [
      "IS-RL-001"
    ]
  },
  "actions": [
    {
      "id": "HP-1",
      "title": "Gör \"något\" \u003cnu>",
      "owner": "IT-chef",
      "due": "2026-03-31",
      "state": "pågår",
      "document": "IS-HP-001",
      "overdue": true
    }
  ]
}
)");
}

TEST_CASE("a real report's JSON lists all 93 controls and the eight recommendations")
{
  const std::string json = report_json(report_of(coverage_repo(), "2026-04-01"));
  for (const Iso27002Control& c : iso27002_controls()) {
    CHECK(contains(json, fmt::format("\"{}\": [", c.id)));
  }
  for (int n = 1; n <= 8; ++n) {
    CHECK(contains(json, fmt::format("\"{}\": [", n)));
  }
}

TEST_CASE("Markdown: sections, tables and escaped titles")
{
  const std::string md = report_markdown(small_report());
  CHECK(md.starts_with("# Ledningsrapport för informationssäkerhet\n\n**Organisation:** Testkommun  \n"
                       "**Rapportdatum:** 2026-04-01  \n"));
  CHECK(contains(md, "| Fastställd | 1 |\n| Ändrad efter fastställelse | 0 |\n| Utkast | 1 |\n| Upphävd | 0 |\n"
                     "| **Totalt** | **2** |\n"));
  CHECK(contains(md, "| IS-RL-001 | \\<script\\>alert(\"x\")\\</script\\> \\& 'q' | Riktlinje | Utkast | – |\n"));
  CHECK_FALSE(contains(md, "<script>"));
  CHECK(contains(md, "| HP-1 | Gör \"något\" \\<nu\\> | IT-chef | 2026-03-31 | **Försenad** (pågår) | IS-HP-001 |\n"));
  CHECK(contains(md, "| 2 | Analysera nuläget: verksamhet, risker och gap | **Ej täckt** (endast i utkast eller ej "
                     "fastställd ändring: IS-RL-001) |\n"));
  CHECK(contains(md, "| 5.2 | Roller och ansvar | IS-RL-001 |\n"));
}

TEST_CASE("English when the organisation's language is en")
{
  Report r = small_report();
  r.language = "en";
  const std::string md = report_markdown(r);
  CHECK(md.starts_with("# Information security management report\n"));
  CHECK(contains(md, "| Approved | 1 |"));
  CHECK(contains(md, "**Overdue** (in progress)"));
  CHECK(contains(report_summary(r), "As of 2026-04-01, Testkommun has 2 information security steering documents"));
}

TEST_CASE("types are named in the report's language, as the site names them")
{
  const auto type_of = [](const Report& report, std::string_view id) {
    const ReportDocument* d = report.find(id);
    REQUIRE(d != nullptr);
    return d->type_label;
  };
  CHECK(type_of(report_of(coverage_repo(), "2026-04-01"), "IS-RL-001") == "Riktlinje");

  PolicyRepo r("report-english-types", "language = \"en\"\n");
  r.write("policies/policy.md", policy_document("IS-POL-001", "Policy", "policy"));
  r.write("policies/backup.md", policy_document("IS-RL-001", "Säkerhetskopiering", "riktlinje"));
  r.commit("2026-01-10T10:00:00");
  Report english = report_of(r, "2026-04-01");
  CHECK(type_of(english, "IS-RL-001") == "Guideline");
  CHECK(type_of(english, "IS-POL-001") == "Policy");
  const std::string md = report_markdown(english);
  CHECK(contains(md, "| Guideline |"));
  CHECK_FALSE(contains(md, "Riktlinje"));

  // The repository's own labels name them, as on its site.
  r.write("templates/labels.toml", "[en.types]\nriktlinje = \"Directive\"\n");
  CHECK(type_of(report_of(r, "2026-04-01"), "IS-RL-001") == "Directive");
  r.write("templates/labels.toml", "[en.types\n");
  const auto broken = build_report(r.snapshot(), day("2026-04-01"));
  REQUIRE_FALSE(broken.has_value());
  CHECK(contains(broken.error(), "templates/labels.toml"));
}

TEST_CASE("the summary speaks plain Swedish with singular and plural")
{
  CHECK(report_summary(small_report()) ==
        "Den 2026-04-01 har Testkommun 2 styrdokument för informationssäkerhet: 1 fastställt, inget ändrat efter "
        "fastställelse, 1 utkast och inget upphävt. 1 dokument väntar på beslut. Inget dokument har passerat sitt "
        "datum för aktualitetsprövning. Inget dokument ska aktualitetsprövas inom de närmaste 90 dagarna. De "
        "fastställda styrdokumenten "
        "täcker 1 av MSB:s åtta rekommendationer och 1 av de 93 säkerhetsåtgärderna i ISO/IEC 27002:2022. 1 "
        "säkerhetsåtgärd saknar fastställt styrdokument. De fastställda handlingsplanerna har 1 åtgärd, varav ingen "
        "är klar och 1 är försenad.");
}

TEST_CASE("the pictures are well-formed, accessible SVG")
{
  const Report report = report_of(coverage_repo(), "2026-04-01");
  const std::string bars = status_bars_svg(report);
  CHECK(xml_problem(bars) == std::nullopt);
  CHECK(bars.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK(contains(bars, "role=\"img\" aria-labelledby=\"styr-report-status-title styr-report-status-desc\""));
  CHECK(contains(bars, "<title id=\"styr-report-status-title\">"));
  CHECK(contains(bars, "<desc id=\"styr-report-status-desc\">Fastställd: 1, Ändrad efter fastställelse: 1, "
                       "Utkast: 1, Upphävd: 1.</desc>"));
  CHECK(occurrences(bars, "class=\"report-bar ") == 4);

  const std::string map = coverage_heatmap_svg(report);
  CHECK(xml_problem(map) == std::nullopt);
  CHECK(contains(map, "role=\"img\" aria-labelledby=\"styr-report-heatmap-title styr-report-heatmap-desc\""));
  CHECK(contains(map, "<desc id=\"styr-report-heatmap-desc\">2 av 93 säkerhetsåtgärder täcks"));
  // One cell per control, each with its id as text and a tooltip with its Swedish title.
  CHECK(occurrences(map, "<g class=\"report-cell ") == 93);
  CHECK(occurrences(map, "<g class=\"report-cell report-cell-covered\">") == 2);
  CHECK(occurrences(map, "<g class=\"report-cell report-cell-pending\">") == 2); // 7.1 and 8.14
  CHECK(occurrences(map, "<g class=\"report-cell report-cell-uncovered\">") == 89);
  CHECK(
      contains(map, "<title>8.13 Säkerhetskopiering av information\nTäcks av:\nIS-RL-001 Säkerhetskopiering</title>"));
  CHECK(contains(map, ">8.34</text>"));
  // The legend names the three kinds in words, with their numbers.
  CHECK(contains(map, ">Täckt av fastställt styrdokument (2)</text>"));
  CHECK(contains(map, ">Endast i utkast eller ej fastställd ändring (2)</text>"));
  CHECK(contains(map, ">Ej täckt (89)</text>"));
  // The hatching is a pattern, so it prints in black and white.
  CHECK(contains(map, "<pattern id=\"styr-report-heatmap-hatch\""));
}

TEST_CASE("HTML: the body is well-formed and escapes every value; the standalone file is self-contained")
{
  const Report report = small_report();
  const std::string body = report_html_body(report);
  CHECK(xml_problem(body) == std::nullopt);
  CHECK_FALSE(contains(body, "<script"));
  CHECK(contains(body, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"));
  CHECK(contains(body, "Gör &quot;något&quot; &lt;nu&gt;"));
  // Overdue is said in words, not only by colour; the data is also in tables.
  CHECK(contains(body, "<strong class=\"report-late\">Försenad</strong>"));
  CHECK(contains(body, "<th scope=\"col\">Säkerhetsåtgärd</th>"));
  CHECK(occurrences(body, "<svg ") == 2);

  const std::string html = report_html(report, "/* The management report */\n@media print {}\n");
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
  CHECK(contains(html, "<style>\n/* The management report")); // the style sheet given, inline
  CHECK(contains(html, "@media print"));
  CHECK_FALSE(contains(html, "<script"));
  CHECK_FALSE(contains(html, "<link"));
  CHECK_FALSE(contains(html, "src="));
  // No external requests: the only URLs are the SVG namespaces.
  CHECK(occurrences(html, "http://") == occurrences(html, "xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK(occurrences(html, "https://") == 0);
  CHECK(contains(html, "<p class=\"report-organisation\">Testkommun</p>"));
  CHECK(contains(html, "<time datetime=\"2026-04-01\">2026-04-01</time>"));
  // A style sheet cannot end its element early.
  const std::string odd = report_html(report, "a::after { content: \"</style><script>x</script>\"; }");
  CHECK(occurrences(odd, "</style>") == 1);  // its own end, nothing from the sheet
  CHECK(contains(odd, "content: \"<\\/style><script>x<\\/script>\""));
}

TEST_CASE("HTML for the site: links by id, and secret documents withheld when asked")
{
  Report report = small_report();
  report.documents[1].secret = true;
  ReportHtmlOptions options;
  options.document_href = [](std::string_view id) -> std::optional<std::string> {
    if (id == "IS-POL-001") {
      return std::string("../dokument/IS-POL-001/index.html");
    }
    return std::nullopt;
  };
  std::string body = report_html_body(report, options);
  CHECK(xml_problem(body) == std::nullopt);
  CHECK(contains(body, "<a class=\"report-id\" href=\"../dokument/IS-POL-001/index.html\">IS-POL-001</a>"));
  CHECK(contains(body, "IS-RL-001"));
  options.list_secret_titles = false;
  body = report_html_body(report, options);
  CHECK_FALSE(contains(body, "IS-RL-001"));
  CHECK_FALSE(contains(body, "script"));
  CHECK(contains(body, "Sekretessbelagt dokument"));
  CHECK_FALSE(contains(coverage_heatmap_svg(report, options), "IS-RL-001"));
}

TEST_CASE("HTML in English marks the documents' words Swedish, and a withheld title as the interface's")
{
  Report report = small_report();
  report.language = "en";
  report.documents[0].title = "Informationssäkerhetspolicy";
  report.documents[1].title = "(not published here)";
  report.documents[1].title_withheld = true;
  const std::string body = report_html_body(report);
  CAPTURE(body);
  CHECK(xml_problem(body) == std::nullopt);
  CHECK(contains(body, "<span lang=\"sv\">Gör &quot;något&quot; &lt;nu&gt;</span>"));  // the action
  CHECK(contains(body, "<span lang=\"sv\">IT-chef</span>"));
  CHECK(contains(body, "<td>(not published here)</td>"));
  CHECK_FALSE(contains(body, "lang=\"sv\">(not"));
  CHECK(contains(report_html(report, ""), "<html lang=\"en\">"));

  // In Swedish the whole page is Swedish.
  report.language = "sv";
  CHECK_FALSE(contains(report_html_body(report), "lang="));
}
