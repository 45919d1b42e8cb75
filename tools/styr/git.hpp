// The one wrapper around libgit2: RAII handles and the few repository operations styr
// needs. Nothing else includes libgit2 headers. Results are sorted where libgit2 gives no
// order, so that everything built on them is deterministic.
#pragma once

#include <tl/expected.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct git_repository;

namespace styr::git {

// Initialises libgit2 for the lifetime of the object (reference-counted by libgit2).
class Library
{
public:
  Library();
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
};

struct Oid
{
  std::array<unsigned char, 20> bytes{};

  std::string hex() const;
  std::string short_hex() const { return hex().substr(0, 10); }
  bool is_zero() const;
  static std::optional<Oid> from_hex(std::string_view hex);

  friend bool operator==(const Oid&, const Oid&) = default;
  friend auto operator<=>(const Oid&, const Oid&) = default;
};

struct OidHash
{
  std::size_t operator()(const Oid& oid) const noexcept;
};

struct Signature
{
  std::string name;
  std::string email;
  std::int64_t time = 0;   // seconds since the epoch
  int offset_minutes = 0;  // time-zone offset
};

enum class EntryKind { blob, tree, link, submodule, other };

struct TreeItem
{
  std::string name;
  Oid id;
  EntryKind kind = EntryKind::other;
};

struct TreeFile
{
  std::string path;  // relative to the tree's root
  Oid blob;
  EntryKind kind = EntryKind::blob;
};

struct Tag
{
  std::string name;  // short name, e.g. "beslut/2026-03-15-ks"
  std::string object_name;  // the name written inside an annotated tag (and signed with it)
  Oid target;        // what the reference points at
  bool annotated = false;
  std::optional<Signature> tagger;
  std::string message;            // including any signature block
  std::string raw;                // the raw tag object, for signature verification
  std::optional<Oid> commit;      // the commit the tag peels to, if it does
};

struct Commit
{
  Oid id;
  Oid tree;
  std::vector<Oid> parents;
  Signature author;
  Signature committer;
  std::string summary;
};

using Error = std::string;

// Whether the file at `path` belongs to another user than this process's: git refuses such
// a repository unless safe.directory names it.
bool owned_by_another_user(const std::filesystem::path& path);

class Repository
{
public:
  // Opens the repository containing `dir` (searching upward, as git does).
  static tl::expected<Repository, Error> open(const std::filesystem::path& dir);

  // Another handle on the same repository, for another thread. A handle may be shared, but
  // its threads then take turns (libgit2 objects must not be used by two threads at once).
  tl::expected<Repository, Error> reopen() const;

  Repository(Repository&&) noexcept;
  Repository& operator=(Repository&&) noexcept;
  ~Repository();

  // The working directory, or empty for a bare repository.
  std::filesystem::path workdir() const;
  bool shallow() const;

  tl::expected<Oid, Error> resolve_commit(std::string_view revision) const;
  std::optional<Oid> head() const;
  tl::expected<Commit, Error> commit(const Oid& id) const;
  // Commits reachable from `tip`, parents before children (reverse topological order).
  tl::expected<std::vector<Oid>, Error> history(const Oid& tip) const;
  // Whether `commit` has `ancestor` in its history (and is not it).
  bool descends_from(const Oid& commit, const Oid& ancestor) const;

  // Tags whose short name matches the glob `pattern` ("" = all), sorted by name.
  tl::expected<std::vector<Tag>, Error> tags(std::string_view pattern) const;

  tl::expected<std::vector<TreeItem>, Error> tree_items(const Oid& tree) const;
  // Every file below `dir` ("" = the whole tree), sorted by path.
  tl::expected<std::vector<TreeFile>, Error> list_files(const Oid& tree, std::string_view dir) const;
  std::optional<TreeItem> entry(const Oid& tree, std::string_view path) const;
  tl::expected<std::string, Error> read_blob(const Oid& blob) const;
  // The blob id the working-tree file would get from `git add` (line-ending filters applied).
  tl::expected<Oid, Error> hash_file(std::string_view path) const;
  // The blob id of these exact bytes (no filters).
  static Oid hash_blob(std::string_view data);

  std::optional<std::string> config_string(std::string_view key) const;

private:
  explicit Repository(git_repository* repo) : m_repo(repo) {}
  git_repository* m_repo = nullptr;
  std::unique_ptr<std::recursive_mutex> m_mutex = std::make_unique<std::recursive_mutex>();
};

}  // namespace styr::git
