#include "styr/site_output.hpp"

#include "styr/mapped_file.hpp"
#include "styr/site_cache.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <optional>
#include <set>
#include <utility>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace styr {

namespace fs = std::filesystem;

namespace {

// The absolute, symlink-resolved form of a path that may not exist yet.
fs::path normal(const fs::path& path)
{
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) {
    p = fs::absolute(path).lexically_normal();
  }
  // "a/b/" and "a/b" are the same folder.
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) {
    p = p.parent_path();
  }
  return p;
}

// Whether `inner` is `outer` or lies below it.
bool within(const fs::path& inner, const fs::path& outer)
{
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty()) {
      continue;
    }
    if (i == inner.end() || *i != *o) {
      return false;
    }
  }
  return true;
}

std::string error_text(int err)
{
  return std::strerror(err);
}

fs::path sibling(const fs::path& output, std::string_view suffix)
{
  return output.parent_path() / fmt::format(".{}{}", output.filename().string(), suffix);
}

}  // namespace

tl::expected<fs::path, std::string> check_output_folder(const Workspace& workspace, const fs::path& requested)
{
  const fs::path root = normal(workspace.root);
  const fs::path output = normal(requested.is_absolute() ? requested : workspace.root / requested);
  const std::string shown = requested.string();
  const auto refuse = [&](const std::string& why) {
    return tl::unexpected(fmt::format("refusing to write the site to {}: {}", shown, why));
  };

  if (output == root) {
    return refuse("that is the repository itself");
  }
  if (within(root, output)) {
    return refuse(fmt::format("it contains the repository {}", root.string()));
  }
  const struct
  {
    std::string_view what;
    std::string dir;
  } sources[] = {
    {"documents", workspace.config.documents_dir},
    {"templates", workspace.config.templates_dir},
    {"assets", workspace.config.assets_dir},
  };
  for (const auto& s : sources) {
    const fs::path dir = normal(workspace.root / s.dir);
    if (within(output, dir)) {
      return refuse(fmt::format("it is inside the {} folder {}", s.what, s.dir));
    }
    if (within(dir, output)) {
      return refuse(fmt::format("it contains the {} folder {}", s.what, s.dir));
    }
  }
  for (const std::string_view dir : {".git", ".styr-cache"}) {
    if (within(output, normal(workspace.root / dir))) {
      return refuse(fmt::format("it is inside {}", dir));
    }
  }
  if (within(output, root) && output.parent_path() == root && output.filename() == "styr.toml") {
    return refuse("that is the configuration file");
  }

  std::error_code ec;
  const fs::file_status status = fs::status(output, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) {
      return refuse("it exists and is not a folder");
    }
    const bool empty = fs::is_empty(output, ec);
    if (ec) {
      return refuse(fmt::format("it cannot be read ({})", ec.message()));
    }
    if (!empty && !fs::exists(output / k_site_marker, ec)) {
      return refuse(fmt::format("it is not empty and was not written by styr build (no {} in it); "
                                "remove it or choose another --out",
                                k_site_marker));
    }
  }
  return output;
}

tl::expected<OutputLock, std::string> OutputLock::acquire(const fs::path& output, const std::function<void()>& on_wait)
{
  std::error_code ec;
  fs::create_directories(output.parent_path(), ec);
  if (ec) {
    return tl::unexpected(fmt::format("cannot create {}: {}", output.parent_path().string(), ec.message()));
  }
  const fs::path path = sibling(output, ".lock");
  bool told = false;
  // The lock file is removed on release, so a waiting build may end up holding the lock of
  // a file that no longer has a name: it then starts over on the file that does.
  for (;;) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      return tl::unexpected(fmt::format("cannot create the lock file {}: {}", path.string(), error_text(errno)));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK) {
        const int err = errno;
        ::close(fd);
        return tl::unexpected(fmt::format("cannot lock {}: {}", path.string(), error_text(err)));
      }
      if (!told && on_wait) {
        on_wait();
      }
      told = true;
      if (::flock(fd, LOCK_EX) != 0) {
        const int err = errno;
        ::close(fd);
        return tl::unexpected(fmt::format("cannot lock {}: {}", path.string(), error_text(err)));
      }
    }
    struct stat held{};
    struct stat named{};
    if (::fstat(fd, &held) == 0 && ::stat(path.c_str(), &named) == 0 && held.st_ino == named.st_ino &&
        held.st_dev == named.st_dev) {
      return OutputLock(fd, path);
    }
    ::close(fd);
  }
}

