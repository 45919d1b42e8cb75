#!/usr/bin/env bash
# Generates a large, valid policy repository for benchmarks: by default 10,000 documents
# with the type mix of the sample in policies/ (3 % policy, 48 % riktlinje, 27 % rutin,
# 12 % instruktion, 3 % handlingsplan, 6 % handbok), 3–8 KB each, in deep folders, with
# parents, related ids, relative Markdown links between them and requirement tables.
#
#   bench/generate_repo.sh OUT_DIR [COUNT]
#
# Only bash and a POSIX awk (Debian's mawk will do); deterministic: the same COUNT gives the
# same bytes. OUT_DIR must not exist yet. The repository checks clean (`styr check`).
set -euo pipefail

out=${1:?usage: generate_repo.sh OUT_DIR [COUNT]}
count=${2:-10000}
if [ -e "$out" ]; then
  echo "generate_repo.sh: $out already exists" >&2
  exit 2
fi
mkdir -p "$out/policies"

cat >"$out/styr.toml" <<'TOML'
# Benchmark repository: a large municipal group with many administrations and companies.

[organisation]
name = "Storkommun"
language = "sv"
roles = [
  "informationssäkerhetssamordnare",
  "IT-chef",
  "kommundirektör",
  "förvaltningschef",
  "säkerhetschef",
  "HR-chef",
  "dataskyddsombud",
]

[paths]
documents = "policies"

[approval]
tag_pattern = "beslut/*"
approvers = "approvers.toml"
roster_body = "kommunstyrelsen"
TOML

cat >"$out/approvers.toml" <<'TOML'
[[approver]]
name = "Maria Holm"
email = "maria.holm@storkommun.se"
bodies = ["kommunfullmäktige"]

[[approver]]
name = "Johan Sjöberg"
email = "johan.sjoberg@storkommun.se"
bodies = ["kommunstyrelsen"]

[[approver]]
name = "Anna Berg"
email = "anna.berg@storkommun.se"
bodies = ["kommundirektör"]

[[approver]]
name = "Per Lindqvist"
email = "per.lindqvist@storkommun.se"
bodies = ["IT-chef", "förvaltningschef"]
TOML

program='
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
function pad(n, w,   s) { s = n ""; while (length(s) < w) s = "0" s; return s }
function pick(arr, n) { return arr[rnd(n) + 1] }

# The documents of one unit (a förvaltning or a company): all of them live at the same
# depth, policies/enheter/enhet-UUU/<type>/<area>/<name>.md, so links are ../../<type>/...
function plan(   i, t) {
  n = 0
  for (t = 1; t <= 6; t++) made_count[t] = 0
  # Types in the proportions of the sample; each type spread over the units round-robin.
  for (i = 1; i <= total; i++) {
    t = typeof_index(i)
    made_count[t]++
    n++
    type[n] = t
    num[n] = made_count[t]
    unit[n] = (made_count[t] - 1) % units
    key[t "," num[n]] = n
  }
}
function typeof_index(i,   r) {
  r = (i - 1) % 33
  if (r < 1) return 1        # policy        1/33
  if (r < 17) return 2       # riktlinje    16/33
  if (r < 26) return 3       # rutin         9/33
  if (r < 30) return 4       # instruktion   4/33
  if (r < 31) return 5       # handlingsplan 1/33
  return 6                   # handbok       2/33
}

