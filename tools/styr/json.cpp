#include "styr/json.hpp"

#include "styr/text.hpp"

#include <fmt/format.h>

namespace styr {

namespace {

// The text with each byte that is not part of valid UTF-8 replaced by U+FFFD.
std::string valid_utf8(std::string_view text)
{
  std::string out;
  while (const auto bad = text::find_invalid_utf8(text)) {
    out.append(text.substr(0, *bad));
    out += "\xEF\xBF\xBD";
    text.remove_prefix(*bad + 1);
  }
  out.append(text);
  return out;
}

}  // namespace

std::string json_quote(std::string_view text)
{
  // JSON text is Unicode; a file name or a tag message may not be.
  if (text::find_invalid_utf8(text)) {
    return json_quote(valid_utf8(text));
  }
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        } else if (c == '<') {
          out += "\\u003c";  // safe to embed in HTML <script>
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

void JsonWriter::newline()
{
  if (m_indent > 0) {
    m_out += '\n';
    m_out.append(m_first.size() * static_cast<std::size_t>(m_indent), ' ');
  }
}

void JsonWriter::before_value()
{
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (!m_first.empty()) {
    if (!m_first.back()) {
      m_out += ',';
    }
    m_first.back() = false;
    newline();
  }
}

JsonWriter& JsonWriter::begin_object()
{
  before_value();
  m_out += '{';
  m_first.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket)
{
  const bool empty = m_first.back();
  m_first.pop_back();
  if (!empty) {
    newline();
  }
  m_out += bracket;
  return *this;
}

JsonWriter& JsonWriter::end_object()
{
  return close('}');
}

JsonWriter& JsonWriter::begin_array()
{
  before_value();
  m_out += '[';
  m_first.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array()
{
  return close(']');
}

JsonWriter& JsonWriter::key(std::string_view name)
{
  before_value();
  m_out += json_quote(name);
  m_out += m_indent > 0 ? ": " : ":";
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text)
{
  before_value();
  m_out += json_quote(text);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number)
{
  before_value();
  m_out += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag)
{
  before_value();
  m_out += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null()
{
  before_value();
  m_out += "null";
  return *this;
}

JsonWriter& JsonWriter::string_array(const std::vector<std::string>& items)
{
  begin_array();
  for (const std::string& item : items) {
    value(item);
  }
  return end_array();
}

}  // namespace styr