OutputLock::OutputLock(OutputLock&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path))
{
}

OutputLock::~OutputLock()
{
  if (m_fd >= 0) {
    ::unlink(m_path.c_str());
    ::close(m_fd);
  }
}

SiteRecords SiteRecords::in(const fs::path& cache, const fs::path& output)
{
  const std::string key = content_hash(output.string()).substr(0, 16);
  const fs::path dir = cache / "site";
  return SiteRecords{dir / fmt::format("output-{}.txt", key), dir / fmt::format("spare-{}.txt", key),
                     dir / fmt::format("spare-{}", key)};
}

namespace {

// Gives `staging` the access the operator set on the output folder (its mode, and its owner
// and group as far as this process may), so that a swap never widens who can read the site.
void take_access(const fs::path& output, const fs::path& staging)
{
  struct stat st{};
  if (::stat(output.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return;  // a first build: the folder gets the usual mode
  }
  // Root keeps the owner too, anyone a group they belong to (before chmod: chown clears the
  // set-group-id bit). Where the group cannot be kept, it gets no access at all.
  const bool group_kept = ::chown(staging.c_str(), st.st_uid, st.st_gid) == 0 ||
                          ::chown(staging.c_str(), static_cast<uid_t>(-1), st.st_gid) == 0;
  ::chmod(staging.c_str(), group_kept ? st.st_mode & 07777 : st.st_mode & 07707);
}

}  // namespace

tl::expected<StagingFolder, std::string> StagingFolder::create(const fs::path& output, const SiteRecords& records)
{
  std::error_code ec;
  const std::string prefix = fmt::format(".{}.styr-", output.filename().string());
  for (const fs::directory_entry& entry : fs::directory_iterator(output.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(prefix + "new-") || name.starts_with(prefix + "old-")) {
      fs::remove_all(entry.path(), ec);  // left by a killed build; we hold the lock
    }
  }
  const fs::path path = sibling(output, fmt::format(".styr-new-{}", ::getpid()));
  fs::remove_all(path, ec);
  bool recycled = false;
  if (!records.empty() && fs::is_directory(fs::symlink_status(records.spare, ec))) {
    // A spare without its manifest holds nobody knows what: it is not used.
    recycled = fs::exists(records.spare_manifest, ec) && ::rename(records.spare.c_str(), path.c_str()) == 0;
    if (!recycled) {
      fs::remove_all(records.spare, ec);
    }
  }
  if (!recycled && (!fs::create_directory(path, ec) || ec)) {
    return tl::unexpected(fmt::format("cannot create {}: {}", path.string(), ec ? ec.message() : "it exists"));
  }
  take_access(output, path);
  return StagingFolder(path, output, records.spare, recycled);
}

StagingFolder::StagingFolder(StagingFolder&& other) noexcept
    : m_path(std::move(other.m_path)), m_output(std::move(other.m_output)), m_spare(std::move(other.m_spare)),
      m_recycled(other.m_recycled), m_done(std::exchange(other.m_done, true)), m_kept(other.m_kept),
      m_leftover(std::move(other.m_leftover))
{
}

StagingFolder::~StagingFolder()
{
  if (!m_done) {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
}

tl::expected<void, std::string> StagingFolder::commit()
{
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(m_output, ec))) {
    if (::rename(m_path.c_str(), m_output.c_str()) != 0) {
      return tl::unexpected(fmt::format("cannot move the new site to {}: {}", m_output.string(), error_text(errno)));
    }
    m_done = true;
    return {};
  }
  // One atomic step where the file system allows it; after it, m_path holds the old site.
  if (::renameat2(AT_FDCWD, m_path.c_str(), AT_FDCWD, m_output.c_str(), RENAME_EXCHANGE) != 0) {
    if (errno == EBUSY) {
      return tl::unexpected(fmt::format("cannot replace {}: it is a mount point, which cannot be swapped for the "
                                        "new site; build into a folder inside it (--out {}/site)",
                                        m_output.string(), m_output.string()));
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
      return tl::unexpected(fmt::format("cannot replace {}: {}", m_output.string(), error_text(errno)));
    }
    // Two renames: for a moment there is no site, but never half of one.
    const fs::path aside = sibling(m_output, fmt::format(".styr-old-{}", ::getpid()));
    if (::rename(m_output.c_str(), aside.c_str()) != 0) {
      return tl::unexpected(fmt::format("cannot move the old site aside: {}", error_text(errno)));
    }
    if (::rename(m_path.c_str(), m_output.c_str()) != 0) {
      const int err = errno;
      ::rename(aside.c_str(), m_output.c_str());
      return tl::unexpected(fmt::format("cannot move the new site to {}: {}", m_output.string(), error_text(err)));
    }
    m_path = aside;
  }
  m_done = true;
  // The old site becomes the spare the next build updates (it may be on another file
  // system than the cache, or the cache may be off: then it goes).
  if (!m_spare.empty()) {
    fs::remove_all(m_spare, ec);
    fs::create_directories(m_spare.parent_path(), ec);
    if (::rename(m_path.c_str(), m_spare.c_str()) == 0) {
      m_kept = true;
      return {};
    }
  }
  fs::remove_all(m_path, ec);
  if (ec) {
    m_leftover = fmt::format("the new site is in place, but the previous one could not be removed from {}: {}; "
                             "delete it by hand", m_path.string(), ec.message());
  }
  return {};
}

