// The 93 controls of ISO/IEC 27002:2022 in four themes, used to validate `iso27002` and
// for the coverage report.
#pragma once

#include <span>
#include <string_view>

namespace styr {

struct Iso27002Theme
{
  std::string_view number;  // "5" … "8"
  std::string_view title_en;
  std::string_view title_sv;
};

struct Iso27002Control
{
  std::string_view id;  // "5.1" … "8.34"
  std::string_view title_en;
  std::string_view title_sv;
};

std::span<const Iso27002Theme> iso27002_themes();
// In the standard's order.
std::span<const Iso27002Control> iso27002_controls();
const Iso27002Control* find_iso27002_control(std::string_view id);

}  // namespace styr
