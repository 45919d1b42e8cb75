#include "styr/requirements.hpp"

#include "styr/text.hpp"

namespace styr {

bool is_requirement_table(const Table& table)
{
  return table.header.size() == 3 && text::fold_case(table.header[0]) == "id" &&
         text::fold_case(table.header[1]) == "krav" && text::fold_case(table.header[2]) == "nivå";
}

std::vector<Requirement> extract_requirements(const Document& document)
{
  std::vector<Requirement> result;
  for (const Table& table : document.tables) {
    if (!is_requirement_table(table)) {
      continue;
    }
    for (const TableRow& row : table.rows) {
      Requirement r;
      r.position = row.position;
      if (row.cells.size() > 0) r.id = row.cells[0];
      if (row.cells.size() > 1) r.text = row.cells[1];
      if (row.cells.size() > 2) r.level = text::fold_case(row.cells[2]);
      result.push_back(std::move(r));
    }
  }
  return result;
}

}  // namespace styr