namespace {

struct FileStat
{
  std::uintmax_t size = 0;
  std::int64_t mtime = 0;
  std::uint64_t inode = 0;
};

FileStat file_stat(const struct stat& st)
{
  return FileStat{static_cast<std::uintmax_t>(st.st_size),
                  static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                  static_cast<std::uint64_t>(st.st_ino)};
}

// A plain file's or folder's identity, not following a link; none for anything else.
// `path` is relative to the folder open as `folder_fd` (or AT_FDCWD).
std::optional<FileStat> stat_at(int folder_fd, const char* path, bool folder)
{
  struct stat st{};
  if (::fstatat(folder_fd, path, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
      (folder ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))) {
    return std::nullopt;
  }
  return file_stat(st);
}

std::optional<FileStat> stat_of(const fs::path& path, bool folder)
{
  return stat_at(AT_FDCWD, path.c_str(), folder);
}

// The same for `path` inside the folder open as `folder_fd` ("" for the folder itself), which
// spares walking the folder's own path on every call; through `root` when it is not open.
std::optional<FileStat> stat_in(int folder_fd, const fs::path& root, const std::string& path, bool folder)
{
  if (folder_fd < 0) {
    return stat_of(path.empty() ? root : root / path, folder);
  }
  return stat_at(folder_fd, path.empty() ? "." : path.c_str(), folder);
}

// The folder a site path lies in, "" for the top.
std::string folder_of(const std::string& path)
{
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

}  // namespace

SiteWriter::SiteWriter(fs::path staging, fs::path output, SiteRecords records, bool recycled,
                       std::size_t fail_after_files)
    : m_staging(std::move(staging)), m_output(std::move(output)), m_records(std::move(records)),
      m_fail_after(fail_after_files)
{
  if (m_records.empty()) {
    return;
  }
  m_staging_fd = ::open(m_staging.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  m_live = read_manifest(m_records.live_manifest);
  if (recycled) {
    m_spare = read_manifest(m_records.spare_manifest);
  }
  // From here on the spare is this build's staging folder, which its manifest no longer describes.
  std::error_code ec;
  fs::remove(m_records.spare_manifest, ec);
  if (recycled) {
    clean_spare();
  }
}

SiteWriter::~SiteWriter()
{
  if (m_staging_fd >= 0) {
    ::close(m_staging_fd);
  }
}

// Lines of "hash size mtime inode key path" for files ("-" for no key) and of
// "dir mtime inode path" for folders ("." for the top).
SiteWriter::Manifest SiteWriter::read_manifest(const fs::path& path)
{
  Manifest m;
  const auto file = MappedFile::open(path);
  // The next space-separated field of `line`, or the rest of it for the last one.
  const auto field = [](std::string_view& line, bool last = false) {
    const std::size_t end = last ? line.size() : std::min(line.find(' '), line.size());
    const std::string_view f = line.substr(0, end);
    line.remove_prefix(std::min(end + 1, line.size()));
    return f;
  };
  const auto number = [&](std::string_view& line, auto& out) {
    const std::string_view f = field(line);
    return std::from_chars(f.data(), f.data() + f.size(), out).ec == std::errc() && !f.empty();
  };
  for (std::string_view rest = bytes_of(file); !rest.empty();) {
    const std::size_t nl = std::min(rest.find('\n'), rest.size());
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(std::min(nl + 1, rest.size()));
    const std::string_view first = field(line);
    if (first == "dir") {
      Folder f;
      if (number(line, f.mtime) && number(line, f.inode) && !line.empty()) {
        m.folders.emplace(line == "." ? std::string() : std::string(line), f);
      }
      continue;
    }
    Entry e;
    e.hash = first;
    if (!first.empty() && number(line, e.size) && number(line, e.mtime) && number(line, e.inode)) {
      const std::string_view key = field(line);
      if (!key.empty() && !line.empty()) {
        e.key = key == "-" ? std::string() : std::string(key);
        m.files.emplace(std::string(line), std::move(e));
      }
    }
  }
  return m;
}

// The recycled spare holds what its manifest records, unless something was added since: a
// folder that changed is looked into, and whatever its manifest does not know is removed.
void SiteWriter::clean_spare()
{
  std::vector<std::string> changed{""};  // the top was moved, which may touch it: always looked into
  for (const auto& [folder, recorded] : m_spare.folders) {
    const auto now = stat_in(m_staging_fd, m_staging, folder, true);
    if (!folder.empty() && (!now || now->mtime != recorded.mtime || now->inode != recorded.inode)) {
      changed.push_back(folder);
    }
  }
  std::error_code ec;
  for (const std::string& folder : changed) {
    for (const fs::directory_entry& entry : fs::directory_iterator(m_staging / folder, ec)) {
      const std::string name = entry.path().filename().string();
      const std::string path = folder.empty() ? name : folder + "/" + name;
      const bool known = stat_of(entry.path(), false) ? m_spare.files.contains(path)
                                                      : stat_of(entry.path(), true) && m_spare.folders.contains(path);
      if (!known) {
        fs::remove_all(entry.path(), ec);
      }
    }
  }
}

bool SiteWriter::staged(const std::string& path, const Entry& entry) const
{
  const auto now = stat_in(m_staging_fd, m_staging, path, false);
  return now && now->size == entry.size && now->mtime == entry.mtime && now->inode == entry.inode;
}

bool SiteWriter::link_live(const std::string& path, const Entry& entry)
{
  const fs::path live = m_output / path;
  const auto now = stat_of(live, false);
  if (!now || now->size != entry.size || now->mtime != entry.mtime || now->inode != entry.inode) {
    return false;  // changed since the last build recorded it: write it anew
  }
  const fs::path target = m_staging / path;
  if (held_by_spare(path)) {
    ::unlink(target.c_str());
  }
  if (::link(live.c_str(), target.c_str()) == 0) {
    return true;
  }
  return (errno == ENOENT || errno == ENOTDIR) && make_folder(target) && ::link(live.c_str(), target.c_str()) == 0;
}

void SiteWriter::record(const std::string& path, Entry entry)
{
  const std::lock_guard lock(m_mutex);
  m_written.emplace_back(path, std::move(entry));
}

tl::expected<void, std::string> SiteWriter::count_file(const std::string& path)
{
  const std::size_t n = m_files.fetch_add(1) + 1;
  if (m_fail_after > 0 && n > m_fail_after) {
    return tl::unexpected(fmt::format("cannot write {}: no space left on device (simulated)", path));
  }
  return {};
}

// Makes the folder that holds `full`. Thread-safe: a folder that exists is no error. A
// recycled site may hold a file where this one has a folder.
tl::expected<void, std::string> SiteWriter::make_folder(const fs::path& full) const
{
  std::error_code ec;
  fs::create_directories(full.parent_path(), ec);
  if (ec) {
    for (fs::path p = full.parent_path(); p != m_staging && within(p, m_staging); p = p.parent_path()) {
      if (const fs::file_status st = fs::symlink_status(p, ec); fs::exists(st) && !fs::is_directory(st)) {
        fs::remove(p, ec);
      }
    }
    ec.clear();
    fs::create_directories(full.parent_path(), ec);
  }
  if (ec) {
    return tl::unexpected(fmt::format("cannot create {}: {}", full.parent_path().string(), ec.message()));
  }
  return {};
}

// Whether the recycled staging folder holds something at `path`: a file, or a folder where
// this site has a file. Anything else there was removed by clean_spare().
bool SiteWriter::held_by_spare(const std::string& path) const
{
  return m_spare.files.contains(path) || m_spare.folders.contains(path);
}

// A new file with `data`, its folder made when missing; its size, time and inode once written.
tl::expected<SiteWriter::Entry, std::string> SiteWriter::write_file(const fs::path& full, std::string_view data) const
{
  constexpr int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
  int fd = ::open(full.c_str(), flags, 0666);
  if (fd < 0 && (errno == ENOENT || errno == ENOTDIR)) {
    if (auto made = make_folder(full); !made) {
      return tl::unexpected(made.error());
    }
    fd = ::open(full.c_str(), flags, 0666);
  }
  if (fd < 0) {
    return tl::unexpected(fmt::format("cannot write {}: {}", full.string(), error_text(errno)));
  }
  for (std::size_t done = 0; done < data.size();) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      return tl::unexpected(fmt::format("cannot write {}: {}", full.string(), error_text(err)));
    }
    done += static_cast<std::size_t>(n);
  }
  struct stat st{};
  const bool known = ::fstat(fd, &st) == 0;
  if (::close(fd) != 0 || !known) {
    return tl::unexpected(fmt::format("cannot write {}: {}", full.string(), error_text(errno)));
  }
  const FileStat made = file_stat(st);
  return Entry{{}, made.size, made.mtime, made.inode, {}};
}

