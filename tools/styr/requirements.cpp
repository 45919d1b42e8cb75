#include "styr/requirements.hpp"

#include "styr/text.hpp"

namespace styr {

std::optional<RequirementColumns> requirement_columns(const Table& table)
{
  static constexpr std::string_view k_names[] = {"id", "krav", "nivå"};
  std::optional<std::size_t> found[3];  // the first column of each name
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    const std::string name = text::fold_case(text::trim(table.header[i]));
    for (std::size_t k = 0; k < 3; ++k) {
      if (name == k_names[k] && !found[k]) {
        found[k] = i;
      }
    }
  }
  if (!found[0] || !found[1] || !found[2]) {
    return std::nullopt;
  }
  return RequirementColumns{*found[0], *found[1], *found[2]};
}

std::string requirement_anchor(std::string_view id)
{
  const std::string anchor = text::anchor(text::trim(id));
  return anchor.empty() ? std::string() : "krav-" + anchor;
}

std::string requirement_key(std::string_view id)
{
  std::string anchor = requirement_anchor(id);
  return anchor.empty() ? std::string(id) : anchor;
}

std::vector<std::string_view> requirement_ids(const Document& document)
{
  std::vector<std::string_view> ids;
  for (const Table& table : document.tables) {
    if (const auto columns = requirement_columns(table)) {
      for (const TableRow& row : table.rows) {
        ids.push_back(columns->id < row.cells.size() ? std::string_view(row.cells[columns->id]) : std::string_view());
      }
    }
  }
  return ids;
}

std::vector<Requirement> extract_requirements(const Document& document)
{
  std::vector<Requirement> result;
  for (const Table& table : document.tables) {
    const auto columns = requirement_columns(table);
    if (!columns) {
      continue;
    }
    const auto cell = [](const TableRow& row, std::size_t i) { return i < row.cells.size() ? row.cells[i] : ""; };
    for (const TableRow& row : table.rows) {
      Requirement r;
      r.position = row.position;
      r.id = cell(row, columns->id);
      r.text = cell(row, columns->text);
      r.level = text::fold_case(cell(row, columns->level));
      result.push_back(std::move(r));
    }
  }
  return result;
}

}  // namespace styr
