// styr build on real git repositories: what is published, how links are rewritten, that
// values are escaped, and that the output is deterministic, atomic and guarded.
#include "styr/site.hpp"
#include "styr/site_links.hpp"
#include "styr/site_output.hpp"
#include "styr/theme.hpp"

#include "support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <unistd.h>

using namespace styr;
using namespace styr::test;
namespace fs = std::filesystem;

namespace {

// Every file of a site, by path.
std::map<std::string, std::string> read_tree(const fs::path& dir)
{
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      files[entry.path().lexically_relative(dir).generic_string()] = read_file(entry.path());
    }
  }
  return files;
}

// The files of a site that contain `needle`; with `pages_only`, the HTML pages and the feed
// (the search index holds texts as data, for a script to show).
std::vector<std::string> files_containing(const fs::path& dir, std::string_view needle, bool pages_only = false)
{
  std::vector<std::string> found;
  for (const auto& [path, text] : read_tree(dir)) {
    if (pages_only && !path.ends_with(".html") && !path.ends_with(".xml")) {
      continue;
    }
    if (contains(text, needle)) {
      found.push_back(path);
    }
  }
  return found;
}

std::string document(std::string_view id, std::string_view title, std::string_view type, std::string_view decided_by,
                     std::string_view publicity, std::string_view body, std::string_view extra = "")
{
  return fmt::format("+++\nid = \"{}\"\ntitle = \"{}\"\ntype = \"{}\"\nowner = \"IT-chef\"\ndecided_by = \"{}\"\n"
                     "audience = [\"alla medarbetare\"]\nreview_interval_months = 12\npublicity = \"{}\"\n{}+++\n\n"
                     "# {}\n\n## Syfte\n\n{}\n",
                     id, title, type, decided_by, publicity, extra, title, body);
}

class Repo
{
public:
  explicit Repo(std::string_view name, std::string_view approver_name = "Karin Ek") : m_dir(fresh_dir(name))
  {
    write("styr.toml", "[organisation]\nname = \"Testkommun\"\nroles = [\"IT-chef\", \"informationssäkerhetssamordnare\"]\n");
    write("approvers.toml", fmt::format("[[approver]]\nname = '{}'\nemail = \"kf@example.se\"\n"
                                        "bodies = [\"kommunfullmäktige\", \"kommunstyrelsen\"]\n",
                                        approver_name));
    git_init(m_dir);
  }

  const fs::path& dir() const { return m_dir; }
  void write(std::string_view path, std::string_view text) const { write_file(m_dir / path, text); }
  void commit(std::string_view message, std::string_view date) const { git_commit_all(m_dir, message, date); }

  // An annotated decision tag at HEAD by the approver kf@example.se.
  void decide(std::string_view tag, std::string_view date, const std::vector<std::string>& ids,
              std::string_view title = "Kommunstyrelsen fastställer styrdokument.",
              std::string_view reference = "KS 2026-01-15 § 4", std::string_view case_number = "KS 2026/12") const
  {
    std::string message = fmt::format("{}\n\nBeslut: {}\nDiarienummer: {}\n", title, reference, case_number);
    for (const std::string& id : ids) {
      message += fmt::format("Fastställer: {}\n", id);
    }
    const fs::path file = test_dir() / "tag-message.txt";
    write_file(file, message);
    const int rc = run(m_dir, fmt::format("GIT_COMMITTER_NAME='Karin Ek' GIT_COMMITTER_EMAIL=kf@example.se "
                                          "GIT_COMMITTER_DATE='{}' git tag -a '{}' -F '{}'",
                                          date, tag, file.string()));
    REQUIRE(rc == 0);
  }

  Workspace workspace() const
  {
    auto ws = open_workspace(m_dir);
    REQUIRE(ws);
    return *ws;
  }

  tl::expected<BuildResult, BuildError> build(const fs::path& out, BuildOptions options = {}) const
  {
    options.output = out;
    return build_site(workspace(), options);
  }

private:
  fs::path m_dir;
};

// The repository most tests share: approved, changed, draft, secret and supporting
// documents, a committed change and an uncommitted one.
const Repo& standard_repo()
{
  static const Repo repo = [] {
    Repo r("site-standard");
    r.write("policies/policy.md",
            document("IS-POL-001", "Informationssäkerhetspolicy", "policy", "kommunfullmäktige", "offentlig",
                     "Policytext version ett.\n\nSe [riktlinjen](riktlinjer/backup.md#Syfte), "
                     "[utkastet](riktlinjer/utkast.md), [hemligheten](riktlinjer/hemlig.md), [lösen](../../etc/passwd), "
                     "[skript](javascript:alert(1)) och [saknad](finns-inte.md)."));
    r.write("policies/riktlinjer/backup.md",
            document("IS-RL-001", "Riktlinje för säkerhetskopiering", "riktlinje", "kommunstyrelsen", "intern",
                     "Dagliga kopior.", "parent = \"IS-POL-001\"\ntags = [\"kontinuitet\"]\n"));
    r.write("policies/riktlinjer/oforandrad.md",
            document("IS-RL-004", "Oförändrad riktlinje", "riktlinje", "kommunstyrelsen", "offentlig", "Stabil text.",
                     "parent = \"IS-POL-001\"\ntags = [\"kontinuitet\"]\n"));
    r.write("policies/riktlinjer/utkast.md",
            document("IS-RL-002", "Utkastriktlinjen", "riktlinje", "kommunstyrelsen", "offentlig", "Ej beslutad.",
                     "parent = \"IS-POL-001\"\n"));
    r.write("policies/riktlinjer/hemlig.md",
            document("IS-RL-003", "Hemliga riktlinjen", "riktlinje", "kommunstyrelsen", "sekretess", "Hemlig text XYZZY.",
                     "parent = \"IS-POL-001\"\n"));
    r.write("policies/handbok.md",
            document("IS-HB-001", "Handbok för alla", "handbok", "kommunstyrelsen", "offentlig", "Handbokstext ett.",
                     "parent = \"IS-POL-001\"\n"));
    r.commit("Första versionerna", "2026-01-10T10:00:00");
    r.decide("beslut/2026-01-15-ks", "2026-01-15T10:00:00+01:00", {"IS-POL-001", "IS-RL-001", "IS-RL-003", "IS-RL-004"});
    r.write("policies/riktlinjer/backup.md",
            document("IS-RL-001", "Riktlinje för säkerhetskopiering", "riktlinje", "kommunstyrelsen", "intern",
                     "Timvisa kopior.", "parent = \"IS-POL-001\"\ntags = [\"kontinuitet\"]\n"));
    r.write("policies/handbok.md",
            document("IS-HB-001", "Handbok för alla", "handbok", "kommunstyrelsen", "offentlig", "Handbokstext två.",
                     "parent = \"IS-POL-001\"\n"));
    r.commit("Revidering påbörjad", "2026-02-01T10:00:00");
    // Not committed: never published, except in a preview.
    r.write("policies/policy.md",
            document("IS-POL-001", "Informationssäkerhetspolicy", "policy", "kommunfullmäktige", "offentlig",
                     "Policytext OSPARAD."));
    r.write("policies/handbok.md",
            document("IS-HB-001", "Handbok för alla", "handbok", "kommunstyrelsen", "offentlig", "Handbokstext OSPARAD.",
                     "parent = \"IS-POL-001\"\n"));
    return r;
  }();
  return repo;
}

}  // namespace

