#include "styr/git.hpp"

#include <git2.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <utility>

#include <sys/stat.h>
#include <unistd.h>

namespace styr::git {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter
{
  void operator()(T* p) const noexcept { Free(p); }
};

template <typename T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using ObjectPtr = Handle<git_object, git_object_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using TreeEntryPtr = Handle<git_tree_entry, git_tree_entry_free>;
using BlobPtr = Handle<git_blob, git_blob_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using TagPtr = Handle<git_tag, git_tag_free>;
using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;
using ConfigPtr = Handle<git_config, git_config_free>;
using OdbPtr = Handle<git_odb, git_odb_free>;
using OdbObjectPtr = Handle<git_odb_object, git_odb_object_free>;

struct StrArray
{
  git_strarray array{};
  ~StrArray() { git_strarray_dispose(&array); }
};

struct Buf
{
  git_buf buf{};
  ~Buf() { git_buf_dispose(&buf); }
};

// The message of the last failed call; libgit2 keeps it per thread and may have none.
Error last_error(std::string_view what)
{
  const git_error* e = git_error_last();
  return e != nullptr && e->message != nullptr ? fmt::format("{}: {}", what, e->message)
                                               : std::string(what);
}

Oid to_oid(const git_oid& id)
{
  Oid oid;
  std::memcpy(oid.bytes.data(), id.id, oid.bytes.size());
  return oid;
}

git_oid to_git(const Oid& oid)
{
  git_oid id;
  std::memcpy(id.id, oid.bytes.data(), oid.bytes.size());
  return id;
}

Signature to_signature(const git_signature* s)
{
  return Signature{s->name ? s->name : "", s->email ? s->email : "", s->when.time, s->when.offset};
}

EntryKind kind_of(git_filemode_t mode)
{
  switch (mode) {
    case GIT_FILEMODE_BLOB:
    case GIT_FILEMODE_BLOB_EXECUTABLE: return EntryKind::blob;
    case GIT_FILEMODE_TREE: return EntryKind::tree;
    case GIT_FILEMODE_LINK: return EntryKind::link;
    case GIT_FILEMODE_COMMIT: return EntryKind::submodule;
    default: return EntryKind::other;
  }
}

}  // namespace

Library::Library()
{
  git_libgit2_init();
  // The ledger looks documents up in the trees of many commits; libgit2 caches only trees
  // under 4 KiB by default, so a folder of a few hundred documents was inflated again for
  // every lookup.
  git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, static_cast<size_t>(1) << 20);
  // Reading an object does not hash it again, as `git cat-file` does not: zlib's checksum
  // already catches damaged data, and hashing was a tenth of `styr status` on a large
  // repository.
  git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

Library::~Library()
{
  git_libgit2_shutdown();
}

std::string Oid::hex() const
{
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(40);
  for (unsigned char b : bytes) {
    out += k_digits[b >> 4];
    out += k_digits[b & 15];
  }
  return out;
}

bool Oid::is_zero() const
{
  return std::all_of(bytes.begin(), bytes.end(), [](unsigned char b) { return b == 0; });
}

std::optional<Oid> Oid::from_hex(std::string_view hex)
{
  git_oid id;
  if (hex.size() != 40 || git_oid_fromstrn(&id, hex.data(), hex.size()) != 0) {
    return std::nullopt;
  }
  return to_oid(id);
}

std::size_t OidHash::operator()(const Oid& oid) const noexcept
{
  std::size_t h = 0;
  std::memcpy(&h, oid.bytes.data(), sizeof h);
  return h;
}

bool owned_by_another_user(const std::filesystem::path& path)
{
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && st.st_uid != ::geteuid();
}

