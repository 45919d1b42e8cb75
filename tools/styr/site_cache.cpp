#include "styr/site_cache.hpp"

#include "styr/mapped_file.hpp"
#include "styr/text.hpp"

#include <fmt/format.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include <fstream>
#include <iterator>
#include <new>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace styr {

namespace fs = std::filesystem;

namespace {

// Tells git and backup tools what the folder is (bford.info/cachedir).
constexpr std::string_view k_cachedir_tag =
  "Signature: 8a477f597d28d172789f06886806bc55\n"
  "# This file is a cache directory tag created by styr build.\n";

XXH3_state_t* xxh_state(unsigned char* storage)
{
  return std::launder(reinterpret_cast<XXH3_state_t*>(storage));
}

const XXH3_state_t* xxh_state(const unsigned char* storage)
{
  return std::launder(reinterpret_cast<const XXH3_state_t*>(storage));
}

}  // namespace

Hasher::Hasher()
{
  static_assert(sizeof(XXH3_state_t) <= sizeof(m_state) && alignof(XXH3_state_t) <= alignof(Hasher));
  XXH3_128bits_reset(new (m_state) XXH3_state_t);
}

Hasher& Hasher::add(std::string_view data)
{
  add(static_cast<std::int64_t>(data.size()));
  XXH3_128bits_update(xxh_state(m_state), data.data(), data.size());
  return *this;
}

Hasher& Hasher::add(std::int64_t number)
{
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<unsigned char>((static_cast<std::uint64_t>(number) >> (8 * i)) & 0xFF);
  }
  XXH3_128bits_update(xxh_state(m_state), bytes, sizeof bytes);
  return *this;
}

std::string Hasher::hex() const
{
  const XXH128_hash_t h = XXH3_128bits_digest(xxh_state(m_state));
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

std::string content_hash(std::string_view data)
{
  return Hasher().add(data).hex();
}

std::string program_identity()
{
  struct stat st{};
  if (::stat("/proc/self/exe", &st) != 0) {
    return {};  // not known: no page is reused
  }
  return fmt::format("{}:{}:{}.{}:{}", st.st_dev, st.st_ino, st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_size);
}

namespace {

constexpr std::string_view k_pack_magic = "styr-pack 2\n";
constexpr std::size_t k_most_packs = 8;  // more, and the next build compacts them

// Every value is stored with its checksum, so that bytes damaged on disk are a miss, never
// text on the site.
std::uint64_t checksum(std::string_view value) { return XXH3_64bits(value.data(), value.size()); }

// Reads `text` whole as a number in `base`.
template <class T>
bool parse_number(std::string_view text, T& out, int base = 10)
{
  return !text.empty() && std::from_chars(text.data(), text.data() + text.size(), out, base).ptr ==
                            text.data() + text.size();
}

// The space-separated fields of a line, when there are exactly `n`.
template <std::size_t n>
std::optional<std::array<std::string_view, n>> fields(std::string_view line)
{
  std::array<std::string_view, n> out;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t space = line.find(' ');
    if ((space == std::string_view::npos) != (i + 1 == n)) {
      return std::nullopt;  // too few fields, or too many
    }
    out[i] = line.substr(0, space);
    line = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
  }
  return out;
}

// Calls `f(key, value, checksum)` for each record of a pack: a line "<key> <length>
// <checksum>", then the value. Stops at anything else, so a damaged pack loses its tail.
template <class F>
void each_record(std::string_view pack, F&& f)
{
  if (!pack.starts_with(k_pack_magic)) {
    return;
  }
  pack.remove_prefix(k_pack_magic.size());
  while (!pack.empty()) {
    const std::size_t nl = pack.find('\n');
    if (nl == std::string_view::npos) {
      return;
    }
    const auto header = fields<3>(pack.substr(0, nl));
    std::size_t length = 0;
    std::uint64_t sum = 0;
    if (!header || !parse_number((*header)[1], length) || !parse_number((*header)[2], sum, 16) ||
        length > pack.size() - nl - 1) {
      return;
    }
    f((*header)[0], pack.substr(nl + 1, length), sum);
    pack.remove_prefix(nl + 1 + length);
  }
}

fs::path index_of(const fs::path& pack)
{
  fs::path index = pack;
  return index.replace_extension(".idx");
}

// Calls `f(key, value, checksum)` for each entry a pack's index names (key, offset, length,
// checksum a line), keys pointing into `index`; false, having called nothing, when it does
// not fit the pack.
template <class F>
bool each_indexed(std::string_view index, std::string_view pack, F&& f)
{
  struct Found
  {
    std::string_view key;
    std::string_view value;
    std::uint64_t sum;
  };
  std::vector<Found> found;
  for (std::string_view rest = index; !rest.empty();) {
    const std::size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) {
      return false;
    }
    const auto line = fields<4>(rest.substr(0, nl));
    rest.remove_prefix(nl + 1);
    std::size_t offset = 0;
    std::size_t length = 0;
    std::uint64_t sum = 0;
    if (!line || !parse_number((*line)[1], offset) || !parse_number((*line)[2], length) ||
        !parse_number((*line)[3], sum, 16) || offset > pack.size() || length > pack.size() - offset) {
      return false;
    }
    found.push_back(Found{(*line)[0], pack.substr(offset, length), sum});
  }
  for (const Found& e : found) {
    f(e.key, e.value, e.sum);
  }
  return true;
}