TEST_CASE("the site publishes the approved version of every document, and nothing unapproved")
{
  const Repo& repo = standard_repo();
  const fs::path out = fresh_dir("out-approved") / "site";
  const auto result = repo.build(out);
  REQUIRE(result);
  CHECK(result->documents == 4);
  CHECK(result->decisions == 1);

  const std::string policy = read_file(out / "dokument/IS-POL-001/index.html");
  CHECK(contains(policy, "Policytext version ett."));
  const std::string backup = read_file(out / "dokument/IS-RL-001/index.html");
  CHECK(contains(backup, "Dagliga kopior."));  // the approved text, not the committed revision
  CHECK(contains(backup, "En revidering av dokumentet pågår"));
  // To a reader the approved text is in force: not "Ändrad efter fastställelse", which reads
  // as if the text shown had been changed.
  CHECK(contains(backup, "<span class=\"status status-revising\">Gäller, revidering pågår</span>"));
  CHECK_FALSE(contains(backup, "Ändrad efter fastställelse"));
  const std::string unchanged = read_file(out / "dokument/IS-RL-004/index.html");
  CHECK_FALSE(contains(unchanged, "En revidering"));
  CHECK(contains(unchanged, "Fastställd"));
  // A supporting document as of the last commit: never uncommitted text.
  const std::string handbook = read_file(out / "dokument/IS-HB-001/index.html");
  CHECK(contains(handbook, "Handbokstext två."));
  CHECK(contains(handbook, "Stöddokument"));
  CHECK(files_containing(out, "Timvisa").empty());
  CHECK(files_containing(out, "OSPARAD").empty());
  // Drafts and secret documents: not a page, not a title, not a word.
  CHECK_FALSE(fs::exists(out / "dokument/IS-RL-002"));
  CHECK(files_containing(out, "Utkastriktlinjen").empty());
  CHECK_FALSE(fs::exists(out / "dokument/IS-RL-003"));
  CHECK(files_containing(out, "Hemliga riktlinjen").empty());
  CHECK(files_containing(out, "XYZZY").empty());
  // The pages of the site are all there.
  for (const char* page : {"index.html", "beslut.html", "sok.html", "404.html", "feed.xml", "amne/index.html",
                           "amne/kontinuitet.html", "typ/riktlinje.html", "typ/policy.html", "typ/handbok.html",
                           "dokument/IS-RL-001/historik.html", "dokument/IS-RL-001/v1.html", "assets/style.css",
                           "assets/logo.svg"}) {
    CAPTURE(page);
    CHECK(fs::exists(out / page));
  }
  CHECK(contains(read_file(out / "index.html"), "Dokument under revidering"));
  // Nothing but the cache is written to the repository.
  CHECK(fs::exists(repo.dir() / ".styr-cache/.gitignore"));
  CHECK(run(repo.dir(), "test -z \"$(git status --porcelain --untracked-files=all | grep -v '^ M policies/')\"") == 0);
}

TEST_CASE("a preview builds the working tree and marks every unapproved page as a draft")
{
  const Repo& repo = standard_repo();
  const fs::path out = fresh_dir("out-preview") / "site";
  BuildOptions options;
  options.preview = true;
  const auto result = repo.build(out, options);
  REQUIRE(result);
  const std::string draft = read_file(out / "dokument/IS-RL-002/index.html");
  CHECK(contains(draft, "<title>UTKAST – ej fastställd – Utkastriktlinjen – Testkommun</title>"));
  CHECK(contains(draft, "class=\"draft-banner\""));
  const std::string policy = read_file(out / "dokument/IS-POL-001/index.html");
  CHECK(contains(policy, "Policytext OSPARAD."));
  CHECK(contains(policy, "<title>UTKAST – ej fastställd"));
  const std::string unchanged = read_file(out / "dokument/IS-RL-004/index.html");
  CHECK_FALSE(contains(unchanged, "UTKAST"));
  CHECK_FALSE(contains(unchanged, "draft-banner"));
  // Secret documents are not published in any mode.
  CHECK_FALSE(fs::exists(out / "dokument/IS-RL-003"));
  CHECK(files_containing(out, "XYZZY").empty());
  CHECK(files_containing(out, "Hemliga riktlinjen").empty());
}

