// A complete, valid policy (IS-POL-001) for tests that need a parent for other documents;
// shared by the unit tests and the fuzz targets.
#pragma once

namespace styr::test {

inline constexpr const char* k_policy = R"(+++
id = "IS-POL-001"
title = "Informationssäkerhetspolicy"
type = "policy"
owner = "informationssäkerhetssamordnare"
decided_by = "kommunfullmäktige"
audience = ["alla medarbetare"]
review_interval_months = 48
publicity = "offentlig"
+++

# Informationssäkerhetspolicy

## Syfte
Text.
## Omfattning
Text.
## Mål
Text.
## Principer
Text.
## Roller och ansvar
Text.
## Avvikelser och undantag
Text.
## Uppföljning
Text.
)";

}  // namespace styr::test
