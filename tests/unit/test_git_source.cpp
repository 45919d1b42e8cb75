#include "styr/document_set.hpp"
#include "styr/git.hpp"
#include "styr/site_cache.hpp"
#include "styr/source.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace styr;
namespace fs = std::filesystem;

TEST_CASE("the working tree and a commit give the same bytes")
{
  const auto dir = test::fresh_dir("same-bytes");
  test::git_init(dir);
  const std::string doc = "+++\nid = \"IS-POL-001\"\n+++\n# Policy åäö\n";
  test::write_file(dir / "policies/policy/policy.md", doc);
  test::write_file(dir / "policies/README.txt", "not a document");
  test::git_commit_all(dir, "first", "2026-01-15T10:00:00");

  auto repo = git::Repository::open(dir);
  REQUIRE(repo.has_value());
  const auto head = repo->head();
  REQUIRE(head.has_value());
  const auto commit = repo->commit(*head);
  REQUIRE(commit.has_value());

  const WorkingTreeSource tree(dir);
  const CommitSource at_commit(*repo, *head, commit->tree);
  REQUIRE(tree.markdown_files("policies").size() == 1);
  REQUIRE(at_commit.markdown_files("policies").size() == 1);
  CHECK(tree.markdown_files("policies")[0].path == "policies/policy/policy.md");
  CHECK(at_commit.markdown_files("policies")[0].path == "policies/policy/policy.md");
  CHECK(tree.read("policies/policy/policy.md").value() == doc);
  CHECK(at_commit.read("policies/policy/policy.md").value() == doc);
  CHECK(at_commit.exists("policies/README.txt"));
  CHECK_FALSE(at_commit.exists("policies/none.md"));

  const DocumentSet a = collect_documents(tree, "policies");
  const DocumentSet b = collect_documents(at_commit, "policies");
  CHECK(a.documents().at(0).id() == b.documents().at(0).id());
  // Each knows its blob, whether hashed from the file or named by the commit.
  CHECK(a.documents().at(0).blob == git::Repository::hash_blob(doc));
  CHECK(b.documents().at(0).blob == at_commit.blob_id("policies/policy/policy.md"));
}

TEST_CASE("a commit gives the same blobs and errors before and after it lists its documents")
{
  const auto dir = test::fresh_dir("listed-blobs");
  test::git_init(dir);
  test::write_file(dir / "policies/policy/policy.md", "+++\nid = \"IS-POL-001\"\n+++\n");
  test::write_file(dir / "policies/README.txt", "not a document");
  std::filesystem::create_symlink("policy/policy.md", dir / "policies/link.md");
  test::git_commit_all(dir, "first", "2026-01-15T10:00:00");

  auto repo = git::Repository::open(dir);
  REQUIRE(repo.has_value());
  const auto commit = repo->commit(*repo->head());
  const CommitSource at_commit(*repo, commit->id, commit->tree);
  const auto before = at_commit.blob_id("policies/policy/policy.md");
  REQUIRE(before.has_value());
  CHECK_FALSE(at_commit.blob_id("policies/link.md").has_value());

  REQUIRE(at_commit.markdown_files("policies").size() == 2);
  CHECK(at_commit.blob_id("policies/policy/policy.md") == before);
  CHECK(at_commit.content_id("policies/policy/policy.md") == before->hex());
  CHECK_FALSE(at_commit.blob_id("policies/link.md").has_value());
  CHECK(at_commit.read("policies/README.txt").value() == "not a document");  // not listed
  CHECK(at_commit.read("policies/link.md").error() == "is not a regular file");
  CHECK(at_commit.read("policies/policy").error() == "is not a regular file");
  CHECK(at_commit.read("policies/none.md").error().starts_with("does not exist in commit"));
}

TEST_CASE("a later edit shows in the working tree but not in the commit")
{
  const auto dir = test::fresh_dir("edit");
  test::git_init(dir);
  test::write_file(dir / "policies/a.md", "version 1\n");
  test::git_commit_all(dir, "first", "2026-01-15T10:00:00");
  test::write_file(dir / "policies/a.md", "version 2\n");

  auto repo = git::Repository::open(dir);
  REQUIRE(repo.has_value());
  const auto commit = repo->commit(*repo->head());
  const CommitSource at_commit(*repo, commit->id, commit->tree);
  CHECK(at_commit.read("policies/a.md").value() == "version 1\n");
  CHECK(WorkingTreeSource(dir).read("policies/a.md").value() == "version 2\n");
  CHECK(repo->hash_file("policies/a.md").value() != at_commit.blob_id("policies/a.md").value());
}