TEST_CASE("the public site has offentlig documents only")
{
  const Repo& repo = standard_repo();
  const fs::path out = fresh_dir("out-public") / "site";
  BuildOptions options;
  options.audience = Audience::public_site;
  const auto result = repo.build(out, options);
  REQUIRE(result);
  CHECK(fs::exists(out / "dokument/IS-POL-001/index.html"));
  CHECK(fs::exists(out / "dokument/IS-RL-004/index.html"));
  CHECK_FALSE(fs::exists(out / "dokument/IS-RL-001"));  // intern
  CHECK(files_containing(out, "Dagliga kopior").empty());
  CHECK(files_containing(out, "XYZZY").empty());
  // The policy's link to the internal guideline is text only.
  CHECK_FALSE(contains(read_file(out / "dokument/IS-POL-001/index.html"), "IS-RL-001/index.html"));
}

TEST_CASE("secret documents are listed by title, without content, only when configured")
{
  const Repo& repo = standard_repo();
  const fs::path out = fresh_dir("out-secret-titles") / "site";
  Workspace ws = repo.workspace();
  ws.config.list_secret_titles = true;
  BuildOptions options;
  options.output = out;
  REQUIRE(build_site(ws, options));
  const std::string index = read_file(out / "index.html");
  CHECK(contains(index, "Hemliga riktlinjen"));
  CHECK(contains(index, "IS-RL-003"));
  CHECK_FALSE(fs::exists(out / "dokument/IS-RL-003"));
  CHECK(files_containing(out, "XYZZY").empty());
}

TEST_CASE("links to documents are rewritten to their pages; links that cannot be followed are text")
{
  const Repo& repo = standard_repo();
  const fs::path out = fresh_dir("out-links") / "site";
  const auto result = repo.build(out);
  REQUIRE(result);
  const std::string policy = read_file(out / "dokument/IS-POL-001/index.html");
  CHECK(contains(policy, "Se <a href=\"../IS-RL-001/index.html#syfte\">riktlinjen</a>, utkastet, hemligheten, lösen, "
                         "skript och saknad."));
  CHECK_FALSE(contains(policy, "passwd"));
  std::string warnings;
  for (const BuildWarning& w : result->warnings) {
    warnings += w.path + ": " + w.message + "\n";
  }
  CAPTURE(warnings);
  CHECK(contains(warnings, "policies/policy.md: link \"riktlinjer/utkast.md\" points to IS-RL-002, a draft"));
  CHECK(contains(warnings, "policies/policy.md: link \"riktlinjer/hemlig.md\" points to IS-RL-003, which is confidential"));
  CHECK(contains(warnings, "link \"../../etc/passwd\" points outside the repository"));
  CHECK(contains(warnings, "link \"javascript:alert(1)\" uses a scheme that is not allowed"));
  CHECK(contains(warnings, "link \"finns-inte.md\" points to policies/finns-inte.md, which is not a document"));
}

TEST_CASE("links are resolved alike in every version shown, and only the texts in force are warned about")
{
  const Repo& repo = standard_repo();
  auto snap = load_snapshot(repo.dir(), std::string("HEAD"), Date{std::chrono::year{2026}, std::chrono::month{6},
                                                                  std::chrono::day{1}});
  REQUIRE(snap);
  const Publication pub = collect_publication(*snap, PublishOptions{});
  const PublishedDocument* policy = pub.find("IS-POL-001");
  REQUIRE(policy != nullptr);
  std::vector<bool> shown(pub.contents.size(), false);
  shown[policy->content] = true;
  const std::vector<bool> none(pub.contents.size(), false);

  const ResolvedLinks old_version = resolve_links(repo.workspace(), *snap, pub, shown, none);
  const auto& hrefs = old_version.by_content[policy->content];
  CHECK(hrefs.at("l:riktlinjer/backup.md#Syfte") == std::optional<std::string>("../IS-RL-001/index.html#syfte"));
  CHECK(hrefs.at("l:riktlinjer/utkast.md") == std::nullopt);
  CHECK_FALSE(hrefs.contains("l:javascript:alert(1)"));  // never a link, so never resolved
  CHECK(old_version.warnings.empty());

  const ResolvedLinks in_force = resolve_links(repo.workspace(), *snap, pub, shown, shown);
  CHECK(in_force.by_content[policy->content] == hrefs);
  CHECK(in_force.warnings.size() == 5);
}

TEST_CASE("a renamed document keeps its address, and links written before the rename still lead to it")
{
  Repo repo("site-rename");
  repo.write("policies/policy.md", document("IS-POL-001", "Policy", "policy", "kommunfullmäktige", "offentlig",
                                            "Se [kopiering](riktlinjer/backup.md#syfte)."));
  repo.write("policies/riktlinjer/backup.md", document("IS-RL-001", "Kopiering", "riktlinje", "kommunstyrelsen",
                                                       "offentlig", "Kopior.", "parent = \"IS-POL-001\"\n"));
  repo.commit("Första", "2026-01-10T10:00:00");
  repo.decide("beslut/2026-01-15-ks", "2026-01-15T10:00:00+01:00", {"IS-POL-001", "IS-RL-001"});
  REQUIRE(run(repo.dir(), "mkdir -p policies/kontinuitet && git mv policies/riktlinjer/backup.md "
                          "policies/kontinuitet/sakerhetskopiering.md") == 0);
  repo.commit("Flyttad", "2026-02-01T10:00:00");
  const fs::path out = fresh_dir("out-rename") / "site";
  const auto result = repo.build(out);
  REQUIRE(result);
  CHECK(result->warnings.empty());
  CHECK(contains(read_file(out / "dokument/IS-RL-001/index.html"), "Kopior."));
  CHECK(contains(read_file(out / "dokument/IS-POL-001/index.html"),
                 "<a href=\"../IS-RL-001/index.html#syfte\">kopiering</a>"));
}

