#include "cli/terminal.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace styr::cli {

Terminal Terminal::from_environment()
{
  Terminal t;
  // no-color.org: any non-empty NO_COLOR disables colour; TERM=dumb cannot show it.
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  const bool allowed = (no_color == nullptr || *no_color == '\0') &&
                       (term == nullptr || std::strcmp(term, "dumb") != 0);
  t.m_stderr_tty = isatty(STDERR_FILENO) == 1;
  t.m_stdout_color = allowed && isatty(STDOUT_FILENO) == 1;
  t.m_stderr_color = allowed && t.m_stderr_tty;
  return t;
}

Terminal Terminal::plain()
{
  return Terminal();
}

bool Terminal::color(std::FILE* stream) const
{
  return stream == stdout ? m_stdout_color : stream == stderr ? m_stderr_color : false;
}

std::string Terminal::paint(std::FILE* stream, Style style, std::string_view text) const
{
  if (!color(stream) || style == Style::plain) {
    return std::string(text);
  }
  const char* code = "";
  switch (style) {
    case Style::bold: code = "1"; break;
    case Style::dim: code = "2"; break;
    case Style::red: code = "1;31"; break;
    case Style::yellow: code = "1;33"; break;
    case Style::green: code = "32"; break;
    case Style::cyan: code = "36"; break;
    case Style::plain: break;
  }
  return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

void Terminal::progress(std::string_view label, std::size_t done, std::size_t total)
{
  if (!m_stderr_tty || total == 0) {
    return;
  }
  constexpr std::size_t k_width = 30;
  const std::size_t filled = done * k_width / total;
  fmt::print(stderr, "\r{} [{}{}] {}/{}\x1b[K", label, std::string(filled, '#'),
             std::string(k_width - filled, ' '), done, total);
  std::fflush(stderr);
  m_progress_shown = true;
}

void Terminal::end_progress()
{
  if (m_progress_shown) {
    fmt::print(stderr, "\r\x1b[K");
    std::fflush(stderr);
    m_progress_shown = false;
  }
}

}  // namespace styr::cli
