// A file read through a read-only memory map: its bytes come straight from the page cache,
// neither copied nor zeroed first, which counts for files of megabytes read on every build.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>

namespace styr {

class MappedFile
{
public:
  // The regular file at `path` (a symbolic link is not followed), or null when it is
  // missing, empty or cannot be mapped. The bytes stay readable if the file is removed.
  static std::unique_ptr<MappedFile> open(const std::filesystem::path& path);
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  const std::filesystem::path& path() const { return m_path; }
  std::string_view bytes() const { return {m_data, m_size}; }

private:
  MappedFile(std::filesystem::path path, const char* data, std::size_t size)
      : m_path(std::move(path)), m_data(data), m_size(size) {}
  std::filesystem::path m_path;
  const char* m_data;
  std::size_t m_size;
};

// The bytes of `file`, empty when there is none (MappedFile::open found no file to map).
std::string_view bytes_of(const std::unique_ptr<MappedFile>& file);

}  // namespace styr