TEST_CASE("every approved version keeps a stable address, with a readable diff from the one before")
{
  Repo repo("site-versions");
  const auto backup = [&](std::string_view text) {
    repo.write("policies/backup.md",
               document("IS-RL-001", "Kopiering", "riktlinje", "kommunstyrelsen", "offentlig", text));
  };
  backup("Kopior tas dagligen av IT.");
  repo.commit("v1", "2026-01-10T10:00:00");
  repo.decide("beslut/2026-01-15-ks", "2026-01-15T10:00:00+01:00", {"IS-RL-001"}, "Första beslutet.");
  backup("Kopior tas varje timme av IT.\n\nKopiorna testas varje månad.");
  repo.commit("v2", "2026-03-10T10:00:00");
  repo.decide("beslut/2026-03-15-ks", "2026-03-15T10:00:00+01:00", {"IS-RL-001"}, "Andra beslutet.");
  repo.commit("ingen ändring", "2027-03-01T10:00:00");
  repo.decide("beslut/2027-03-05-ks", "2027-03-05T10:00:00+01:00", {"IS-RL-001"}, "Aktualitetsprövning.");

  const fs::path out = fresh_dir("out-versions") / "site";
  const auto result = repo.build(out);
  REQUIRE(result);
  CHECK(result->decisions == 3);
  CHECK(contains(read_file(out / "dokument/IS-RL-001/v1.html"), "Kopior tas dagligen av IT."));
  const std::string v2 = read_file(out / "dokument/IS-RL-001/v2.html");
  CHECK(contains(v2, "<del><span class=\"visually-hidden\">Borttaget: </span>dagligen</del>"));
  CHECK(contains(v2, "<ins><span class=\"visually-hidden\">Tillagt: </span>varje timme</ins>"));
  CHECK(contains(v2, "<p class=\"diff-tag\">Nytt stycke</p>"));
  CHECK(contains(v2, "Kopiorna testas varje månad."));
  CHECK_FALSE(fs::exists(out / "dokument/IS-RL-001/v3.html"));  // a re-approval is no new version
  const std::string page = read_file(out / "dokument/IS-RL-001/index.html");
  CHECK(contains(page, "Version 2"));
  CHECK(contains(page, "Aktualitetsprövad"));
  CHECK(contains(page, "2027-03-05"));
  CHECK(contains(page, "2028-03-05"));  // next review: the re-approval plus twelve months
  const std::string history = read_file(out / "dokument/IS-RL-001/historik.html");
  CHECK(contains(history, "Aktualitetsprövning utan ändring"));
  CHECK(contains(history, "<a href=\"v1.html\">Version 1</a>"));
  CHECK(contains(history, "<a href=\"v2.html\">Version 2</a>"));
  const std::string log = read_file(out / "beslut.html");
  CHECK(contains(log, "id=\"beslut-2026-03-15-ks\""));
  const std::string feed = read_file(out / "feed.xml");
  CHECK(feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""));
  CHECK(contains(feed, "<id>tag:example.se,2026-03-15:beslut/2026-03-15-ks</id>"));
  CHECK(contains(feed, "<updated>2027-03-05T09:00:00Z</updated>"));
  CHECK(contains(feed, "<link rel=\"alternate\" type=\"text/html\" href=\"beslut.html#beslut-2026-03-15-ks\"/>"));
}