bool write_all(int fd, std::string_view data)
{
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// A new pack, written under a temporary name and given its own when complete.
class PackWriter
{
public:
  explicit PackWriter(const fs::path& dir)
      : m_temp(dir / fmt::format(".tmp-{}-{}.pack", ::getpid(), ::gettid()))
  {
    m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    m_ok = m_fd >= 0 && write_all(m_fd, k_pack_magic);
  }
  PackWriter(const PackWriter&) = delete;
  PackWriter& operator=(const PackWriter&) = delete;
  ~PackWriter()
  {
    if (m_fd >= 0) {
      ::close(m_fd);
      ::unlink(m_temp.c_str());
    }
  }

  bool add(std::string_view key, std::string_view value)
  {
    const std::size_t before = m_buffer.size();
    const std::uint64_t sum = checksum(value);
    fmt::format_to(std::back_inserter(m_buffer), "{} {} {:016x}\n", key, value.size(), sum);
    const std::size_t header = m_buffer.size() - before;
    m_buffer += value;
    fmt::format_to(std::back_inserter(m_index), "{} {} {} {:016x}\n", key, m_offset + header, value.size(), sum);
    m_offset += header + value.size();
    ++m_records;
    if (m_buffer.size() >= k_buffer_bytes) {
      flush();
    }
    return m_ok;
  }
  std::size_t records() const { return m_records; }

  // The pack's name once complete, or none when it could not be written. Its index (key,
  // offset, length, checksum a line) goes beside it, so that a build finds an entry without reading
  // the pack; a pack without one is read through.
  std::optional<fs::path> finish()
  {
    flush();
    const int fd = std::exchange(m_fd, -1);
    m_ok = m_ok && ::close(fd) == 0;
    const auto now = std::chrono::system_clock::now().time_since_epoch().count();
    const fs::path done = m_temp.parent_path() / fmt::format("{}-{}.pack", now, ::getpid());
    if (!m_ok || ::rename(m_temp.c_str(), done.c_str()) != 0) {
      ::unlink(m_temp.c_str());
      return std::nullopt;
    }
    const fs::path index = index_of(done);
    const fs::path temp = index.string() + ".tmp";
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(m_index.data(), static_cast<std::streamsize>(m_index.size()));
    out.close();
    if (!out || ::rename(temp.c_str(), index.c_str()) != 0) {
      ::unlink(temp.c_str());
    }
    return done;
  }

private:
  static constexpr std::size_t k_buffer_bytes = std::size_t{1} << 20;

  void flush()
  {
    m_ok = m_ok && write_all(m_fd, m_buffer);
    m_buffer.clear();
  }

  fs::path m_temp;
  int m_fd = -1;
  bool m_ok = false;
  std::string m_buffer;  // written in large pieces
  std::size_t m_records = 0;
  std::size_t m_offset = k_pack_magic.size();
  std::string m_index;
};

}  // namespace

// The entries of one kind. Loaded once, then only read, so that lookups need no lock: an
// entry found is marked wanted with an atomic flag, not by adding its key to a set.
struct SiteCache::Pack
{
  struct Entry
  {
    Entry(std::string_view v, std::uint64_t sum) : value(v), checksum(sum) {}
    std::string_view value;          // in `files`
    std::uint64_t checksum;          // as written: the value is checked when it is read
    std::atomic<bool> wanted{false};  // by this build
  };

  std::string kind;
  fs::path dir;
  std::vector<std::unique_ptr<MappedFile>> files;
  std::vector<std::unique_ptr<MappedFile>> indexes;
  std::unordered_map<std::string_view, Entry> entries;  // keys in `indexes` or `files`
  std::unordered_set<std::string, text::StringHash, std::equal_to<>> made;  // put by this build
  std::unique_ptr<PackWriter> out;                      // what this build made
  bool broken = false;                                  // `out` could not be written

  bool is_wanted(std::string_view key) const
  {
    const auto it = entries.find(key);
    return (it != entries.end() && it->second.wanted.load(std::memory_order_relaxed)) ||
           made.contains(key);
  }
};

SiteCache::SiteCache(fs::path dir, bool enabled) : m_dir(std::move(dir)), m_enabled(enabled) {}

SiteCache::~SiteCache() = default;

void SiteCache::prepare()
{
  if (m_prepared) {
    return;
  }
  m_prepared = true;
  std::error_code ec;
  fs::create_directories(m_dir, ec);
  // The folder keeps itself out of git, whatever the repository's .gitignore says.
  if (!fs::exists(m_dir / ".gitignore", ec)) {
    std::ofstream(m_dir / ".gitignore") << "# Created by styr: everything here can be deleted.\n*\n";
  }
  if (!fs::exists(m_dir / "CACHEDIR.TAG", ec)) {
    std::ofstream(m_dir / "CACHEDIR.TAG") << k_cachedir_tag;
  }
}

