// Requirement rows (ID | Krav | Nivå) in the tables of a document: the material of the
// procurement requirement catalogue (PRODUCT.md §7).
#pragma once

#include "styr/document.hpp"

#include <string>
#include <vector>

namespace styr {

struct Requirement
{
  std::string id;
  std::string text;
  std::string level;  // "ska" or "bör" when valid
  Position position;  // of the row
};

// Whether a table's header is the requirement header (ID, Krav, Nivå; any case).
bool is_requirement_table(const Table& table);

std::vector<Requirement> extract_requirements(const Document& document);

}  // namespace styr