TEST_CASE("non-regular files named *.md are listed with a problem, never read")
{
  const auto dir = test::fresh_dir("odd-files");
  test::write_file(dir / "policies/ok.md", "x");
  std::filesystem::create_directories(dir / "policies/folder.md");
  std::filesystem::create_symlink("/etc/passwd", dir / "policies/link.md");
  REQUIRE(test::run(dir, "mkfifo policies/pipe.md") == 0);

  const WorkingTreeSource tree(dir);
  const auto files = tree.markdown_files("policies");
  REQUIRE(files.size() == 4);
  CHECK(files[0].problem.find("directory") != std::string::npos);
  CHECK(files[1].problem.find("symbolic link") != std::string::npos);
  CHECK(files[2].problem.empty());
  CHECK(files[3].problem.find("pipe") != std::string::npos);
  CHECK_FALSE(tree.read("policies/link.md").has_value());
  CHECK_FALSE(tree.read("policies/pipe.md").has_value());
}

TEST_CASE("resolve_link stays inside the repository")
{
  CHECK(resolve_link("policies/a/x.md", "../b/y.md").value() == "policies/b/y.md");
  CHECK(resolve_link("policies/x.md", "./y.md").value() == "policies/y.md");
  CHECK(resolve_link("policies/x.md", "/site/logo.png").value() == "site/logo.png");
  CHECK_FALSE(resolve_link("policies/x.md", "../../../etc/passwd").has_value());
}

TEST_CASE("a commit's documents are loaded once, then restored from the cache by blob")
{
  const auto dir = test::fresh_dir("document-cache");
  test::git_init(dir);
  const std::string front = "+++\nid = \"IS-RL-001\"\ntitle = \"Riktlinje\"\n+++\n";
  test::write_file(dir / "policies/a.md", front + "# Riktlinje\n\n## Syfte\n\n[Policy](p.md)\n");
  test::write_file(dir / "policies/b.md", "+++\nid = = 1\n+++\n# Trasig\n");
  test::git_commit_all(dir, "first", "2026-01-15T10:00:00");

  auto repo = git::Repository::open(dir);
  REQUIRE(repo.has_value());
  const auto collect = [&](SiteCache& cache) {
    const auto commit = repo->commit(*repo->head());
    REQUIRE(commit.has_value());
    const CommitSource source(*repo, commit->id, commit->tree);
    return collect_documents(source, "policies", Parts::all, &cache);
  };
  const fs::path cache_dir = dir / ".styr-cache";
  DocumentSet first;
  {
    SiteCache cache(cache_dir, true);
    first = collect(cache);
    CHECK(cache.hits() == 0);
    cache.save();
  }
  {
    SiteCache cache(cache_dir, true);
    const DocumentSet again = collect(cache);
    CHECK(cache.hits() == 2);
    REQUIRE(again.documents().size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      const Document& a = first.documents()[i];
      const Document& b = again.documents()[i];
      CHECK(a.text == b.text);
      CHECK(a.id() == b.id());
      CHECK(a.headings.size() == b.headings.size());
      CHECK(a.links.size() == b.links.size());
      CHECK(a.problems.size() == b.problems.size());
      CHECK(a.blob == b.blob);  // named by the commit, not kept in the cache
      CHECK(b.blob.has_value());
    }
    CHECK(again.documents()[1].problems.at(0).rule == "front-matter-syntax");
    cache.save();
  }

  // A new blob is loaded from git; the unchanged one still comes from the cache.
  test::write_file(dir / "policies/a.md", front + "# Riktlinje\n\n## Syfte\n\n## Omfattning\n");
  test::git_commit_all(dir, "second", "2026-01-16T10:00:00");
  SiteCache cache(cache_dir, true);
  const DocumentSet changed = collect(cache);
  CHECK(cache.hits() == 1);
  CHECK(changed.documents().at(0).headings.size() == 3);
  CHECK(changed.documents().at(0).links.empty());
}

TEST_CASE("the working tree's documents are restored from the cache by the blob of their bytes")
{
  const auto dir = test::fresh_dir("working-tree-cache");
  test::git_init(dir);
  const std::string a = "+++\nid = \"IS-RL-001\"\ntitle = \"Riktlinje\"\n+++\n# Riktlinje\n\n## Syfte\n";
  test::write_file(dir / "policies/a.md", a);
  test::write_file(dir / "policies/b.md", "+++\nid = = 1\n+++\n# Trasig\n");
  test::git_commit_all(dir, "first", "2026-01-15T10:00:00");
  const fs::path cache_dir = dir / ".styr-cache";
  const WorkingTreeSource tree(dir);

  // What a build loaded from the commit is what check finds for the same bytes.
  {
    auto repo = git::Repository::open(dir);
    REQUIRE(repo.has_value());
    const auto commit = repo->commit(*repo->head());
    REQUIRE(commit.has_value());
    const CommitSource at_commit(*repo, commit->id, commit->tree);
    SiteCache cache(cache_dir, true);
    collect_documents(at_commit, "policies", Parts::all, &cache);
    cache.save();
  }
  const DocumentSet loaded = collect_documents(tree, "policies");
  {
    SiteCache cache(cache_dir, true);
    const DocumentSet restored = collect_documents(tree, "policies", Parts::all, &cache);
    CHECK(cache.hits() == 2);
    REQUIRE(restored.documents().size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK(restored.documents()[i].text == loaded.documents()[i].text);
      CHECK(restored.documents()[i].headings.size() == loaded.documents()[i].headings.size());
      CHECK(restored.documents()[i].problems.size() == loaded.documents()[i].problems.size());
      CHECK(restored.documents()[i].blob == loaded.documents()[i].blob);
    }
    cache.save(SiteCache::Compaction::when_packs_are_many);
  }

  // An edit not yet committed is loaded anew, and kept for the next time.
  test::write_file(dir / "policies/a.md", a + "\n## Omfattning\n");
  for (const std::size_t hits : {1, 2}) {
    SiteCache cache(cache_dir, true);
    const DocumentSet edited = collect_documents(tree, "policies", Parts::all, &cache);
    CHECK(cache.hits() == hits);
    CHECK(edited.documents().at(0).headings.size() == 3);
    CHECK(edited.documents().at(0).blob == git::Repository::hash_blob(a + "\n## Omfattning\n"));
    cache.save(SiteCache::Compaction::when_packs_are_many);
  }
}

