#include "styr/site_output.hpp"

#include "styr/site_cache.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
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

tl::expected<StagingFolder, std::string> StagingFolder::create(const fs::path& output)
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
  if (!fs::create_directory(path, ec) || ec) {
    return tl::unexpected(fmt::format("cannot create {}: {}", path.string(), ec ? ec.message() : "it exists"));
  }
  return StagingFolder(path, output);
}

StagingFolder::StagingFolder(StagingFolder&& other) noexcept
    : m_path(std::move(other.m_path)), m_output(std::move(other.m_output)), m_done(std::exchange(other.m_done, true))
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
  fs::remove_all(m_path, ec);
  if (ec) {
    m_leftover = fmt::format("the new site is in place, but the previous one could not be removed from {}: {}; "
                             "delete it by hand", m_path.string(), ec.message());
  }
  m_done = true;
  return {};
}

SiteWriter::SiteWriter(fs::path staging, fs::path output, fs::path manifest, std::size_t fail_after_files)
    : m_staging(std::move(staging)), m_output(std::move(output)), m_manifest(std::move(manifest)),
      m_fail_after(fail_after_files)
{
  if (m_manifest.empty()) {
    return;
  }
  std::ifstream in(m_manifest);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    Entry e;
    std::string path;
    if (fields >> e.hash >> e.size >> e.mtime >> e.inode >> e.key && std::getline(fields >> std::ws, path) &&
        !path.empty()) {
      if (e.key == "-") {
        e.key.clear();
      }
      m_previous.emplace(std::move(path), std::move(e));
    }
  }
}

bool SiteWriter::link_previous(const std::string& path, const Entry& previous)
{
  const fs::path old = m_output / path;
  struct stat st{};
  if (::lstat(old.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::uintmax_t>(st.st_size) != previous.size ||
      static_cast<std::uint64_t>(st.st_ino) != previous.inode ||
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec != previous.mtime) {
    return false;  // changed since the last build recorded it: write it anew
  }
  return ::link(old.c_str(), (m_staging / path).c_str()) == 0;
}

bool SiteWriter::reuse(const std::string& path, const std::string& hash, std::size_t size)
{
  const auto it = m_previous.find(path);
  if (it == m_previous.end() || it->second.hash != hash || it->second.size != size) {
    return false;
  }
  return link_previous(path, it->second);
}

tl::expected<void, std::string> SiteWriter::count_file(const std::string& path)
{
  const std::size_t n = m_files.fetch_add(1) + 1;
  if (m_fail_after > 0 && n > m_fail_after) {
    return tl::unexpected(fmt::format("cannot write {}: no space left on device (simulated)", path));
  }
  return {};
}

// Called with m_mutex held.
tl::expected<void, std::string> SiteWriter::prepare_folder(const fs::path& full)
{
  if (m_dirs.insert(full.parent_path()).second) {
    std::error_code ec;
    fs::create_directories(full.parent_path(), ec);
    if (ec) {
      return tl::unexpected(fmt::format("cannot create {}: {}", full.parent_path().string(), ec.message()));
    }
  }
  return {};
}

tl::expected<bool, std::string> SiteWriter::reuse_made_from(const std::string& path, const std::string& key)
{
  const auto it = m_previous.find(path);
  if (key.empty() || it == m_previous.end() || it->second.key != key) {
    return false;
  }
  {
    const std::lock_guard lock(m_mutex);
    if (auto ready = prepare_folder(m_staging / path); !ready) {
      return tl::unexpected(ready.error());
    }
  }
  if (!link_previous(path, it->second)) {
    return false;
  }
  if (auto counted = count_file(path); !counted) {
    return tl::unexpected(counted.error());
  }
  {
    const std::lock_guard lock(m_mutex);
    m_written[path] = Written{it->second.hash, key};
  }
  m_linked.fetch_add(1);
  return true;
}

tl::expected<void, std::string> SiteWriter::write(const std::string& path, std::string_view data, const std::string& key)
{
  if (auto counted = count_file(path); !counted) {
    return counted;
  }
  const fs::path full = m_staging / path;
  const std::string hash = m_manifest.empty() ? std::string() : content_hash(data);
  {
    const std::lock_guard lock(m_mutex);
    if (auto ready = prepare_folder(full); !ready) {
      return ready;
    }
    if (!hash.empty()) {
      m_written[path] = Written{hash, key};
    }
  }
  if (!hash.empty() && reuse(path, hash, data.size())) {
    m_linked.fetch_add(1);
    return {};
  }
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) {
    return tl::unexpected(fmt::format("cannot write {}", full.string()));
  }
  return {};
}

void SiteWriter::save_manifest() const
{
  if (m_manifest.empty()) {
    return;
  }
  std::error_code ec;
  fs::create_directories(m_manifest.parent_path(), ec);
  const fs::path temp = m_manifest.string() + fmt::format(".tmp{}", ::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    for (const auto& [path, written] : m_written) {
      struct stat st{};
      if (::lstat((m_output / path).c_str(), &st) != 0) {
        continue;
      }
      out << written.hash << ' ' << st.st_size << ' '
          << static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec << ' ' << st.st_ino << ' '
          << (written.key.empty() ? std::string("-") : written.key) << ' ' << path << '\n';
    }
    if (!out) {
      fs::remove(temp, ec);
      return;
    }
  }
  fs::rename(temp, m_manifest, ec);
}

}  // namespace styr