TEST_CASE("every value from front matter and git is escaped")
{
  Repo repo("site-escape", "Karin \"Ek\" <script>alert(5)</script>");
  repo.write("policies/policy.md",
             "+++\nid = \"IS-POL-001\"\ntitle = \"Policy <script>alert(1)</script>\"\ntype = \"policy\"\n"
             "owner = \"\\\"><img src=x onerror=alert(2)>\"\ndecided_by = \"kommunfullmäktige\"\n"
             "audience = [\"<b>alla</b>\"]\napplies_to = \"<i>kommunen</i>\"\nreview_interval_months = 12\n"
             "publicity = \"offentlig\"\ntags = [\"<svg onload=alert(3)>\"]\nrelated = [\"<u>X</u>\"]\n+++\n\n"
             "# Policy <script>alert(1)</script>\n\n## Syfte <em>x</em>\n\nText.\n");
  repo.commit("Första", "2026-01-10T10:00:00");
  repo.decide("beslut/2026-01-15-kf", "2026-01-15T10:00:00+01:00", {"IS-POL-001"},
              "Beslut <script>alert(4)</script>", "KF <b>1</b>", "<i>2026/1</i>");
  const fs::path out = fresh_dir("out-escape") / "site";
  REQUIRE(repo.build(out));
  for (const char* raw : {"<script>alert", "<img src=x", "<b>alla", "<i>kommunen", "<svg onload", "<u>X", "<b>1</b>",
                          "<i>2026", "<em>x"}) {
    CAPTURE(raw);
    CHECK(files_containing(out, raw, true).empty());
  }
  const std::string page = read_file(out / "dokument/IS-POL-001/index.html");
  CHECK(contains(page, "<h1>Policy &lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
  CHECK(contains(page, "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
  CHECK(contains(page, "&lt;b&gt;alla&lt;/b&gt;"));
  CHECK(contains(page, "KF &lt;b&gt;1&lt;/b&gt;"));
  CHECK(contains(read_file(out / "beslut.html"), "Karin &quot;Ek&quot; &lt;script&gt;"));
  CHECK(contains(read_file(out / "feed.xml"), "Beslut &lt;script&gt;alert(4)&lt;/script&gt;"));
}

TEST_CASE("the same repository state gives byte-identical output, with or without the cache")
{
  const Repo& repo = standard_repo();
  const fs::path base = fresh_dir("out-determinism");
  REQUIRE(repo.build(base / "a"));
  REQUIRE(repo.build(base / "b"));
  fs::remove_all(repo.dir() / ".styr-cache");
  const auto cold = repo.build(base / "c");
  REQUIRE(cold);
  CHECK(cold->reused == 0);
  const auto a = read_tree(base / "a");
  CHECK(a.size() > 20);
  CHECK(a == read_tree(base / "b"));
  CHECK(a == read_tree(base / "c"));
  // A rebuild takes the rendered bodies and diffs from the cache.
  const auto warm = repo.build(base / "d");
  REQUIRE(warm);
  CHECK(warm->reused > 0);
  CHECK(a == read_tree(base / "d"));
}

TEST_CASE("a build that fails midway leaves the previous site as it was")
{
  const Repo& repo = standard_repo();
  const fs::path parent = fresh_dir("out-atomic");
  const fs::path out = parent / "site";
  REQUIRE(repo.build(out));
  const auto before = read_tree(out);
  BuildOptions options;
  options.preview = true;  // a different site, so a half-written one would show
  options.fail_after_files = 5;
  const auto failed = repo.build(out, options);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().kind == BuildErrorKind::io);
  CHECK(read_tree(out) == before);
  // Nothing is left beside it: no staging folder, no lock file.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(parent)) {
    names.push_back(entry.path().filename().string());
  }
  CHECK(names == std::vector<std::string>{"site"});
  // The next build replaces it whole.
  options.fail_after_files = 0;
  REQUIRE(repo.build(out, options));
  CHECK(fs::exists(out / "dokument/IS-RL-002/index.html"));
}

TEST_CASE("the output folder may not be, contain or lie inside the sources")
{
  const Repo& repo = standard_repo();
  const fs::path root = repo.dir();
  const fs::path foreign = fresh_dir("out-foreign");
  write_file(foreign / "viktig.txt", "behåll mig");
  write_file(fresh_dir("out-file-parent") / "fil", "en fil");
  for (const fs::path& bad : {root, root / ".", root / "policies", root / "policies/riktlinjer/site", root / "templates",
                              root / "site", root.parent_path(), root / ".git", root / ".git/site",
                              root / ".styr-cache/site", foreign, test_dir() / "out-file-parent/fil"}) {
    CAPTURE(bad);
    const auto result = repo.build(bad);
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == BuildErrorKind::refused);
    CHECK(contains(result.error().message, "refusing"));
  }
  CHECK(read_file(foreign / "viktig.txt") == "behåll mig");
  CHECK_FALSE(fs::exists(root / "policies/riktlinjer/site"));
  // A folder inside the repository that is none of those is fine, relative or not.
  Workspace ws = repo.workspace();
  BuildOptions options;
  options.output = "_site";
  const auto ok = build_site(ws, options);
  REQUIRE(ok);
  CHECK(ok->output == fs::canonical(root) / "_site");
  fs::remove_all(root / "_site");
}

TEST_CASE("a second build waits for the lock beside the output")
{
  const Repo& repo = standard_repo();
  const fs::path out = fresh_dir("out-lock") / "site";
  auto lock = std::make_optional(OutputLock::acquire(out, {}));
  REQUIRE(*lock);
  std::mutex m;
  std::condition_variable cv;
  bool waiting = false;
  BuildOptions options;
  options.output = out;
  options.on_wait = [&] {
    const std::lock_guard g(m);
    waiting = true;
    cv.notify_all();
  };
  const Workspace ws = repo.workspace();
  std::optional<tl::expected<BuildResult, BuildError>> result;
  std::thread builder([&] { result = build_site(ws, options); });
  {
    std::unique_lock g(m);
    cv.wait(g, [&] { return waiting; });
  }
  CHECK_FALSE(fs::exists(out));  // still waiting
  lock.reset();                  // the other build is done
  builder.join();
  REQUIRE(result);
  CHECK(result->has_value());
  CHECK(fs::exists(out / "index.html"));
  CHECK_FALSE(fs::exists(out.parent_path() / ".site.lock"));
}

TEST_CASE("a repository's own templates and labels replace the built-in ones file by file")
{
  Repo repo("site-theme");
  repo.write("policies/policy.md", document("IS-POL-001", "Policy", "policy", "kommunfullmäktige", "offentlig", "Text."));
  repo.write("templates/404.mustache", "<p>Egen 404 för {{organisation}}</p>\n");
  repo.write("templates/labels.toml", "[sv]\nnav_search = \"Hitta\"\n");
  repo.write("site/extra.txt", "egen fil\n");
  repo.commit("Första", "2026-01-10T10:00:00");
  const fs::path out = fresh_dir("out-theme") / "site";
  BuildOptions options;
  options.preview = true;
  REQUIRE(repo.build(out, options));
  CHECK(contains(read_file(out / "404.html"), "<p>Egen 404 för Testkommun</p>"));
  CHECK(contains(read_file(out / "index.html"), ">Hitta</a>"));
  CHECK(contains(read_file(out / "index.html"), "Hoppa till innehållet"));  // the other labels stay
  CHECK(read_file(out / "assets/extra.txt") == "egen fil\n");
  CHECK(fs::exists(out / "assets/style.css"));

  repo.write("templates/list.mustache", "<h1>{{title}}</h1>\n<ul>\n  {{#broken}}\n</ul>\n");
  const auto bad = repo.build(out, options);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == BuildErrorKind::theme);
  // Where to look, as an editor goes to it: the section opened on line 3, column 3.
  CHECK(bad.error().message == "templates/list.mustache:3:3: the template is invalid: Unclosed section \"broken\"");
}

