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
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// Where a build keeps what lets the next one reuse its output, under .styr-cache/: the
// manifest of the live site, and the previous site with its manifest (the spare), which the
// next build updates in place instead of writing a whole new folder. All empty: no reuse.
struct SiteRecords
{
  std::filesystem::path live_manifest;
  std::filesystem::path spare_manifest;
  std::filesystem::path spare;

  // The records for `output` in the cache folder `cache`.
  static SiteRecords in(const std::filesystem::path& cache, const std::filesystem::path& output);
  bool empty() const { return live_manifest.empty(); }
};

// The hidden sibling folder a new site is written to. Removed unless committed.
class StagingFolder
{
public:
  // Removes what killed builds left beside the output, then provides the staging folder:
  // the spare site of the last build when its manifest says what it holds, else a new
  // empty folder. Call while holding the OutputLock.
  static tl::expected<StagingFolder, std::string> create(const std::filesystem::path& output,
                                                         const SiteRecords& records);
  StagingFolder(StagingFolder&& other) noexcept;
  StagingFolder& operator=(StagingFolder&&) = delete;
  StagingFolder(const StagingFolder&) = delete;
  ~StagingFolder();

  const std::filesystem::path& path() const { return m_path; }
  // Whether the folder holds the spare site (see SiteRecords::spare_manifest), not nothing.
  bool recycled() const { return m_recycled; }

  // Puts the staged site in place of the output folder (an atomic exchange where the file
  // system supports it), then keeps the previous site as the spare, or removes it.
  tl::expected<void, std::string> commit();

  // After commit: whether the previous site became the spare.
  bool kept_previous() const { return m_kept; }
  // After commit: why the previous site is still beside the output, if it could not be removed.
  const std::string& leftover() const { return m_leftover; }

private:
  StagingFolder(std::filesystem::path path, std::filesystem::path output, std::filesystem::path spare, bool recycled)
      : m_path(std::move(path)), m_output(std::move(output)), m_spare(std::move(spare)), m_recycled(recycled) {}
  std::filesystem::path m_path;
  std::filesystem::path m_output;
  std::filesystem::path m_spare;
  bool m_recycled = false;
  bool m_done = false;
  bool m_kept = false;
  std::string m_leftover;
};

// Writes the files of a new site into the staging folder. A file whose bytes are already
// there (a recycled spare site, as its manifest records it, untouched since) is kept; one
// whose bytes are those of the same file in the live site is hard-linked from there; only
// the rest is written. An incremental build writes only what changed.
//
// A file may also be named by a key: a hash of everything it is made from. When a build
// wrote the same path from the same key, the file is kept or linked without being made
// again, so an incremental build does not even render what did not change.
class SiteWriter
{
public:
  // `recycled`: the staging folder holds the spare site.
  SiteWriter(std::filesystem::path staging, std::filesystem::path output, SiteRecords records, bool recycled,
             std::size_t fail_after_files = 0);

  // Thread-safe. Fails on an I/O error (and, for tests, after `fail_after_files` files).
  // `key`, when not empty, is recorded for reuse_made_from().
  tl::expected<void, std::string> write(const std::string& path, std::string_view data, const std::string& key = {});

  // Thread-safe. True when a build wrote `path` from `key` and the file is untouched since:
  // it is then part of the new site. False: make it and write() it.
  tl::expected<bool, std::string> reuse_made_from(const std::string& path, const std::string& key);

  // Thread-safe. True when the files a build wrote from `key` (a set of files made
  // together) are all part of the new site. False: make them and write() them with `key`.
  tl::expected<bool, std::string> reuse_all_made_from(const std::string& key);

  // Once every file is written: removes what a recycled spare holds that the new site does not.
  tl::expected<void, std::string> finish();

  SiteWriter(const SiteWriter&) = delete;
  SiteWriter& operator=(const SiteWriter&) = delete;
  ~SiteWriter();

  std::size_t files() const { return m_files; }
  std::size_t linked() const { return m_linked; }

  // Call after finish(), once the staging folder has become the output: records it for the
  // next build, and the previous site as the spare when `kept_previous`.
  void save_manifest(bool kept_previous) const;

private:
  struct Entry
  {
    std::string hash;
    std::uintmax_t size = 0;
    std::int64_t mtime = 0;
    std::uint64_t inode = 0;  // 0: size, mtime and inode not known yet (a file just written)
    std::string key;          // what it was made from; empty: not known
  };
  struct Folder
  {
    std::int64_t mtime = 0;
    std::uint64_t inode = 0;
  };
  struct Manifest
  {
    std::map<std::string, Entry> files;
    std::map<std::string, Folder> folders;  // every folder of the site, "" for its top
  };
  static Manifest read_manifest(const std::filesystem::path& path);
  void clean_spare();
  tl::expected<void, std::string> count_file(const std::string& path);
  tl::expected<void, std::string> make_folder(const std::filesystem::path& full) const;
  bool held_by_spare(const std::string& path) const;
  // Writes a new file; gives its size, time and inode.
  tl::expected<Entry, std::string> write_file(const std::filesystem::path& full, std::string_view data) const;
  bool staged(const std::string& path, const Entry& entry) const;
  bool link_live(const std::string& path, const Entry& entry);
  void record(const std::string& path, Entry entry);

  std::filesystem::path m_staging;
  int m_staging_fd = -1;  // the staging folder, open: files in it are looked up from there
  std::filesystem::path m_output;
  SiteRecords m_records;
  std::size_t m_fail_after;
  Manifest m_live;   // read-only once constructed
  Manifest m_spare;  // what the recycled staging folder holds; read-only once constructed
  std::mutex m_mutex;  // guards what follows
  // What this site holds: in the order written until finish() sorts it by path.
  std::vector<std::pair<std::string, Entry>> m_written;
  std::atomic<std::size_t> m_files{0};
  std::atomic<std::size_t> m_linked{0};
};

}  // namespace styr