tl::expected<Repository, Error> Repository::open(const std::filesystem::path& dir)
{
  git_repository* repo = nullptr;
  if (const int rc = git_repository_open_ext(&repo, dir.c_str(), 0, nullptr); rc != 0) {
    // As git itself refuses it, e.g. a checkout owned by another user in CI. libgit2 1.5
    // reports that as "not found", so the owner is looked at here as well.
    if (rc == GIT_EOWNER || owned_by_another_user(dir / ".git")) {
      return tl::unexpected(fmt::format(
        "git does not trust the repository at {}: it is owned by another user (if it is safe, run git config "
        "--global --add safe.directory {})", dir.string(), dir.string()));
    }
    return tl::unexpected(fmt::format("{} is not in a git repository; decisions are git tags (git init)", dir.string()));
  }
  return Repository(repo);
}

tl::expected<Repository, Error> Repository::reopen() const
{
  const std::lock_guard lock(*m_mutex);
  git_repository* repo = nullptr;
  if (git_repository_open(&repo, git_repository_path(m_repo)) != 0) {
    return tl::unexpected(last_error("cannot open the repository again"));
  }
  return Repository(repo);
}

Repository::Repository(Repository&& other) noexcept
    : m_repo(std::exchange(other.m_repo, nullptr)), m_mutex(std::move(other.m_mutex))
{
}

Repository& Repository::operator=(Repository&& other) noexcept
{
  if (this != &other) {
    git_repository_free(m_repo);
    m_repo = std::exchange(other.m_repo, nullptr);
    m_mutex = std::move(other.m_mutex);
  }
  return *this;
}

Repository::~Repository()
{
  git_repository_free(m_repo);
}

std::filesystem::path Repository::workdir() const
{
  const std::lock_guard lock(*m_mutex);
  const char* dir = git_repository_workdir(m_repo);
  return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path();
}

bool Repository::shallow() const
{
  const std::lock_guard lock(*m_mutex);
  return git_repository_is_shallow(m_repo) == 1;
}

tl::expected<Oid, Error> Repository::resolve_commit(std::string_view revision) const
{
  const std::lock_guard lock(*m_mutex);
  const std::string context = fmt::format("cannot resolve revision '{}'", revision);
  if (revision.empty()) {
    return tl::unexpected(context + ": it is empty");
  }
  git_object* raw = nullptr;
  const std::string spec(revision);
  if (git_revparse_single(&raw, m_repo, spec.c_str()) != 0) {
    return tl::unexpected(last_error(context));
  }
  const ObjectPtr object(raw);
  git_object* peeled = nullptr;  // a tag names its commit; a tree or a file names none
  if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) != 0) {
    const git_object_t type = git_object_type(object.get());
    return tl::unexpected(fmt::format("{}: it names a {}, not a commit", context,
                                      type == GIT_OBJECT_BLOB   ? "file"
                                      : type == GIT_OBJECT_TREE ? "folder"
                                                                : git_object_type2string(type)));
  }
  const ObjectPtr commit(peeled);
  return to_oid(*git_object_id(commit.get()));
}

std::optional<Oid> Repository::head() const
{
  const std::lock_guard lock(*m_mutex);
  auto id = resolve_commit("HEAD");
  return id ? std::optional<Oid>(*id) : std::nullopt;
}

tl::expected<Commit, Error> Repository::commit(const Oid& id) const
{
  const std::lock_guard lock(*m_mutex);
  git_commit* raw = nullptr;
  const git_oid gid = to_git(id);
  if (git_commit_lookup(&raw, m_repo, &gid) != 0) {
    return tl::unexpected(last_error(fmt::format("cannot read commit {}", id.short_hex())));
  }
  const CommitPtr c(raw);
  Commit result;
  result.id = id;
  result.tree = to_oid(*git_commit_tree_id(c.get()));
  for (unsigned i = 0; i < git_commit_parentcount(c.get()); ++i) {
    result.parents.push_back(to_oid(*git_commit_parent_id(c.get(), i)));
  }
  result.author = to_signature(git_commit_author(c.get()));
  result.committer = to_signature(git_commit_committer(c.get()));
  const char* summary = git_commit_summary(c.get());
  result.summary = summary != nullptr ? summary : "";
  return result;
}