TEST_CASE("a document's notes follow its text, in the site's language and its search")
{
  Repo repo("site-footnotes");
  repo.write("policies/policy.md",
             document("IS-POL-001", "Policy", "policy", "kommunfullmäktige", "offentlig",
                      "Kommunen följer lagen.[^1]\n\n```\nkod\n```\n\n## Ansvar\n\nText.\n\n[^1]: Lagen xqzvbk.\n"));
  repo.commit("Första", "2026-01-10T10:00:00");
  repo.decide("beslut/2026-01-15-kf", "2026-01-15T10:00:00+01:00", {"IS-POL-001"});
  const fs::path out = fresh_dir("out-footnotes") / "site";
  REQUIRE(repo.build(out));
  const std::string page = read_file(out / "dokument/IS-POL-001/index.html");
  CHECK(contains(page, "lagen.<sup class=\"footnote-ref\"><a href=\"#fotnot-1\" id=\"fotnot-1-ref\" "
                       "aria-label=\"Fotnot 1\">1</a></sup>"));
  CHECK(contains(page, "<p>Text.</p>\n<section class=\"footnotes\" aria-labelledby=\"fotnoter\">\n"
                       "<h2 id=\"fotnoter\">Fotnoter</h2>"));
  CHECK(contains(page, "aria-label=\"Tillbaka till texten\""));
  CHECK(contains(page, "<div class=\"code-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Kodblock 1\">"));
  CHECK_FALSE(contains(page, "href=\"#fotnoter\""));  // the notes are no section in the table of contents
  const auto found = files_containing(out, "xqzvbk");
  CHECK(std::any_of(found.begin(), found.end(), [](const std::string& f) { return f.starts_with("search/"); }));

  // Labels of the repository's own are used, also by a build that could reuse the bodies.
  repo.write("templates/labels.toml", "[sv]\nfootnotes = \"Noter\"\nfootnote = \"Not\"\n");
  repo.commit("Egna etiketter", "2026-01-20T10:00:00");
  REQUIRE(repo.build(out));
  const std::string relabelled = read_file(out / "dokument/IS-POL-001/index.html");
  CHECK(contains(relabelled, "<h2 id=\"fotnoter\">Noter</h2>"));
  CHECK(contains(relabelled, "aria-label=\"Not 1\""));
}

TEST_CASE("the interface is in English with language = \"en\"")
{
  Repo repo("site-english");
  repo.write("styr.toml", "[organisation]\nname = \"Testkommun\"\nlanguage = \"en\"\nroles = [\"IT-chef\"]\n");
  repo.write("policies/policy.md", document("IS-POL-001", "Policy", "policy", "kommunfullmäktige", "offentlig",
                                            "Text.[^1]\n\n    code\n\n[^1]: A note.\n"));
  repo.commit("Första", "2026-01-10T10:00:00");
  repo.decide("beslut/2026-01-15-kf", "2026-01-15T10:00:00+01:00", {"IS-POL-001"});
  const fs::path out = fresh_dir("out-english") / "site";
  REQUIRE(repo.build(out));
  const std::string index = read_file(out / "index.html");
  CHECK(contains(index, "<html lang=\"en\">"));
  CHECK(contains(index, "Skip to content"));
  CHECK(contains(index, "Latest decisions"));
  const std::string page = read_file(out / "dokument/IS-POL-001/index.html");
  CHECK(contains(page, "About this document"));
  CHECK(contains(page, ">Policy</a>"));
  CHECK(contains(page, "aria-label=\"Footnote 1\""));
  CHECK(contains(page, "<h2 id=\"fotnoter\">Footnotes</h2>"));
  CHECK(contains(page, "aria-label=\"Back to the text\""));
  CHECK(contains(page, "aria-label=\"Code block 1\""));
}

TEST_CASE("a count is named in the singular for one, in the plural otherwise, in both languages")
{
  Workspace workspace;
  workspace.root = test_dir() / "no-repository";
  Theme en;
  en.labels = load_labels(workspace, "en").value();
  Theme sv;
  sv.labels = load_labels(workspace, "sv").value();
  CHECK(en.label("documents_count", 1) == "document");
  CHECK(en.label("documents_count", 0) == "documents");
  CHECK(en.label("documents_count", 2) == "documents");
  CHECK(en.label("decision_hidden", 1) == "document not published here");
  CHECK(en.label("decision_hidden", 3) == "documents not published here");
  CHECK(sv.label("documents_count", 1) == "dokument");
  CHECK(sv.label("diff_count_added", 1) == "tillagt");
  CHECK(sv.label("diff_count_added", 2) == "tillagda");
  // Every label in both languages, and every form for one beside the form for others.
  for (const auto& [key, text] : sv.labels) {
    CHECK_MESSAGE(en.labels.contains(key), key);
  }
  for (const auto& [key, text] : en.labels) {
    CHECK_MESSAGE((key.find('.') != std::string::npos || sv.labels.contains(key)), key);
    CHECK_MESSAGE((!key.ends_with("_one") || en.labels.contains(key.substr(0, key.size() - 4))), key);
  }
}

TEST_CASE("a normal build needs git; a preview does not")
{
  // Outside the build folder, which may lie inside a git repository.
  const fs::path dir = fs::temp_directory_path() / fmt::format("styr-site-no-git-{}", ::getpid());
  fs::remove_all(dir);
  write_file(dir / "styr.toml", "[organisation]\nname = \"Testkommun\"\n");
  write_file(dir / "policies/policy.md",
             document("IS-POL-001", "Policy", "policy", "kommunfullmäktige", "offentlig", "Text."));
  auto ws = open_workspace(dir);
  REQUIRE(ws);
  BuildOptions options;
  options.output = dir / "_site";
  const auto normal = build_site(*ws, options);
  REQUIRE_FALSE(normal);
  CHECK(normal.error().kind == BuildErrorKind::repository);
  options.preview = true;
  const auto preview = build_site(*ws, options);
  REQUIRE(preview);
  CHECK(contains(read_file(dir / "_site/dokument/IS-POL-001/index.html"), "UTKAST – ej fastställd"));
  fs::remove_all(dir);
}