BEGIN {
  seed = 20260315
  units = int(total / 33); if (units < 1) units = 1

  tname[1] = "policy"; tname[2] = "riktlinje"; tname[3] = "rutin"
  tname[4] = "instruktion"; tname[5] = "handlingsplan"; tname[6] = "handbok"
  tdir[1] = "policy"; tdir[2] = "riktlinjer"; tdir[3] = "rutiner"
  tdir[4] = "instruktioner"; tdir[5] = "handlingsplaner"; tdir[6] = "handbocker"
  tcode[1] = "POL"; tcode[2] = "RL"; tcode[3] = "RUT"; tcode[4] = "INS"; tcode[5] = "HP"; tcode[6] = "HB"
  tlabel[1] = "Informationssäkerhetspolicy"; tlabel[2] = "Riktlinje"; tlabel[3] = "Rutin"
  tlabel[4] = "Instruktion"; tlabel[5] = "Handlingsplan"; tlabel[6] = "Handbok"
  review[1] = 48; review[2] = 24; review[3] = 24; review[4] = 12; review[5] = 12; review[6] = 36

  na = split("säkerhetskopiering,loggning,behörighet,kryptering,incidenthantering,kontinuitet,leverantörer,fysisk säkerhet,klassning,distansarbete,mobila enheter,molntjänster,e-post,utbildning,dataskydd,arkivering,nätverk,skadlig kod,uppdateringar,lösenord", area, ",")
  nu = split("kommunledningsförvaltningen,socialförvaltningen,barn- och utbildningsförvaltningen,samhällsbyggnadsförvaltningen,kultur- och fritidsförvaltningen,miljöförvaltningen,Storkommun Energi AB,Storkommun Bostäder AB,räddningstjänsten,överförmyndarnämnden", unitname, ",")
  nr = split("informationssäkerhetssamordnare,IT-chef,kommundirektör,förvaltningschef,säkerhetschef,HR-chef,dataskyddsombud", role, ",")
  nau = split("Alla medarbetare,Chefer,IT-avdelningen,Systemägare,Systemförvaltare,Förtroendevalda,Leverantörer", aud, ",")
  ns = split("Informationen ska skyddas utifrån sitt värde och de risker som finns.|Systemägaren ansvarar för att kraven uppfylls i de system som förvaltningen använder.|Avsteg dokumenteras och godkänns av informationssäkerhetssamordnaren.|Åtgärderna anpassas efter informationens klassning för konfidentialitet, riktighet och tillgänglighet.|Medarbetare som upptäcker brister rapporterar dem utan dröjsmål till sin närmaste chef.|Leverantörer som hanterar kommunens information omfattas av samma krav genom avtal.|Kraven följs upp årligen och resultatet redovisas i ledningens genomgång.|Loggar, säkerhetskopior och behörigheter granskas regelbundet av den som förvaltar systemet.|Personuppgifter behandlas enligt dataskyddsförordningen och kommunens dataskyddspolicy.|Information som omfattas av sekretess får inte lämna kommunens it-miljö utan kryptering.|Förändringar i systemen riskbedöms innan de genomförs och dokumenteras i förvaltningsplanen.|Utbildning i informationssäkerhet ges till alla nyanställda och repeteras vartannat år.", sentence, "|")

  plan()
  if (mode == "dirs") {
    for (i = 1; i <= n; i++) {
      d = root "/" unit_dir(unit[i]) "/" tdir[type[i]] "/" area_of(i)
      if (!(d in dirs)) { dirs[d] = 1; print d }
    }
    exit
  }
  for (i = 1; i <= n; i++) write_doc(i)
}

function id_of(i) { return "IS-" tcode[type[i]] "-" pad(num[i], 4) }
function area_of(i) { return "omrade-" pad(num[i] % 7, 2) }
function file_of(i) { return tdir[type[i]] "/" area_of(i) "/" tname[type[i]] "-" pad(num[i], 4) ".md" }
function unit_dir(u) { return "enheter/enhet-" pad(u, 3) }
function path_of(i) { return unit_dir(unit[i]) "/" file_of(i) }
# A relative link from document i to document j (both at the same depth).
function link(i, j) {
  if (unit[i] == unit[j]) return "../../" file_of(j)
  return "../../../enhet-" pad(unit[j], 3) "/" file_of(j)
}
# The document with type t and number k, by index (documents are in plan order).
function title_of(i) {
  if (type[i] == 1) return tlabel[1] " för " unitname[unit[i] % nu + 1] " " num[i]
  return tlabel[type[i]] " för " area[num[i] % na + 1] " " num[i]
}
# A document of type t near document i (same unit where it can be), for parents and related.
function near(i, t,   k, c) {
  c = made_count[t]
  if (c == 0) return 0
  if (unit[i] >= c) return key[t "," (unit[i] % c + 1)]
  k = unit[i] + 1 + units * rnd(int((c - 1 - unit[i]) / units) + 1)
  if (k > c) k = (k - 1) % c + 1
  return key[t "," k]
}

