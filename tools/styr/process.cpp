#include "styr/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>

extern char** environ;

namespace styr {

namespace {

struct Pipe
{
  int fd[2] = {-1, -1};
  Pipe() { (void)::pipe2(fd, O_CLOEXEC); }
  ~Pipe() { close_both(); }
  void close_end(int i)
  {
    if (fd[i] >= 0) {
      ::close(fd[i]);
      fd[i] = -1;
    }
  }
  void close_both() { close_end(0), close_end(1); }
};

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input,
                          const std::filesystem::path& directory, std::chrono::seconds limit)
{
  ProcessResult result;
  Pipe in, out, err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.fd[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err.fd[1], 2);
  if (!directory.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, directory.c_str());
  }
  std::vector<char*> args;
  for (const std::string& a : argv) {
    args.push_back(const_cast<char*>(a.c_str()));
  }
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  in.close_end(0);
  out.close_end(1);
  err.close_end(1);
  if (rc != 0) {
    result.err = std::string("cannot run ") + argv[0];
    return result;
  }

  // Feed stdin and drain stdout/stderr together, so that neither side blocks the other.
  std::size_t written = 0;
  if (input.empty()) {
    in.close_end(1);
  } else {
    ::fcntl(in.fd[1], F_SETFL, O_NONBLOCK);
  }
  const auto deadline = std::chrono::steady_clock::now() + limit;
  bool stopped = false;
  while (out.fd[0] >= 0 || err.fd[0] >= 0) {
    pollfd fds[3];
    int n = 0;
    for (int fd : {out.fd[0], err.fd[0]}) {
      if (fd >= 0) {
        fds[n++] = pollfd{fd, POLLIN, 0};
      }
    }
    if (in.fd[1] >= 0) {
      fds[n++] = pollfd{in.fd[1], POLLOUT, 0};
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(pid, SIGKILL);
      stopped = true;
      break;
    }
    if (::poll(fds, static_cast<nfds_t>(n), static_cast<int>(left.count())) < 0 && errno != EINTR) {
      break;
    }
    for (int i = 0; i < n; ++i) {
      if (fds[i].revents == 0) {
        continue;
      }
      if (fds[i].fd == in.fd[1]) {
        const ssize_t w = ::write(in.fd[1], input.data() + written, input.size() - written);
        if (w > 0) {
          written += static_cast<std::size_t>(w);
        }
        if (w < 0 || written == input.size()) {
          in.close_end(1);
        }
        continue;
      }
      char buffer[65536];
      const ssize_t r = ::read(fds[i].fd, buffer, sizeof buffer);
      Pipe& p = fds[i].fd == out.fd[0] ? out : err;
      std::string& target = fds[i].fd == out.fd[0] ? result.out : result.err;
      if (r > 0) {
        target.append(buffer, static_cast<std::size_t>(r));
      } else {
        p.close_end(0);
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = !stopped && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (stopped) {
    result.err += "\nstopped after the time limit";
  }
  return result;
}

TempDir::TempDir()
{
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/styr-XXXXXX";
  if (::mkdtemp(tmpl.data()) != nullptr) {
    m_path = tmpl;
  }
}

TempDir::~TempDir()
{
  std::error_code ec;
  if (!m_path.empty()) {
    std::filesystem::remove_all(m_path, ec);
  }
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& content) const
{
  const std::filesystem::path file = m_path / name;
  std::ofstream(file, std::ios::binary) << content;
  return file;
}

}  // namespace styr
