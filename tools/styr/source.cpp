#include "styr/source.hpp"

#include "styr/document.hpp"
#include "styr/parallel.hpp"
#include "styr/site_cache.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <iterator>
#include <optional>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <system_error>

namespace styr {

namespace fs = std::filesystem;

namespace {

bool is_markdown_name(std::string_view name)
{
  return name.size() > 3 && name.ends_with(".md");
}

bool under(std::string_view path, std::string_view dir)
{
  return dir.empty() || (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}

std::string kind_problem(fs::file_type type)
{
  switch (type) {
    case fs::file_type::directory: return "is a directory, not a document";
    case fs::file_type::symlink: return "is a symbolic link; documents must be regular files";
    case fs::file_type::fifo: return "is a named pipe, not a document";
    case fs::file_type::socket: return "is a socket, not a document";
    case fs::file_type::block:
    case fs::file_type::character: return "is a device, not a document";
    default: return "is not a regular file";
  }
}

// Opens `path` below the root without following a symbolic link at any step (O_NOFOLLOW
// alone guards only the last one), so that a link to a folder cannot lead out of the
// repository. -1 with errno set when it cannot; ELOOP when a step is a link.
// One openat2 call that refuses any link and any step out of `dir` (Linux 5.6 and later);
// std::nullopt where the kernel does not offer it.
std::optional<int> open_resolved_beneath(int dir, const std::string& path, int flags)
{
  static std::atomic<bool> unavailable{false};
  if (unavailable.load(std::memory_order_relaxed)) {
    return std::nullopt;
  }
  open_how how{};
  how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC);
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  const long fd = ::syscall(SYS_openat2, dir, path.c_str(), &how, sizeof how);
  if (fd < 0 && (errno == ENOSYS || errno == EPERM || errno == E2BIG)) {
    unavailable.store(true, std::memory_order_relaxed);  // an old kernel, or a seccomp filter
    return std::nullopt;
  }
  if (fd < 0 && errno == EXDEV) {
    errno = EACCES;  // a ".." out of the repository, as the walk below reports it
  }
  return static_cast<int>(fd);
}

int open_beneath(const fs::path& root, std::string_view path, int flags)
{
  while (path.ends_with('/')) {
    path.remove_suffix(1);
  }
  if (!path.empty() && path != ".") {
    const int dir = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) {
      return -1;
    }
    const std::optional<int> fd = open_resolved_beneath(dir, std::string(path), flags);
    const int saved = errno;
    ::close(dir);
    errno = saved;
    if (fd) {
      return *fd;
    }
  }
  int dir = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  while (dir >= 0) {
    const std::size_t slash = path.find('/');
    const std::string part(path.substr(0, slash));
    const bool last = slash == std::string_view::npos;
    path = last ? std::string_view() : path.substr(slash + 1);
    if (part.empty() || part == ".") {
      if (last) {
        return dir;
      }
      continue;
    }
    int next = -1;
    if (part == "..") {
      errno = EACCES;
    } else {
      next = ::openat(dir, part.c_str(), (last ? flags : O_RDONLY | O_DIRECTORY) | O_NOFOLLOW | O_CLOEXEC);
    }
    const int saved = errno;
    ::close(dir);
    errno = saved;
    if (last || next < 0) {
      return next;
    }
    dir = next;
  }
  return -1;
}

std::string open_problem(int error)
{
  if (error == ELOOP) {
    return "is a symbolic link or lies under one; styr reads only files inside the repository";
  }
  return fmt::format("cannot open: {}", std::strerror(error));
}

// What the entry itself is (a link is not followed), as the folder's listing says where the
// file system tells: a stat for every file was most of the time it took to list 10,000.
fs::file_type own_type(const fs::directory_entry& entry, std::error_code& ec)
{
  if (entry.is_symlink(ec)) {
    return fs::file_type::symlink;
  }
  if (!ec && entry.is_regular_file(ec)) {
    return fs::file_type::regular;
  }
  if (!ec && entry.is_directory(ec)) {
    return fs::file_type::directory;
  }
  return ec ? fs::file_type::none : entry.symlink_status(ec).type();
}

// What a file's blob id is kept under: its path, size, times and identity. Any write
// changes its status-change time, which no one can set back.
std::string file_key(std::string_view path, const struct stat& st)
{
  return Hasher()
    .add(path)
    .add(static_cast<std::int64_t>(st.st_size))
    .add(static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec)
    .add(static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec)
    .add(static_cast<std::int64_t>(st.st_ino))
    .add(static_cast<std::int64_t>(st.st_dev))
    .hex();
}

// Whether a file last changed at least a second before `now`: a change after it was read
// then gives it other times, even where the clock that stamps files is coarse.
bool settled(const struct stat& st, const struct timespec& now)
{
  const auto before = [](const struct timespec& a, const struct timespec& b) {
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
  };
  const struct timespec limit{now.tv_sec - 1, now.tv_nsec};
  return before(st.st_mtim, limit) && before(st.st_ctim, limit);
}

// One folder's documents (by path from the root) and the folders in it to look into.
struct FolderListing
{
  std::vector<SourceFile> files;
  std::vector<std::string> folders;
  std::error_code error;
};

// Hidden entries are skipped; a link is neither followed nor a document.
FolderListing list_folder(const fs::path& root, const std::string& folder)
{
  FolderListing out;
  std::error_code ec;
  fs::directory_iterator it(root / folder, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    const fs::file_type type = own_type(entry, ec);
    if (ec) {
      break;
    }
    if (name.starts_with(".")) {
      continue;
    }
    std::string path = folder.empty() ? name : folder + "/" + name;
    if (is_markdown_name(name)) {
      out.files.push_back(SourceFile{std::move(path), type == fs::file_type::regular ? "" : kind_problem(type)});
    } else if (type == fs::file_type::directory) {
      out.folders.push_back(std::move(path));
    }
  }
  out.error = ec;
  return out;
}

}  // namespace