tl::expected<bool, std::string> SiteWriter::reuse_made_from(const std::string& path, const std::string& key)
{
  if (key.empty()) {
    return false;
  }
  const Entry* reused = nullptr;
  if (const auto spare = m_spare.files.find(path);
      spare != m_spare.files.end() && spare->second.key == key && staged(path, spare->second)) {
    reused = &spare->second;
  } else if (const auto live = m_live.files.find(path); live != m_live.files.end() && live->second.key == key) {
    if (link_live(path, live->second)) {
      reused = &live->second;
    }
  }
  if (!reused) {
    return false;
  }
  if (auto counted = count_file(path); !counted) {
    return tl::unexpected(counted.error());
  }
  record(path, *reused);  // the same file: its key, and its size, time and inode, as recorded
  m_linked.fetch_add(1);
  return true;
}

tl::expected<bool, std::string> SiteWriter::reuse_all_made_from(const std::string& key)
{
  if (key.empty()) {
    return false;
  }
  std::set<std::string> paths;
  for (const Manifest* m : {&m_spare, &m_live}) {
    for (const auto& [path, entry] : m->files) {
      if (entry.key == key) {
        paths.insert(path);
      }
    }
  }
  bool all = !paths.empty();
  for (const std::string& path : paths) {
    auto reused = reuse_made_from(path, key);
    if (!reused) {
      return reused;
    }
    all = all && *reused;
  }
  return all;
}

