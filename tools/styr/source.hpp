// One way to read documents, whether from the working tree or from the tree of a commit.
// check, status and build all read through this interface; tests use MemorySource.
#pragma once

#include "styr/git.hpp"
#include "styr/text.hpp"

#include <tl/expected.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <sys/stat.h>

namespace styr {

class SiteCache;

struct SourceFile
{
  std::string path;     // relative to the repository root, '/' separated
  std::string problem;  // why it cannot be read as a document, e.g. "is a directory"
};

class DocumentSource
{
public:
  virtual ~DocumentSource() = default;

  // Every *.md below `dir`, sorted by path; hidden folders are skipped.
  virtual std::vector<SourceFile> markdown_files(std::string_view dir) const = 0;
  virtual tl::expected<std::string, std::string> read(std::string_view path) const = 0;
  // Whether a file or folder exists at `path`.
  virtual bool exists(std::string_view path) const = 0;
  // Whether `path` is a symbolic link, which the site never follows or publishes.
  virtual bool is_link(std::string_view) const { return false; }
  // For messages: "the working tree", "commit 1a2b3c4d5e".
  virtual std::string describe() const = 0;
  // What names the file's content without reading it (a blob id), where the source knows.
  virtual std::optional<std::string> content_id(std::string_view) const { return std::nullopt; }
  // Whether content_id() names what the file held when it was looked at, which a later
  // read() may no longer give (a file on disk), rather than exactly what read() gives.
  virtual bool content_may_change() const { return false; }
  // The blob id of the bytes read() last gave for `path`: a source may keep it, to name the
  // content next time without reading it.
  virtual void note_content(std::string_view, const git::Oid&) const {}
};

// The files as they are on disk. With a cache, the blob id of a file read is kept there under
// the file's size, times and inode, and content_id() gives it while the file is unchanged:
// as git's index does, but for the bytes as read. A file changed within a second before it
// was read is not kept, since a change right after might leave its times as they were.
class WorkingTreeSource : public DocumentSource
{
public:
  explicit WorkingTreeSource(std::filesystem::path root, SiteCache* cache = nullptr);
  std::vector<SourceFile> markdown_files(std::string_view dir) const override;
  tl::expected<std::string, std::string> read(std::string_view path) const override;
  bool exists(std::string_view path) const override;
  bool is_link(std::string_view path) const override;
  std::string describe() const override { return "the working tree"; }
  std::optional<std::string> content_id(std::string_view path) const override;
  bool content_may_change() const override { return true; }
  void note_content(std::string_view path, const git::Oid& blob) const override;

private:
  std::optional<struct stat> entry(std::string_view path) const;

  std::filesystem::path m_root;
  SiteCache* m_cache = nullptr;
  // For each file read, settled, the key its blob id is to be kept under.
  mutable std::mutex m_read_mutex;
  mutable std::unordered_map<std::string, std::string, text::StringHash, std::equal_to<>> m_read_keys;
};

// The tree of one commit. Threads may read at once: each thread other than the one that
// made the source reads through a handle of its own on the repository.
class CommitSource : public DocumentSource
{
public:
  CommitSource(const git::Repository& repo, git::Oid commit, git::Oid tree);
  std::vector<SourceFile> markdown_files(std::string_view dir) const override;
  tl::expected<std::string, std::string> read(std::string_view path) const override;
  bool exists(std::string_view path) const override;
  bool is_link(std::string_view path) const override;
  std::string describe() const override;
  std::optional<std::string> content_id(std::string_view path) const override;

  std::optional<git::Oid> blob_id(std::string_view path) const;

private:
  // This thread's handle, or an error when the repository cannot be opened again.
  tl::expected<const git::Repository*, std::string> repo() const;

  const git::Repository& m_repo;
  git::Oid m_commit;
  git::Oid m_tree;
  std::thread::id m_owner = std::this_thread::get_id();
  mutable std::mutex m_handles_mutex;
  mutable std::map<std::thread::id, std::unique_ptr<git::Repository>> m_handles;
  // The blobs markdown_files() listed, by path: a build looks each document's blob up
  // several times, and a lookup here walks no trees.
  mutable std::shared_mutex m_listed_mutex;
  mutable std::unordered_map<std::string, git::Oid, text::StringHash, std::equal_to<>> m_listed;
};

class MemorySource : public DocumentSource
{
public:
  explicit MemorySource(std::map<std::string, std::string> files) : m_files(std::move(files)) {}
  std::vector<SourceFile> markdown_files(std::string_view dir) const override;
  tl::expected<std::string, std::string> read(std::string_view path) const override;
  bool exists(std::string_view path) const override;
  std::string describe() const override { return "memory"; }

private:
  std::map<std::string, std::string> m_files;
};

// Resolves a relative link written in the file `from` to a repository-relative path;
// nullopt when it leaves the repository. "policies/a/x.md" + "../b/y.md" -> "policies/b/y.md".
std::optional<std::string> resolve_link(std::string_view from, std::string_view target);

// Why the site does not publish the file at `path` (repository-relative) that a document
// links to, or none: it publishes files of harmless kinds (PDF, pictures, office files; no
// HTML or SVG, which would run scripts on the intranet's origin) inside the documents folder.
std::optional<std::string> attachment_refusal(std::string_view path, std::string_view documents_dir);

}  // namespace styr