WorkingTreeSource::WorkingTreeSource(fs::path root, SiteCache* cache) : m_root(std::move(root)), m_cache(cache) {}

std::vector<SourceFile> WorkingTreeSource::markdown_files(std::string_view dir) const
{
  std::vector<SourceFile> files;
  const fs::path start = m_root / fs::path(dir);
  std::error_code ec;
  const int start_fd = open_beneath(m_root, dir, O_RDONLY | O_DIRECTORY);
  if (start_fd < 0) {
    // A folder that is there only through a link is said to be, not silently empty.
    if ((errno == ELOOP || errno == ENOTDIR) && fs::is_directory(start, ec)) {
      files.push_back(SourceFile{std::string(dir), open_problem(ELOOP)});
    }
    return files;  // or no such folder
  }
  ::close(start_fd);
  // A level of folders at a time, each level's folders on every core: a large repository
  // has thousands of folders, each a few system calls.
  std::string top = fs::path(dir).lexically_normal().generic_string();
  while (top.ends_with('/')) {
    top.pop_back();
  }
  std::vector<std::string> level{top == "." ? std::string() : top};
  std::optional<std::error_code> failed;
  while (!level.empty()) {
    std::vector<FolderListing> listed(level.size());
    parallel_for(level.size(), [&](std::size_t i) { listed[i] = list_folder(m_root, level[i]); });
    std::vector<std::string> next;
    for (FolderListing& l : listed) {
      std::move(l.files.begin(), l.files.end(), std::back_inserter(files));
      std::move(l.folders.begin(), l.folders.end(), std::back_inserter(next));
      if (l.error && !failed) {
        failed = l.error;
      }
    }
    level = std::move(next);
  }
  if (failed) {
    files.push_back(SourceFile{std::string(dir), fmt::format("cannot list the folder: {}", failed->message())});
  }
  std::sort(files.begin(), files.end(), [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  return files;
}

tl::expected<std::string, std::string> WorkingTreeSource::read(std::string_view path) const
{
  struct timespec started{};
  ::clock_gettime(CLOCK_REALTIME, &started);
  // No link followed and O_NONBLOCK: never out of the repository, never blocked on a FIFO.
  const int fd = open_beneath(m_root, path, O_RDONLY | O_NONBLOCK);
  if (fd < 0) {
    return tl::unexpected(open_problem(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return tl::unexpected(std::string("is not a regular file"));
  }
  if (m_cache != nullptr && settled(st, started)) {
    const std::lock_guard lock(m_read_mutex);
    m_read_keys.insert_or_assign(std::string(path), file_key(path, st));
  }
  if (static_cast<std::size_t>(st.st_size) > k_max_document_bytes) {
    ::close(fd);
    return tl::unexpected(fmt::format("is larger than the limit of {} MiB", k_max_document_bytes >> 20));
  }
  std::string data;
  data.resize(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::read(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  data.resize(done);
  return data;
}

std::optional<std::string> WorkingTreeSource::content_id(std::string_view path) const
{
  if (m_cache == nullptr) {
    return std::nullopt;
  }
  struct stat st{};
  if (::lstat((m_root / path).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return std::nullopt;
  }
  const auto id = m_cache->get("file", file_key(path, st));
  return id ? std::optional<std::string>(*id) : std::nullopt;
}

void WorkingTreeSource::note_content(std::string_view path, const git::Oid& blob) const
{
  if (m_cache == nullptr) {
    return;
  }
  std::string key;
  {
    const std::lock_guard lock(m_read_mutex);
    const auto it = m_read_keys.find(path);
    if (it == m_read_keys.end()) {
      return;
    }
    key = std::move(it->second);
    m_read_keys.erase(it);
  }
  m_cache->put("file", key, blob.hex());
}

// The entry at `path` itself, not what a link there points to, looked at from its folder
// opened without following links; nullopt when there is none. The root names itself.
std::optional<struct stat> WorkingTreeSource::entry(std::string_view path) const
{
  const std::size_t slash = path.rfind('/');
  const std::string_view folder = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
  const std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
  const int dir = open_beneath(m_root, folder, O_RDONLY | O_DIRECTORY);
  if (dir < 0) {
    return std::nullopt;
  }
  struct stat st {};
  const bool found = name.empty() || name == "." ? ::fstat(dir, &st) == 0
                     : name != ".."              ? ::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0
                                                 : false;
  ::close(dir);
  return found ? std::optional(st) : std::nullopt;
}

bool WorkingTreeSource::exists(std::string_view path) const
{
  return entry(path).has_value();  // a link inside the repository exists, wherever it points
}

bool WorkingTreeSource::is_link(std::string_view path) const
{
  const auto st = entry(path);
  return st && S_ISLNK(st->st_mode);
}

CommitSource::CommitSource(const git::Repository& repo, git::Oid commit, git::Oid tree)
    : m_repo(repo), m_commit(commit), m_tree(tree)
{
}

tl::expected<const git::Repository*, std::string> CommitSource::repo() const
{
  const std::thread::id self = std::this_thread::get_id();
  if (self == m_owner) {
    return &m_repo;
  }
  const std::lock_guard lock(m_handles_mutex);
  std::unique_ptr<git::Repository>& handle = m_handles[self];
  if (!handle) {
    auto opened = m_repo.reopen();
    if (!opened) {
      return tl::unexpected(opened.error());
    }
    handle = std::make_unique<git::Repository>(std::move(*opened));
  }
  return handle.get();
}

std::vector<SourceFile> CommitSource::markdown_files(std::string_view dir) const
{
  std::vector<SourceFile> files;
  auto listed = repo().and_then([&](const git::Repository* r) { return r->list_files(m_tree, dir); });
  if (!listed) {
    files.push_back(SourceFile{std::string(dir), listed.error()});
    return files;
  }
  const std::unique_lock lock(m_listed_mutex);
  for (const git::TreeFile& f : *listed) {
    const std::string_view name = std::string_view(f.path).substr(f.path.rfind('/') + 1);
    if (!is_markdown_name(name) || name.starts_with(".")) {
      continue;
    }
    if (f.kind == git::EntryKind::blob) {
      m_listed.emplace(f.path, f.blob);
    }
    std::string problem;
    if (f.kind == git::EntryKind::link) {
      problem = "is a symbolic link; documents must be regular files";
    } else if (f.kind != git::EntryKind::blob) {
      problem = "is not a regular file";
    }
    files.push_back(SourceFile{f.path, std::move(problem)});
  }
  return files;
}

tl::expected<std::string, std::string> CommitSource::read(std::string_view path) const
{
  auto repo = this->repo();
  if (!repo) {
    return tl::unexpected(repo.error());
  }
  const auto blob = blob_id(path);
  if (!blob) {
    return tl::unexpected((*repo)->entry(m_tree, path) ? std::string("is not a regular file")
                                                        : fmt::format("does not exist in {}", describe()));
  }
  auto data = (*repo)->read_blob(*blob);
  if (data && data->size() > k_max_document_bytes) {
    return tl::unexpected(fmt::format("is larger than the limit of {} MiB", k_max_document_bytes >> 20));
  }
  return data;
}

bool CommitSource::exists(std::string_view path) const
{
  auto repo = this->repo();
  return path.empty() || (repo && (*repo)->entry(m_tree, path).has_value());
}

bool CommitSource::is_link(std::string_view path) const
{
  auto repo = this->repo();
  if (!repo) {
    return false;
  }
  const auto item = (*repo)->entry(m_tree, path);
  return item && item->kind == git::EntryKind::link;
}

std::string CommitSource::describe() const
{
  return fmt::format("commit {}", m_commit.short_hex());
}

std::optional<std::string> CommitSource::content_id(std::string_view path) const
{
  const auto blob = blob_id(path);
  return blob ? std::optional(blob->hex()) : std::nullopt;
}

std::optional<git::Oid> CommitSource::blob_id(std::string_view path) const
{
  {
    const std::shared_lock lock(m_listed_mutex);
    if (const auto listed = m_listed.find(path); listed != m_listed.end()) {
      return listed->second;
    }
  }
  auto repo = this->repo();
  const auto item = repo ? (*repo)->entry(m_tree, path) : std::nullopt;
  return item && item->kind == git::EntryKind::blob ? std::optional(item->id) : std::nullopt;
}

std::vector<SourceFile> MemorySource::markdown_files(std::string_view dir) const
{
  std::vector<SourceFile> files;
  for (const auto& [path, data] : m_files) {
    if (under(path, dir) && is_markdown_name(path)) {
      files.push_back(SourceFile{path, ""});
    }
  }
  return files;
}

tl::expected<std::string, std::string> MemorySource::read(std::string_view path) const
{
  const auto it = m_files.find(std::string(path));
  if (it == m_files.end()) {
    return tl::unexpected(std::string("does not exist"));
  }
  return it->second;
}

bool MemorySource::exists(std::string_view path) const
{
  const std::string p(path);
  const auto it = m_files.lower_bound(p);
  return it != m_files.end() && (it->first == p || under(it->first, p));
}

std::optional<std::string> resolve_link(std::string_view from, std::string_view target)
{
  std::vector<std::string_view> parts;
  if (!target.starts_with('/')) {
    std::string_view dir = from.substr(0, from.rfind('/') == std::string_view::npos ? 0 : from.rfind('/'));
    while (!dir.empty()) {
      const auto slash = dir.find('/');
      parts.push_back(dir.substr(0, slash));
      dir = slash == std::string_view::npos ? std::string_view() : dir.substr(slash + 1);
    }
  }
  while (!target.empty()) {
    const auto slash = target.find('/');
    const std::string_view part = target.substr(0, slash);
    target = slash == std::string_view::npos ? std::string_view() : target.substr(slash + 1);
    if (part.empty() || part == ".") {
      continue;
    }
    if (part == "..") {
      if (parts.empty()) {
        return std::nullopt;
      }
      parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (const std::string_view part : parts) {
    if (!out.empty()) {
      out += '/';
    }
    out += part;
  }
  return out;
}

std::optional<std::string> attachment_refusal(std::string_view path, std::string_view documents_dir)
{
  static constexpr std::string_view k_kinds[] = {"pdf", "png", "jpg", "jpeg", "gif", "webp", "txt",
                                                 "csv", "docx", "xlsx", "pptx", "odt", "ods", "odp"};
  if (!path.starts_with(documents_dir) || path.substr(documents_dir.size(), 1) != "/") {
    return fmt::format("which is outside the documents folder {}", documents_dir);
  }
  const std::string_view name = path.substr(path.rfind('/') + 1);
  const std::size_t dot = name.rfind('.');
  const std::string kind = text::fold_case(dot == std::string_view::npos ? "" : name.substr(dot + 1));
  if (name.starts_with('.') || std::find(std::begin(k_kinds), std::end(k_kinds), kind) == std::end(k_kinds)) {
    return std::string("which is not a kind of file the site publishes (PDF, pictures as PNG, JPEG, GIF or WebP, "
                       "text, CSV, office files)");
  }
  return std::nullopt;
}

}  // namespace styr