TEST_CASE("files a document links to are published beside it, when they are plain files of a harmless kind")
{
  Repo repo("site-files");
  repo.write("policies/policy.md",
             document("IS-POL-001", "Policy", "policy", "kommunfullmäktige", "offentlig",
                      "Se [blanketten](bilagor/blankett.pdf), ![schema](bilagor/schema.png), [sidan](bilagor/sida.html) "
                      "och [länken](bilagor/hemlig.pdf)."));
  repo.write("policies/bilagor/blankett.pdf", "%PDF-1.4 blankett");
  repo.write("policies/bilagor/schema.png", "\x89PNG bild");
  repo.write("policies/bilagor/sida.html", "<script>alert(1)</script>");
  const fs::path outside = test_dir() / "utanfor.pdf";
  write_file(outside, "HEMLIGT INNEHÅLL");
  fs::create_symlink(outside, repo.dir() / "policies/bilagor/hemlig.pdf");
  repo.commit("Första", "2026-01-10T10:00:00");
  repo.decide("beslut/2026-01-15-kf", "2026-01-15T10:00:00+01:00", {"IS-POL-001"});
  for (const bool preview : {false, true}) {
    CAPTURE(preview);
    const fs::path out = fresh_dir(preview ? "out-files-preview" : "out-files") / "site";
    BuildOptions options;
    options.preview = preview;
    const auto result = repo.build(out, options);
    REQUIRE(result);
    const std::string page = read_file(out / "dokument/IS-POL-001/index.html");
    const auto pdf = page.find("<a href=\"../../filer/");
    REQUIRE(pdf != std::string::npos);
    const std::size_t start = pdf + std::string_view("<a href=\"").size();
    const std::string href = page.substr(start, page.find('"', start) - start);
    CHECK(href.ends_with("/blankett.pdf"));
    CHECK(read_file(out / href.substr(6)) == "%PDF-1.4 blankett");
    CHECK(contains(page, "<img src=\"../../filer/"));
    CHECK(contains(page, "alt=\"schema\""));
    CHECK(contains(page, ", sidan och länken."));  // not published: text only
    CHECK(files_containing(out, "HEMLIGT").empty());
    CHECK(files_containing(out, "<script>alert").empty());
  }
}

TEST_CASE("a rebuild links the files that did not change instead of writing them again")
{
  const Repo& repo = standard_repo();
  const fs::path out = fresh_dir("out-incremental") / "site";
  const auto first = repo.build(out);
  REQUIRE(first);
  const auto before = read_tree(out);
  // Kept by their keys, not made again only to be found identical.
  BuildOptions counted;
  std::atomic<int> made{0};
  counted.on_page_rendered = [&](const std::string&) { made.fetch_add(1); };
  const auto second = repo.build(out, counted);
  REQUIRE(second);
  CHECK(second->files == first->files);
  CHECK(second->unchanged == second->files);
  CHECK(made.load() == 0);
  CHECK(read_tree(out) == before);
  // A file edited in the published site since is written anew, not linked.
  {
    std::ofstream edit(out / "index.html", std::ios::app);
    edit << "<!-- edited -->";
  }
  const auto third = repo.build(out);
  REQUIRE(third);
  CHECK(third->unchanged == third->files - 1);
  CHECK(read_tree(out) == before);
  // Without the cache, everything is written.
  BuildOptions options;
  options.use_cache = false;
  const auto cold = repo.build(out, options);
  REQUIRE(cold);
  CHECK(cold->unchanged == 0);
  CHECK(read_tree(out) == before);
}

TEST_CASE("a rebuild after a re-approval gives the site a cold build gives, its search index included")
{
  Repo repo("site-reapproval");
  const auto backup = [&](std::string_view body) {
    repo.write("policies/backup.md", document("IS-RL-001", "Riktlinje för säkerhetskopiering", "riktlinje",
                                              "kommunstyrelsen", "offentlig", body, "parent = \"IS-POL-001\"\n"));
  };
  repo.write("policies/policy.md", document("IS-POL-001", "Informationssäkerhetspolicy", "policy", "kommunfullmäktige",
                                            "offentlig", "Policytext om ansvar."));
  backup("Dagliga kopior.");
  std::vector<std::string> ids = {"IS-POL-001", "IS-RL-001"};
  for (int i = 2; i <= 12; ++i) {
    ids.push_back(fmt::format("IS-RL-{:03}", i));
    repo.write(fmt::format("policies/rl{}.md", i),
               document(ids.back(), fmt::format("Riktlinje {}", i), "riktlinje", "kommunstyrelsen", "offentlig",
                        fmt::format("Text nummer {}.", i), "parent = \"IS-POL-001\"\n"));
  }
  repo.commit("Första", "2026-01-10T10:00:00");
  repo.decide("beslut/2026-01-15-ks", "2026-01-15T10:00:00+01:00", ids);
  const fs::path base = fresh_dir("out-reapproval");
  REQUIRE(repo.build(base / "site"));
  const auto first = read_tree(base / "site");

  // The rebuild takes the other documents' pages, bodies and search words from the last build.
  backup("Dagliga kopior och återläsningsprov.");
  repo.commit("Återläsning", "2026-02-10T10:00:00");
  repo.decide("beslut/2026-02-15-ks", "2026-02-15T10:00:00+01:00", {"IS-RL-001"});
  BuildOptions counted;
  std::mutex made_mutex;
  std::set<std::string> made;
  counted.on_page_rendered = [&](const std::string& path) {
    const std::lock_guard lock(made_mutex);
    made.insert(path);
  };
  const auto rebuilt = repo.build(base / "site", counted);
  REQUIRE(rebuilt);
  CHECK(rebuilt->unchanged > 0);
  CHECK(rebuilt->reused > 0);
  // Its own pages are made again, and the lists and the log that show its version; no page
  // of another document is.
  CHECK(made.contains("dokument/IS-RL-001/index.html"));
  CHECK(made.contains("dokument/IS-RL-001/v2.html"));
  CHECK(made.contains("beslut.html"));
  for (const std::string& path : made) {
    INFO(path);
    CHECK_FALSE((path.starts_with("dokument/IS-") && !path.starts_with("dokument/IS-RL-001/")));
  }
  BuildOptions cold;
  cold.use_cache = false;
  REQUIRE(repo.build(base / "cold", cold));
  const auto second = read_tree(base / "site");
  CHECK(second == read_tree(base / "cold"));
  const auto changed_in_index = std::count_if(second.begin(), second.end(), [&](const auto& file) {
    return file.first.starts_with("search/") && first.contains(file.first) && first.at(file.first) != file.second;
  });
  CHECK(changed_in_index > 0);
}