TEST_CASE("a file unchanged since it was read names its blob without being read again")
{
  const auto dir = test::fresh_dir("settled-files");
  const std::string a = "+++\nid = \"IS-RL-001\"\n+++\n# Riktlinje\n";
  test::write_file(dir / "policies/a.md", a);
  const fs::path cache_dir = dir / ".styr-cache";
  const std::string path = "policies/a.md";
  const auto read_all = [&] {
    SiteCache cache(cache_dir, true);
    const WorkingTreeSource tree(dir, &cache);
    const DocumentSet docs = collect_documents(tree, "policies", Parts::all, &cache);
    CHECK(docs.documents().at(0).blob == git::Repository::hash_blob(a));
    cache.save(SiteCache::Compaction::when_packs_are_many);
    return cache.hits();
  };
  const auto named = [&] {
    SiteCache cache(cache_dir, true);
    return WorkingTreeSource(dir, &cache).content_id(path);
  };

  // Just written, the file is not vouched for: a change in the same tick of the clock that
  // stamps files could leave its times as they are.
  read_all();
  CHECK_FALSE(named().has_value());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  read_all();
  CHECK(named() == git::Repository::hash_blob(a).hex());
  CHECK(read_all() == 2);  // the file's blob, then the document by it

  // Any write, even of the same size with the times set back, changes the status time.
  struct stat before{};
  REQUIRE(::stat((dir / path).c_str(), &before) == 0);
  test::write_file(dir / path, "+++\nid = \"IS-RL-002\"\n+++\n# Riktlinje\n");
  const struct timespec times[2] = {before.st_atim, before.st_mtim};
  REQUIRE(::utimensat(AT_FDCWD, (dir / path).c_str(), times, 0) == 0);
  CHECK_FALSE(named().has_value());
  SiteCache cache(cache_dir, true);
  const WorkingTreeSource tree(dir, &cache);
  CHECK(collect_documents(tree, "policies", Parts::all, &cache).documents().at(0).id() == "IS-RL-002");
}

TEST_CASE("a file that changed after it was named is known by the blob of the bytes read")
{
  // A working tree whose one file was rewritten between being named and being read.
  class ChangedSinceNamed : public WorkingTreeSource
  {
  public:
    ChangedSinceNamed(const fs::path& root, SiteCache* cache, std::string stale)
        : WorkingTreeSource(root, cache), m_stale(std::move(stale)) {}
    std::optional<std::string> content_id(std::string_view) const override { return m_stale; }

  private:
    std::string m_stale;
  };
  const auto dir = test::fresh_dir("changed-since-named");
  const std::string before = "+++\nid = \"IS-RL-001\"\n+++\n# Riktlinje\n";
  const std::string now = "+++\nid = \"IS-RL-002\"\n+++\n# Riktlinje\n";
  test::write_file(dir / "policies/a.md", now);
  SiteCache cache(dir / ".styr-cache", true);
  const ChangedSinceNamed tree(dir, &cache, git::Repository::hash_blob(before).hex());
  const DocumentSet docs = collect_documents(tree, "policies", Parts::all, &cache);
  REQUIRE(docs.documents().size() == 1);
  CHECK(docs.documents()[0].id() == "IS-RL-002");
  CHECK(docs.documents()[0].blob == git::Repository::hash_blob(now));
}

TEST_CASE("a repository of another user is told from one's own, as git refuses it")
{
  const fs::path dir = test::fresh_dir("owner");
  const fs::path mine = dir / "mine";
  std::ofstream(mine) << "x";
  CHECK_FALSE(git::owned_by_another_user(mine));
  CHECK_FALSE(git::owned_by_another_user(dir / "missing"));
  if (::geteuid() == 0) {
    const fs::path theirs = dir / "theirs";
    std::ofstream(theirs) << "x";
    REQUIRE(::chown(theirs.c_str(), 65534, 65534) == 0);
    CHECK(git::owned_by_another_user(theirs));
  } else {
    CHECK(git::owned_by_another_user("/"));  // root's
  }
}
