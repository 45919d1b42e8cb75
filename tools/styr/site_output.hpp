// Where and how the site is written. The output folder is checked against the repository
// (it may never be, or contain, the sources); a lock beside it makes concurrent builds take
// turns; the new site is written into a hidden sibling folder and swapped in whole, so that
// readers and a killed build only ever see the old site or the new one.
#pragma once

#include "styr/workspace.hpp"

#include <tl/expected.hpp>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace styr {

// The file that marks a folder as a site written by styr build; only such a folder (or an
// empty one) is ever replaced.
inline constexpr std::string_view k_site_marker = ".styr-site";

// The absolute output folder for `requested` (relative to the repository root when relative),
// or why it is refused: it is or contains the repository root, the documents, templates or
// assets folder, lies inside one of them or inside .git or .styr-cache, is a file, or is a
// folder with other content than a previous site.
tl::expected<std::filesystem::path, std::string> check_output_folder(const Workspace& workspace,
                                                                     const std::filesystem::path& requested);

// An exclusive lock on a file beside the output folder (flock), removed when released.
class OutputLock
{
public:
  // Waits while another build holds the lock, calling `on_wait` once before waiting.
  static tl::expected<OutputLock, std::string> acquire(const std::filesystem::path& output,
                                                       const std::function<void()>& on_wait);
  OutputLock(OutputLock&& other) noexcept;
  OutputLock& operator=(OutputLock&&) = delete;
  OutputLock(const OutputLock&) = delete;
  ~OutputLock();

private:
  OutputLock(int fd, std::filesystem::path path) : m_fd(fd), m_path(std::move(path)) {}
  int m_fd = -1;
  std::filesystem::path m_path;
};

// The hidden sibling folder a new site is written to. Removed unless committed.
class StagingFolder
{
public:
  // Removes what killed builds left beside the output, then creates a fresh staging folder.
  // Call while holding the OutputLock.
  static tl::expected<StagingFolder, std::string> create(const std::filesystem::path& output);
  StagingFolder(StagingFolder&& other) noexcept;
  StagingFolder& operator=(StagingFolder&&) = delete;
  StagingFolder(const StagingFolder&) = delete;
  ~StagingFolder();

  const std::filesystem::path& path() const { return m_path; }

  // Puts the staged site in place of the output folder (an atomic exchange where the file
  // system supports it) and removes the previous site.
  tl::expected<void, std::string> commit();

  // After commit: why the previous site is still beside the output, if it could not be removed.
  const std::string& leftover() const { return m_leftover; }

private:
  StagingFolder(std::filesystem::path path, std::filesystem::path output)
      : m_path(std::move(path)), m_output(std::move(output)) {}
  std::filesystem::path m_path;
  std::filesystem::path m_output;
  bool m_done = false;
  std::string m_leftover;
};

// Writes the files of a new site into the staging folder. A file whose bytes are those of
// the same file in the previous site (as recorded in the manifest of the last build, and
// untouched since) is hard-linked from there instead of written again: an incremental build
// writes only what changed, and removing the old site frees only what changed.
//
// A file may also be named by a key: a hash of everything it is made from. When the last
// build wrote the same path from the same key, the file is linked without being made again,
// so an incremental build does not even render what did not change.
class SiteWriter
{
public:
  // `manifest`: where the last build recorded the output (empty: no reuse, no record).
  SiteWriter(std::filesystem::path staging, std::filesystem::path output, std::filesystem::path manifest,
             std::size_t fail_after_files = 0);

  // Thread-safe. Fails on an I/O error (and, for tests, after `fail_after_files` files).
  // `key`, when not empty, is recorded for reuse_made_from().
  tl::expected<void, std::string> write(const std::string& path, std::string_view data, const std::string& key = {});

  // Thread-safe. True when the last build wrote `path` from `key` and the file is untouched
  // since: it is then part of the new site. False: make it and write() it.
  tl::expected<bool, std::string> reuse_made_from(const std::string& path, const std::string& key);

  std::size_t files() const { return m_files; }
  std::size_t linked() const { return m_linked; }

  // Call once the staging folder has become the output: records it for the next build.
  void save_manifest() const;

private:
  struct Entry
  {
    std::string hash;
    std::uintmax_t size = 0;
    std::int64_t mtime = 0;
    std::uint64_t inode = 0;
    std::string key;  // what it was made from; empty: not known
  };
  struct Written
  {
    std::string hash;
    std::string key;
  };
  tl::expected<void, std::string> count_file(const std::string& path);
  tl::expected<void, std::string> prepare_folder(const std::filesystem::path& full);
  bool link_previous(const std::string& path, const Entry& previous);
  bool reuse(const std::string& path, const std::string& hash, std::size_t size);

  std::filesystem::path m_staging;
  std::filesystem::path m_output;
  std::filesystem::path m_manifest;
  std::size_t m_fail_after;
  std::map<std::string, Entry> m_previous;  // read-only once constructed
  std::mutex m_mutex;                       // guards what follows
  std::map<std::string, Written> m_written;
  std::set<std::filesystem::path> m_dirs;
  std::atomic<std::size_t> m_files{0};
  std::atomic<std::size_t> m_linked{0};
};

}  // namespace styr
