#include "styr/site_cache.hpp"

#include <fmt/format.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

namespace styr {

namespace fs = std::filesystem;

namespace {

// Tells git and backup tools what the folder is (bford.info/cachedir).
constexpr std::string_view k_cachedir_tag =
  "Signature: 8a477f597d28d172789f06886806bc55\n"
  "# This file is a cache directory tag created by styr build.\n";

}  // namespace

struct Hasher::State
{
  XXH3_state_t xxh;
};

Hasher::Hasher() : m_state(std::make_unique<State>())
{
  XXH3_128bits_reset(&m_state->xxh);
}

Hasher::~Hasher() = default;

Hasher& Hasher::add(std::string_view data)
{
  add(static_cast<std::int64_t>(data.size()));
  XXH3_128bits_update(&m_state->xxh, data.data(), data.size());
  return *this;
}

Hasher& Hasher::add(std::int64_t number)
{
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<unsigned char>((static_cast<std::uint64_t>(number) >> (8 * i)) & 0xFF);
  }
  XXH3_128bits_update(&m_state->xxh, bytes, sizeof bytes);
  return *this;
}

std::string Hasher::hex() const
{
  const XXH128_hash_t h = XXH3_128bits_digest(&m_state->xxh);
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

SiteCache::SiteCache(fs::path dir, bool enabled) : m_dir(std::move(dir)), m_enabled(enabled) {}

fs::path SiteCache::entry(std::string_view kind, const std::string& key) const
{
  return m_dir / "site" / std::string(kind) / key.substr(0, 2) / key;
}

std::optional<std::string> SiteCache::get(std::string_view kind, const std::string& key)
{
  if (!m_enabled) {
    return std::nullopt;
  }
  std::ifstream in(entry(kind, key), std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return std::nullopt;
  }
  const std::lock_guard lock(m_mutex);
  ++m_hits;
  return s.str();
}

void SiteCache::put(std::string_view kind, const std::string& key, std::string_view value)
{
  if (!m_enabled) {
    return;
  }
  std::error_code ec;
  {
    const std::lock_guard lock(m_mutex);
    if (!m_prepared) {
      m_prepared = true;
      fs::create_directories(m_dir, ec);
      // The folder keeps itself out of git, whatever the repository's .gitignore says.
      if (!fs::exists(m_dir / ".gitignore", ec)) {
        std::ofstream(m_dir / ".gitignore") << "# Created by styr build: everything here can be deleted.\n*\n";
      }
      if (!fs::exists(m_dir / "CACHEDIR.TAG", ec)) {
        std::ofstream(m_dir / "CACHEDIR.TAG") << k_cachedir_tag;
      }
    }
  }
  const fs::path path = entry(kind, key);
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    m_enabled = false;  // a read-only checkout builds without a cache
    return;
  }
  // Written aside and renamed, so a reader (or a killed build) never sees half an entry.
  const fs::path temp = path.string() + fmt::format(".tmp{}", ::gettid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(value.data(), static_cast<std::streamsize>(value.size()));
    if (!out) {
      fs::remove(temp, ec);
      return;
    }
  }
  fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp, ec);
  }
}

}  // namespace styr
