#include "support.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

namespace styr::test {

namespace fs = std::filesystem;

const fs::path& test_dir()
{
  static const fs::path dir = [] {
    // Never inside a checkout, where a run from its top would leave repositories to commit.
    fs::path d = fs::temp_directory_path() / fmt::format("styr-unit-{}", ::getpid());
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

fs::path fresh_dir(std::string_view name)
{
  const fs::path dir = test_dir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write_file(const fs::path& path, std::string_view content)
{
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

std::string read_file(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int run(const fs::path& dir, const std::string& command)
{
  const std::string full = fmt::format("cd '{}' && {} >>'{}/commands.log' 2>&1", dir.string(), command,
                                       test_dir().string());
  const int status = std::system(full.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void git_init(const fs::path& dir)
{
  if (run(dir, "git init -q -b main && git config user.name 'Test' && git config user.email test@example.se "
               "&& git config commit.gpgsign false && git config tag.gpgsign false") != 0) {
    throw std::runtime_error("git init failed in " + dir.string());
  }
}

void git_commit_all(const fs::path& dir, std::string_view message, std::string_view date)
{
  const std::string cmd = fmt::format("git add -A && GIT_AUTHOR_DATE='{0}' GIT_COMMITTER_DATE='{0}' "
                                      "git commit -q --allow-empty -m '{1}'", date, message);
  if (run(dir, cmd) != 0) {
    throw std::runtime_error("git commit failed in " + dir.string());
  }
}

}  // namespace styr::test
