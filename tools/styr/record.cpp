#include "styr/record.hpp"

#include <charconv>

namespace styr {

RecordWriter& RecordWriter::number(std::int64_t n)
{
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  return text(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

RecordWriter& RecordWriter::text(std::string_view s)
{
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, s.size()).ptr;
  m_out.append(digits, end);
  m_out += ':';
  m_out += s;
  return *this;
}

std::optional<std::size_t> RecordReader::length()
{
  const std::size_t colon = m_ok ? m_in.find(':', m_pos) : std::string_view::npos;
  std::size_t n = 0;
  bool digits = colon != std::string_view::npos && colon > m_pos && colon - m_pos <= 12;
  for (std::size_t i = m_pos; digits && i < colon; ++i) {
    digits = m_in[i] >= '0' && m_in[i] <= '9';
    n = n * 10 + static_cast<std::size_t>(m_in[i] - '0');
  }
  if (!digits || n > m_in.size() - colon - 1) {
    m_ok = false;
    return std::nullopt;
  }
  m_pos = colon + 1;
  return n;
}

std::string_view RecordReader::view()
{
  const auto n = length();
  if (!n) {
    return {};
  }
  const std::string_view s = m_in.substr(m_pos, *n);
  m_pos += *n;
  return s;
}

std::string RecordReader::text()
{
  return std::string(view());
}

std::int64_t RecordReader::number()
{
  const std::string_view s = view();
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
    m_ok = false;
    return 0;
  }
  return n;
}

}  // namespace styr
