// The build's reusable work, kept under .styr-cache/ at the repository root: loaded
// documents, diffs, search words and the start page's tree, each stored under a hash of
// everything that went into it (content, link targets, labels, the program's identity). An entry is never wrong, only missing, so deleting the folder gives the same
// site, just more slowly.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace styr {

inline constexpr std::string_view k_cache_dir = ".styr-cache";

// A 128-bit hash (XXH3) of a sequence of strings; each part is
// length-prefixed, so ("ab", "c") and ("a", "bc") differ. Not cryptographic: it names cache
// entries and published files, where only accidental collisions matter.
class Hasher
{
public:
  Hasher& add(std::string_view data);
  Hasher& add(std::int64_t number);
  std::string hex() const;  // 32 hex digits

  Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

private:
  // XXH3-128's state (libxxhash), kept in place: a hasher is made for every page and body,
  // and allocating 576 bytes aligned to 64 cost more than the hashing.
  alignas(64) unsigned char m_state[576];
};

std::string content_hash(std::string_view data);

// Names the running styr program (its file's size, time and inode). What the code makes is
// one of the inputs of a published page, so pages are reused only from a build by the same
// program: an upgrade, or a rebuilt styr, makes every page anew. Empty when not known.
std::string program_identity();

// Entries of a kind ("document", "diff", "words", "tree") live in pack files under
// .styr-cache/site/<kind>/: a build reads the packs through a memory map and writes what it
// makes to one new pack, so a cold build adds one file, not one per document. When dead entries outweigh the live ones,
// or the packs grow many, the live entries are copied into one pack and the rest removed.
// Builds of different outputs may share the cache: each only ever adds whole packs.
class SiteCache
{
public:
  // A cache in `dir`; a disabled cache (or one that cannot be written) finds nothing.
  SiteCache(std::filesystem::path dir, bool enabled);
  SiteCache(const SiteCache&) = delete;
  SiteCache& operator=(const SiteCache&) = delete;
  ~SiteCache();

  // Thread-safe. An entry found is still wanted; it stays readable as long as the cache.
  std::optional<std::string_view> get(std::string_view kind, const std::string& key);
  void put(std::string_view kind, const std::string& key, std::string_view value);
  // Thread-safe: the entry is still wanted, though this build did not need to read it.
  void retain(std::string_view kind, const std::string& key);

  // Keeps what was made, and compacts the packs when it pays: after a build, which retains
  // everything it still wants. A command that reads only part of that (check reads the
  // working tree's documents, not the older versions a site shows) compacts only when the
  // packs are many, so as not to drop what it did not look at.
  enum class Compaction { when_it_pays, when_packs_are_many };
  void save(Compaction compaction = Compaction::when_it_pays);

  std::size_t hits() const { return m_hits.load(); }

private:
  struct Pack;
  Pack* pack(std::string_view kind);    // called with m_mutex held
  Pack* loaded(std::string_view kind);  // takes m_mutex
  void prepare();                       // called with m_mutex held

  std::filesystem::path m_dir;
  std::atomic<bool> m_enabled;
  std::mutex m_mutex;
  std::atomic<std::size_t> m_hits{0};
  bool m_prepared = false;
  std::vector<std::unique_ptr<Pack>> m_packs;
};

}  // namespace styr
