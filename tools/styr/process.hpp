// Running an external program (git, ssh-keygen, gpg) without a shell: arguments are
// passed as they are, output is captured, and a time limit stops a hung program.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace styr {

struct ProcessResult
{
  int exit_code = -1;  // -1 when it could not run or was stopped
  std::string out;
  std::string err;
};

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {},
                          const std::filesystem::path& directory = {},
                          std::chrono::seconds limit = std::chrono::seconds(60));

// A private temporary folder, removed with the object.
class TempDir
{
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path write(const std::string& name, const std::string& content) const;

private:
  std::filesystem::path m_path;
};

}  // namespace styr