function write_doc(i,   t, f, p, parent, rel, nrel, j, r, size, target, text, s, a, line, q) {
  t = type[i]
  f = root "/" path_of(i)
  parent = 0
  if (t == 2) parent = (rnd(4) == 0 && num[i] > units) ? key[2 "," (num[i] - units)] : near(i, 1)
  else if (t == 3) parent = near(i, 2)
  else if (t == 4) parent = rnd(2) ? near(i, 3) : near(i, 2)
  else if (t == 5) parent = near(i, 1)
  else if (t == 6) parent = rnd(2) ? near(i, 1) : near(i, 2)

  text = "+++\n"
  text = text "id = \"" id_of(i) "\"\n"
  text = text "title = \"" title_of(i) "\"\n"
  text = text "type = \"" tname[t] "\"\n"
  text = text "owner = \"" role[rnd(nr) + 1] "\"\n"
  if (t == 1) text = text "decided_by = \"kommunfullmäktige\"\n"
  else if (t == 2 || t == 5) text = text "decided_by = \"kommunstyrelsen\"\n"
  else if (t == 3 || t == 4) text = text "decided_by = \"IT-chef\"\n"
  r = rnd(nau)
  text = text "audience = [\"" aud[r + 1] "\", \"" aud[(r + 1 + rnd(nau - 1)) % nau + 1] "\"]\n"
  text = text "applies_to = \"" unitname[unit[i] % nu + 1] "\"\n"
  text = text "review_interval_months = " review[t] "\n"
  if (parent) text = text "parent = \"" id_of(parent) "\"\n"
  nrel = 0
  if (t != 1) {
    for (r = 0; r < 1 + rnd(3); r++) {
      j = near(i, 2)
      if (j && j != i && j != parent && !((i "," j) in relseen)) { relseen[i "," j] = 1; rel[++nrel] = j }
    }
  }
  if (nrel > 0) {
    line = "related = ["
    for (r = 1; r <= nrel; r++) line = line (r > 1 ? ", " : "") "\"" id_of(rel[r]) "\""
    text = text line "]\n"
  }
  text = text "publicity = \"" (rnd(3) ? "intern" : "offentlig") "\"\n"
  text = text "msb = [" (1 + rnd(8)) "]\n"
  text = text "iso27002 = [\"5." (1 + rnd(37)) "\", \"8." (1 + rnd(34)) "\"]\n"
  text = text "tags = [\"" area[rnd(na) + 1] "\"]\n"
  if (t == 5) {
    for (a = 1; a <= 4; a++) {
      text = text "\n[[action]]\nid = \"HP-" pad(num[i], 4) "-" a "\"\n"
      text = text "title = \"Åtgärd " a " för " area[(num[i] + a) % na + 1] "\"\n"
      text = text "owner = \"" role[rnd(nr) + 1] "\"\n"
      text = text "due = " (2990 + a) "-0" (1 + rnd(9)) "-1" rnd(10) "\n"
      text = text "state = \"" (a == 1 ? "klar" : a == 2 ? "pågår" : "planerad") "\"\n"
    }
  }
  text = text "+++\n\n# " title_of(i) "\n"

  target = 3000 + rnd(5000)
  if (t == 1) s = "Syfte|Omfattning|Mål|Principer|Roller och ansvar|Avvikelser och undantag|Uppföljning"
  else if (t == 2) s = "Syfte|Omfattning|Definitioner|Roller och ansvar|Krav|Avvikelser och undantag|Uppföljning|Relaterade dokument"
  else if (t == 3) s = "Syfte|Omfattning|Roller och ansvar|Arbetsgång|Relaterade dokument"
  else if (t == 4) s = "Syfte|Omfattning|Instruktion|Relaterade dokument"
  else if (t == 5) s = "Syfte|Nuläge|Åtgärder|Uppföljning"
  else s = "Syfte|Bakgrund|Så gör du|Relaterade dokument"
  q = split(s, sec, "|")
  for (a = 1; a <= q; a++) {
    text = text "\n## " sec[a] "\n\n"
    if (sec[a] == "Relaterade dokument") {
      if (parent) text = text "- [" title_of(parent) "](" link(i, parent) ")\n"
      for (r = 1; r <= nrel; r++) text = text "- [" title_of(rel[r]) "](" link(i, rel[r]) "#krav)\n"
      text = text "- [Kommunens informationssäkerhetspolicy](../../../../" path_of(key[1 "," (unit[i] % made_count[1]) + 1]) ")\n"
      continue
    }
    if (sec[a] == "Krav") {
      text = text "| ID | Krav | Nivå |\n|---|---|---|\n"
      for (r = 1; r <= 8 + rnd(8); r++)
        text = text "| K-" pad(num[i], 4) "-" pad(r, 2) " | " sentence[rnd(ns) + 1] " | " (rnd(4) ? "ska" : "bör") " |\n"
      text = text "\n### Tillämpning\n\n"
    }
    # Prose until the document reaches its size, spread over the sections.
    line = ""
    for (r = 0; r < 2 + rnd(3); r++) line = line sentence[rnd(ns) + 1] " "
    text = text line "\n"
    if (sec[a] == "Principer" || sec[a] == "Arbetsgång" || sec[a] == "Så gör du") {
      for (r = 1; r <= 3 + rnd(4); r++) text = text r ". " sentence[rnd(ns) + 1] "\n"
    }
    if (a == 2 && parent) text = text "\nDokumentet bygger på [" title_of(parent) "](" link(i, parent) ").\n"
  }
  while (length(text) < target) {
    line = "\n"
    for (r = 0; r < 4; r++) line = line sentence[rnd(ns) + 1] " "
    text = text line "\n"
  }
  printf "%s", text > f
  close(f)
}
'

# Folders first (one mkdir for all), then the documents.
awk -v mode=dirs -v total="$count" -v root="$out/policies" "$program" </dev/null | xargs -d '\n' mkdir -p
awk -v mode=files -v total="$count" -v root="$out/policies" "$program" </dev/null

echo "$count documents in $out" >&2
