// Cache entries made of numbers and strings, each written with its length ("5:hello").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace styr {

class RecordWriter
{
public:
  explicit RecordWriter(std::size_t expected_size = 0) { m_out.reserve(expected_size); }
  RecordWriter& number(std::int64_t n);
  RecordWriter& text(std::string_view s);
  std::string take() { return std::move(m_out); }

private:
  std::string m_out;
};

// Reads what RecordWriter wrote. Damaged input makes it fail for good: every later read
// gives 0 or "", and ok() is false (so a loop over a count read from it checks ok()).
class RecordReader
{
public:
  explicit RecordReader(std::string_view in) : m_in(in) {}
  std::int64_t number();
  std::string text();
  // The next string where it lies in the input, which must outlive it.
  std::string_view view();
  bool ok() const { return m_ok; }
  // True when everything was read and nothing was damaged.
  bool done() const { return m_ok && m_pos == m_in.size(); }

private:
  std::optional<std::size_t> length();

  std::string_view m_in;
  std::size_t m_pos = 0;
  bool m_ok = true;
};

}  // namespace styr