tl::expected<void, std::string> SiteWriter::write(const std::string& path, std::string_view data, const std::string& key)
{
  if (auto counted = count_file(path); !counted) {
    return counted;
  }
  const fs::path full = m_staging / path;
  if (!m_records.empty()) {
    const std::string hash = content_hash(data);
    const auto same = [&](const Manifest& m) -> const Entry* {
      const auto it = m.files.find(path);
      return it != m.files.end() && it->second.hash == hash && it->second.size == data.size() ? &it->second : nullptr;
    };
    const Entry* spare = same(m_spare);
    const Entry* live = same(m_live);
    const Entry* kept = spare && staged(path, *spare) ? spare : live && link_live(path, *live) ? live : nullptr;
    if (kept) {
      Entry entry = *kept;
      entry.key = key;
      record(path, std::move(entry));
      m_linked.fetch_add(1);
      return {};
    }
    // A recycled file may be a link to the live site's: never written through. Where the
    // recycled site has a folder, this one has a file.
    if (held_by_spare(path) && ::unlink(full.c_str()) != 0 && errno == EISDIR) {
      std::error_code ec;
      fs::remove_all(full, ec);
    }
    auto written = write_file(full, data);
    if (!written) {
      return tl::unexpected(written.error());
    }
    written->hash = hash;
    written->key = key;
    record(path, std::move(*written));
    return {};
  }
  if (const auto written = write_file(full, data); !written) {
    return tl::unexpected(written.error());
  }
  return {};
}