tl::expected<std::vector<Oid>, Error> Repository::history(const Oid& tip) const
{
  const std::lock_guard lock(*m_mutex);
  git_revwalk* raw = nullptr;
  if (git_revwalk_new(&raw, m_repo) != 0) {
    return tl::unexpected(last_error("cannot walk the history"));
  }
  const RevwalkPtr walk(raw);
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE);
  const git_oid start = to_git(tip);
  if (git_revwalk_push(walk.get(), &start) != 0) {
    return tl::unexpected(last_error("cannot walk the history"));
  }
  std::vector<Oid> result;
  git_oid id;
  int rc = 0;
  while ((rc = git_revwalk_next(&id, walk.get())) == 0) {
    result.push_back(to_oid(id));
  }
  if (rc != GIT_ITEROVER) {
    return tl::unexpected(last_error("the history is incomplete"));
  }
  return result;
}

bool Repository::descends_from(const Oid& commit, const Oid& ancestor) const
{
  const std::lock_guard lock(*m_mutex);
  const git_oid a = to_git(commit);
  const git_oid b = to_git(ancestor);
  return git_graph_descendant_of(m_repo, &a, &b) == 1;
}

tl::expected<std::vector<Tag>, Error> Repository::tags(std::string_view pattern) const
{
  const std::lock_guard lock(*m_mutex);
  StrArray names;
  const std::string pat(pattern);
  if (git_tag_list_match(&names.array, pat.c_str(), m_repo) != 0) {
    return tl::unexpected(last_error("cannot list tags"));
  }
  std::vector<Tag> result;
  for (std::size_t i = 0; i < names.array.count; ++i) {
    Tag tag;
    tag.name = names.array.strings[i];
    const std::string ref = "refs/tags/" + tag.name;
    git_oid target;
    if (git_reference_name_to_id(&target, m_repo, ref.c_str()) != 0) {
      continue;
    }
    tag.target = to_oid(target);
    git_object* raw = nullptr;
    if (git_object_lookup(&raw, m_repo, &target, GIT_OBJECT_ANY) != 0) {
      continue;  // dangling reference: nothing to approve
    }
    const ObjectPtr object(raw);
    if (git_object_type(object.get()) == GIT_OBJECT_TAG) {
      auto* t = reinterpret_cast<git_tag*>(object.get());
      tag.annotated = true;
      if (const char* name = git_tag_name(t)) {
        tag.object_name = name;
      }
      if (const git_signature* who = git_tag_tagger(t)) {
        tag.tagger = to_signature(who);
      }
      if (const char* msg = git_tag_message(t)) {
        tag.message = msg;
      }
      git_odb* odb_raw = nullptr;
      git_odb_object* data_raw = nullptr;
      if (git_repository_odb(&odb_raw, m_repo) == 0) {
        const OdbPtr odb(odb_raw);
        if (git_odb_read(&data_raw, odb.get(), &target) == 0) {
          const OdbObjectPtr data(data_raw);
          tag.raw.assign(static_cast<const char*>(git_odb_object_data(data.get())),
                         git_odb_object_size(data.get()));
        }
      }
    }
    git_object* peeled_raw = nullptr;
    if (git_object_peel(&peeled_raw, object.get(), GIT_OBJECT_COMMIT) == 0) {
      const ObjectPtr peeled(peeled_raw);
      tag.commit = to_oid(*git_object_id(peeled.get()));
    }
    result.push_back(std::move(tag));
  }
  std::sort(result.begin(), result.end(), [](const Tag& a, const Tag& b) { return a.name < b.name; });
  return result;
}

tl::expected<std::vector<TreeItem>, Error> Repository::tree_items(const Oid& tree) const
{
  const std::lock_guard lock(*m_mutex);
  git_tree* raw = nullptr;
  const git_oid id = to_git(tree);
  if (git_tree_lookup(&raw, m_repo, &id) != 0) {
    return tl::unexpected(last_error(fmt::format("cannot read tree {}", tree.short_hex())));
  }
  const TreePtr t(raw);
  std::vector<TreeItem> items;
  const std::size_t count = git_tree_entrycount(t.get());
  items.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(t.get(), i);
    items.push_back(TreeItem{git_tree_entry_name(e), to_oid(*git_tree_entry_id(e)),
                             kind_of(git_tree_entry_filemode(e))});
  }
  return items;  // git keeps tree entries sorted by name
}