TEST_CASE("a recycled site with a file where the new one has a folder, or the other way round, is set right")
{
  const fs::path base = fresh_dir("recycled-layout");
  const fs::path out = base / "site";
  const SiteRecords records = SiteRecords::in(base / "cache", out);
  // One build: stage (recycling the spare when there is one), write, swap in, record.
  const auto build = [&](const std::map<std::string, std::string>& files) {
    auto staging = StagingFolder::create(out, records);
    REQUIRE(staging);
    SiteWriter writer(staging->path(), out, records, staging->recycled());
    for (const auto& [path, data] : files) {
      REQUIRE(writer.write(path, data));
    }
    REQUIRE(writer.finish());
    REQUIRE(staging->commit());
    writer.save_manifest(staging->kept_previous());
    return staging->recycled();
  };
  CHECK_FALSE(build({{"a", "file 1"}}));
  CHECK_FALSE(build({{"a", "file 2"}}));                // the first site becomes the spare
  CHECK(build({{"a/index.html", "folder 3"}}));         // its file "a" stands in the way
  CHECK(read_file(out / "a/index.html") == "folder 3");
  CHECK(build({{"b", "file 4"}}));
  CHECK(build({{"a", "file 5"}}));                      // the spare has a folder "a"
  CHECK(read_file(out / "a") == "file 5");
  std::vector<std::string> listed;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(out)) {
    listed.push_back(e.path().lexically_relative(out).string());
  }
  CHECK(listed == std::vector<std::string>{"a"});
}

TEST_CASE("template_fields() names what the templates' data holds: no more, no less")
{
  // A site with a page of every kind and every optional value: versions, a review overdue
  // and one without a change, a repealed document and its successor, an action plan, a
  // supporting document, a secret one, a revision in progress and a draft.
  Repo r("site-every-name");
  const auto policy = [&](std::string_view body) {
    return document("IS-POL-001", "Policy", "policy", "kommunfullmäktige", "offentlig", body,
                    "tags = [\"kontinuitet\"]\nrelated = [\"IS-RL-001\"]\napplies_to = \"Alla\"\n");
  };
  const auto riktlinje = [&](std::string_view id, std::string_view extra, std::string_view body = "Text.") {
    return document(id, fmt::format("Riktlinje {}", id), "riktlinje", "kommunstyrelsen", "intern", body,
                    fmt::format("parent = \"IS-POL-001\"\n{}", extra));
  };
  r.write("policies/policy.md", policy("Ett.\n\n### Del\n\nText."));
  r.write("policies/rl1.md", riktlinje("IS-RL-001", ""));
  r.write("policies/rl2.md", riktlinje("IS-RL-002", ""));
  r.write("policies/rl4.md", riktlinje("IS-RL-004", ""));
  r.write("policies/rl5.md", riktlinje("IS-RL-005", ""));
  r.write("policies/hemlig.md", document("IS-RL-009", "Hemlig", "riktlinje", "kommunstyrelsen", "sekretess", "X."));
  r.write("policies/handbok.md", document("IS-HB-001", "Handbok", "handbok", "kommunstyrelsen", "offentlig", "H."));
  r.write("policies/plan.md",
          document("IS-HP-001", "Plan", "handlingsplan", "kommunstyrelsen", "intern", "P.",
                   "[[action]]\nid = \"HP-1\"\ntitle = \"Gör\"\nowner = \"IT-chef\"\ndue = 2020-03-31\n"
                   "state = \"pågår\"\n"));
  r.commit("Första", "2020-01-10T10:00:00");
  r.decide("beslut/1", "2020-01-15T10:00:00+01:00",
           {"IS-POL-001", "IS-RL-001", "IS-RL-002", "IS-RL-004", "IS-RL-009", "IS-HP-001"});
  r.write("policies/policy.md", policy("Två.\n\n### Del\n\nText."));
  r.write("policies/rl2.md", riktlinje("IS-RL-002", "retired = true\n"));
  r.write("policies/rl3.md", riktlinje("IS-RL-003", "replaces = [\"IS-RL-002\"]\n"));
  r.commit("Andra", "2020-02-10T10:00:00");
  r.decide("beslut/2", "2020-02-15T10:00:00+01:00", {"IS-POL-001", "IS-RL-001", "IS-RL-002", "IS-RL-003"});
  r.write("policies/rl4.md", riktlinje("IS-RL-004", "", "Ändrad."));
  r.commit("Revision", "2020-03-01T10:00:00");

  std::mutex mutex;
  std::map<std::string, std::set<std::string>> seen;
  BuildOptions options;
  options.on_template_data = [&](std::string_view name, const std::set<std::string>& names) {
    const std::lock_guard lock(mutex);
    seen[std::string(name)].insert(names.begin(), names.end());
  };
  Workspace ws = r.workspace();
  ws.config.list_secret_titles = true;
  ws.config.accessibility =
    AccessibilityStatement{"", "partial", "2020-01-01", "", "Självskattning.", "a@k.se", {"Bilagor."}};
  for (const bool preview : {false, true}) {
    options.preview = preview;
    options.output = fresh_dir(preview ? "every-name-preview" : "every-name") / "site";
    REQUIRE(build_site(ws, options));
    REQUIRE(build_site(ws, options));  // the start page's tree as the cache keeps it
  }
  ws.config.language = "en";  // the documents' text is then marked as Swedish
  options.output = fresh_dir("every-name-en") / "site";
  REQUIRE(build_site(ws, options));

  // Names the data holds and the templates may not, and the other way round.
  const auto difference = [](const auto& a, const auto& b) {
    std::vector<std::string> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return fmt::format("{}", fmt::join(out, " "));
  };
  for (const std::string_view name : k_template_names) {
    CAPTURE(name);
    TemplateFields held;
    for (const std::string& n : seen[std::string(name)]) {
      held.add(n);
    }
    const TemplateFields declared = template_fields(name);
    CHECK(difference(held.names(), declared.names()) == "");
    CHECK(difference(declared.names(), held.names()) == "");
    CHECK(difference(held.lists(), declared.lists()) == "");
    CHECK(difference(declared.lists(), held.lists()) == "");
  }
}