tl::expected<void, std::string> SiteWriter::finish()
{
  // What was written, by path; of a path written twice, the last.
  const auto by_path = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::stable_sort(m_written.begin(), m_written.end(), by_path);
  const auto later = std::unique(m_written.rbegin(), m_written.rend(),
                                 [](const auto& a, const auto& b) { return a.first == b.first; });
  m_written.erase(m_written.begin(), later.base());
  const auto written = [&](const std::string& path) {
    const auto it = std::lower_bound(m_written.begin(), m_written.end(), path,
                                     [](const auto& w, const std::string& p) { return w.first < p; });
    return it != m_written.end() && it->first == path;
  };

  // What the spare held that the new site does not, and then its folders left empty.
  std::set<std::string, std::greater<>> folders;
  for (const auto& [path, entry] : m_spare.files) {
    if (!written(path)) {
      // Gone, or now a folder (or inside a file) of the new site's.
      if (::unlink((m_staging / path).c_str()) != 0 && errno != ENOENT && errno != EISDIR && errno != ENOTDIR) {
        return tl::unexpected(fmt::format("cannot remove {}: {}", (m_staging / path).string(), error_text(errno)));
      }
      for (std::string f = folder_of(path); !f.empty(); f = folder_of(f)) {
        folders.insert(f);
      }
    }
  }
  for (const std::string& f : folders) {  // deepest first
    ::rmdir((m_staging / f).c_str());       // fails, as it should, when not empty
  }
  return {};
}

void SiteWriter::save_manifest(bool kept_previous) const
{
  if (m_records.empty()) {
    return;
  }
  std::error_code ec;
  // The manifest of the previous site goes with it.
  if (kept_previous) {
    fs::rename(m_records.live_manifest, m_records.spare_manifest, ec);
  }
  fs::create_directories(m_records.live_manifest.parent_path(), ec);
  const fs::path temp = m_records.live_manifest.string() + fmt::format(".tmp{}", ::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    std::string text;
    text.reserve(m_written.size() * 160);  // about 130 bytes a line: 4 MB for 28,800 files
    std::set<std::string> folders{""};
    for (const auto& [path, written] : m_written) {
      // An entry holds its file's size, time and inode (taken when it was written, or kept
      // from the manifest it was reused from); one without them is looked up.
      std::optional<FileStat> st = FileStat{written.size, written.mtime, written.inode};
      if (written.inode == 0) {
        st = stat_in(m_staging_fd, m_output, path, false);  // the staging folder is the output now
      }
      if (!st) {
        continue;
      }
      fmt::format_to(std::back_inserter(text), "{} {} {} {} {} {}\n", written.hash, st->size, st->mtime, st->inode,
                     written.key.empty() ? std::string_view("-") : std::string_view(written.key), path);
      for (std::string f = folder_of(path); !f.empty() && folders.insert(f).second; f = folder_of(f)) {
      }
    }
    for (const std::string& f : folders) {
      if (const auto st = stat_in(m_staging_fd, m_output, f, true)) {
        fmt::format_to(std::back_inserter(text), "dir {} {} {}\n", st->mtime, st->inode, f.empty() ? std::string(".") : f);
      }
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      fs::remove(temp, ec);
      return;
    }
  }
  fs::rename(temp, m_records.live_manifest, ec);
}

}  // namespace styr