tl::expected<std::vector<TreeFile>, Error> Repository::list_files(const Oid& tree, std::string_view dir) const
{
  const std::lock_guard lock(*m_mutex);
  Oid start = tree;
  std::string prefix;
  if (!dir.empty()) {
    const auto item = entry(tree, dir);
    if (!item || item->kind != EntryKind::tree) {
      return std::vector<TreeFile>{};
    }
    start = item->id;
    prefix = std::string(dir) + "/";
  }
  std::vector<TreeFile> files;
  Error error;
  const std::function<bool(const Oid&, const std::string&)> walk = [&](const Oid& id, const std::string& base) {
    auto items = tree_items(id);
    if (!items) {
      error = items.error();
      return false;
    }
    for (const TreeItem& item : *items) {
      if (item.kind == EntryKind::tree) {
        if (!walk(item.id, base + item.name + "/")) {
          return false;
        }
      } else {
        files.push_back(TreeFile{base + item.name, item.id, item.kind});
      }
    }
    return true;
  };
  if (!walk(start, prefix)) {
    return tl::unexpected(error);
  }
  std::sort(files.begin(), files.end(), [](const TreeFile& a, const TreeFile& b) { return a.path < b.path; });
  return files;
}

std::optional<TreeItem> Repository::entry(const Oid& tree, std::string_view path) const
{
  const std::lock_guard lock(*m_mutex);
  git_tree* raw = nullptr;
  const git_oid id = to_git(tree);
  if (git_tree_lookup(&raw, m_repo, &id) != 0) {
    return std::nullopt;
  }
  const TreePtr t(raw);
  git_tree_entry* entry_raw = nullptr;
  const std::string p(path);
  if (git_tree_entry_bypath(&entry_raw, t.get(), p.c_str()) != 0) {
    return std::nullopt;
  }
  const TreeEntryPtr e(entry_raw);
  return TreeItem{git_tree_entry_name(e.get()), to_oid(*git_tree_entry_id(e.get())),
                  kind_of(git_tree_entry_filemode(e.get()))};
}

tl::expected<std::string, Error> Repository::read_blob(const Oid& blob) const
{
  const std::lock_guard lock(*m_mutex);
  git_blob* raw = nullptr;
  const git_oid id = to_git(blob);
  if (git_blob_lookup(&raw, m_repo, &id) != 0) {
    return tl::unexpected(last_error(fmt::format("cannot read blob {}", blob.short_hex())));
  }
  const BlobPtr b(raw);
  return std::string(static_cast<const char*>(git_blob_rawcontent(b.get())),
                     static_cast<std::size_t>(git_blob_rawsize(b.get())));
}

tl::expected<Oid, Error> Repository::hash_file(std::string_view path) const
{
  const std::lock_guard lock(*m_mutex);
  git_oid id;
  const std::filesystem::path full = workdir() / std::filesystem::path(path);
  const std::string rel(path);
  if (git_repository_hashfile(&id, m_repo, full.c_str(), GIT_OBJECT_BLOB, rel.c_str()) != 0) {
    return tl::unexpected(last_error(fmt::format("cannot hash {}", path)));
  }
  return to_oid(id);
}

Oid Repository::hash_blob(std::string_view data)
{
  git_oid id;
  git_odb_hash(&id, data.data(), data.size(), GIT_OBJECT_BLOB);
  return to_oid(id);
}

std::optional<std::string> Repository::config_string(std::string_view key) const
{
  const std::lock_guard lock(*m_mutex);
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, m_repo) != 0) {
    return std::nullopt;
  }
  const ConfigPtr config(raw);
  const char* value = nullptr;
  const std::string k(key);
  if (git_config_get_string(&value, config.get(), k.c_str()) != 0 || value == nullptr) {
    return std::nullopt;
  }
  return std::string(value);
}

}  // namespace styr::git
