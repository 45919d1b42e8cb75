// Terminal policy in one place: whether to colour each stream (TTY, NO_COLOR, TERM=dumb)
// and the progress bar for long runs, which only ever appears on an interactive stderr.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace styr::cli {

enum class Style { plain, bold, dim, red, yellow, green, cyan };

class Terminal
{
public:
  // Reads isatty() and the environment once.
  static Terminal from_environment();
  static Terminal plain();

  bool color(std::FILE* stream) const;
  std::string paint(std::FILE* stream, Style style, std::string_view text) const;

  // Draws or updates a progress bar on stderr when it is a terminal; a no-op otherwise.
  void progress(std::string_view label, std::size_t done, std::size_t total);
  void end_progress();

private:
  bool m_stdout_color = false;
  bool m_stderr_color = false;
  bool m_stderr_tty = false;
  bool m_progress_shown = false;
};

}  // namespace styr::cli
