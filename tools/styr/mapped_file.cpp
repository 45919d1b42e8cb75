#include "styr/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace styr {

std::unique_ptr<MappedFile> MappedFile::open(const std::filesystem::path& path)
{
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    return nullptr;
  }
  struct stat st{};
  void* data = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    data = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  }
  ::close(fd);
  if (data == MAP_FAILED) {
    return nullptr;
  }
  return std::unique_ptr<MappedFile>(new MappedFile(path, static_cast<const char*>(data), static_cast<std::size_t>(st.st_size)));
}

MappedFile::~MappedFile()
{
  ::munmap(const_cast<char*>(m_data), m_size);
}

std::string_view bytes_of(const std::unique_ptr<MappedFile>& file)
{
  return file ? file->bytes() : std::string_view();
}

}  // namespace styr