SiteCache::Pack* SiteCache::pack(std::string_view kind)
{
  for (const auto& p : m_packs) {
    if (p->kind == kind) {
      return p.get();
    }
  }
  auto p = std::make_unique<Pack>();
  p->kind = std::string(kind);
  p->dir = m_dir / "site" / std::string(kind);
  std::error_code ec;
  std::vector<fs::path> names;
  for (const fs::directory_entry& e : fs::directory_iterator(p->dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.ends_with(".pack") && !name.starts_with(".")) {
      names.push_back(e.path());
    } else if (name.ends_with(".idx") && !fs::exists(fs::path(e.path()).replace_extension(".pack"), ec)) {
      fs::remove(e.path(), ec);  // its pack was compacted away
    } else if (name.size() == 2 && e.is_directory(ec)) {
      fs::remove_all(e.path(), ec);  // an entry per file, as styr kept them before packs
    }
  }
  std::sort(names.begin(), names.end());
  for (const fs::path& name : names) {
    if (auto file = MappedFile::open(name)) {
      const auto add = [&](std::string_view key, std::string_view value, std::uint64_t sum) {
        p->entries.try_emplace(key, value, sum);
      };
      auto index = MappedFile::open(index_of(name));
      if (index && each_indexed(index->bytes(), file->bytes(), add)) {
        p->indexes.push_back(std::move(index));
      } else {
        each_record(file->bytes(), add);
      }
      p->files.push_back(std::move(file));
    }
  }
  m_packs.push_back(std::move(p));
  return m_packs.back().get();
}

SiteCache::Pack* SiteCache::loaded(std::string_view kind)
{
  const std::lock_guard lock(m_mutex);
  return pack(kind);
}

std::optional<std::string_view> SiteCache::get(std::string_view kind, const std::string& key)
{
  if (!m_enabled) {
    return std::nullopt;
  }
  Pack* p = loaded(kind);
  const auto it = p->entries.find(key);
  if (it == p->entries.end() || checksum(it->second.value) != it->second.checksum) {
    return std::nullopt;  // not there, or damaged: made anew, and a compaction drops it
  }
  it->second.wanted.store(true, std::memory_order_relaxed);
  m_hits.fetch_add(1, std::memory_order_relaxed);
  return it->second.value;  // in a mapped pack, which stays until the cache goes
}

void SiteCache::retain(std::string_view kind, const std::string& key)
{
  if (!m_enabled) {
    return;
  }
  Pack* p = loaded(kind);
  if (const auto it = p->entries.find(key); it != p->entries.end()) {
    it->second.wanted.store(true, std::memory_order_relaxed);
  }
}

void SiteCache::put(std::string_view kind, const std::string& key, std::string_view value)
{
  if (!m_enabled) {
    return;
  }
  const std::lock_guard lock(m_mutex);
  prepare();
  Pack* p = pack(kind);
  p->made.insert(key);
  if (p->broken) {
    return;
  }
  if (!p->out) {
    std::error_code ec;
    fs::create_directories(p->dir, ec);
    p->out = std::make_unique<PackWriter>(p->dir);
  }
  if (!p->out->add(key, value)) {
    p->broken = true;  // a read-only checkout, a full disk: the build goes on without
  }
}

void SiteCache::save(Compaction compaction)
{
  if (!m_enabled) {
    return;
  }
  const std::lock_guard lock(m_mutex);
  // Rendered bodies, which styr kept until it was found that making one again costs less
  // than writing and keeping all of them.
  std::error_code ec;
  fs::remove_all(m_dir / "site" / "body", ec);
  for (const auto& p : m_packs) {
    std::vector<std::unique_ptr<MappedFile>> files = std::move(p->files);
    if (p->out && !p->broken && p->out->records() > 0) {
      if (const auto made = p->out->finish()) {
        if (auto file = MappedFile::open(*made)) {
          files.push_back(std::move(file));
        }
      }
    }
    p->out.reset();
    // Compact when dead entries outweigh the live ones, or the packs are many.
    std::size_t live = 0;
    std::size_t dead = 0;
    for (const auto& [key, entry] : p->entries) {
      (entry.wanted.load(std::memory_order_relaxed) ? live : dead) += entry.value.size() + key.size();
    }
    if (files.size() > k_most_packs || (dead > live && compaction == Compaction::when_it_pays)) {
      PackWriter compact(p->dir);
      std::set<std::string, std::less<>> written;
      for (auto f = files.rbegin(); f != files.rend(); ++f) {  // the newest first
        each_record((*f)->bytes(), [&](std::string_view key, std::string_view value, std::uint64_t sum) {
          if (p->is_wanted(key) && checksum(value) == sum && written.emplace(key).second) {
            compact.add(key, value);
          }
        });
      }
      if (compact.finish()) {
        for (const auto& f : files) {
          ::unlink(f->path().c_str());
          ::unlink(index_of(f->path()).c_str());
        }
      }
    }
    p->entries.clear();  // they pointed into the packs and their indexes
    p->indexes.clear();
  }
}

}  // namespace styr
