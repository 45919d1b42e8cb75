#!/usr/bin/env bash
# `styr build` against Hugo on the same generated repository of 10,000 approved documents,
# side by side in one run, and styr's incremental rebuilds (PRODUCT.md §6). Goals:
#   styr's wall time at most a fifth of Hugo's, its peak memory at most a quarter of Hugo's,
#   a rebuild after one changed and re-approved document under a tenth of a cold build.
# See bench/README.md.
#
#   bench/site_vs_hugo.sh [--docs N] [--runs N] [--keep DIR] [--no-hugo]
#
# STYR names the binary (default: build/release/tools/styr, else styr on PATH). Needs hugo
# (tools/install-deps.sh --bench) and GNU time (/usr/bin/time, Debian package `time`).
# Exits 1 when a goal is missed, 3 when a tool is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
docs=10000
runs=3
keep=
with_hugo=1
while [ $# -gt 0 ]; do
  case $1 in
    --docs) docs=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --no-hugo) with_hugo=; shift ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--docs N] [--runs N] [--keep DIR] [--no-hugo]" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
find_styr
if [ ! -x /usr/bin/time ]; then
  echo "site_vs_hugo.sh: GNU time is missing (apt-get install -y time)" >&2
  exit 3
fi
if [ -n "$with_hugo" ] && ! command -v hugo >/dev/null; then
  echo "site_vs_hugo.sh: hugo is missing; run tools/install-deps.sh --bench (or pass --no-hugo)" >&2
  exit 3
fi

if [ -n "$keep" ]; then
  work=$keep
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/styr-site-bench-XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
repo=$work/repo
hugo_site=$work/hugo

# --- The repository: every document approved by the body it names ------------------------

bench_git_env
if [ ! -d "$repo/.git" ]; then
  rm -rf "$repo"
  generate_committed
  # Who decides for which body (bench/generate_repo.sh's approvers.toml); handböcker need
  # no decision and are published as committed.
  declare -A tagger=([kommunfullmäktige]="Maria Holm:maria.holm@storkommun.se"
                     [kommunstyrelsen]="Johan Sjöberg:johan.sjoberg@storkommun.se"
                     [kommundirektör]="Anna Berg:anna.berg@storkommun.se"
                     [IT-chef]="Per Lindqvist:per.lindqvist@storkommun.se"
                     [förvaltningschef]="Per Lindqvist:per.lindqvist@storkommun.se")
  n=0
  for body in kommunfullmäktige kommunstyrelsen kommundirektör IT-chef förvaltningschef; do
    mapfile -t ids < <(grep -rlE "^decided_by = \"$body\"" "$repo/policies" | xargs -r grep -m1 -hoE '^id = "[^"]+"' \
                         | cut -d'"' -f2 | sort)
    who=${tagger[$body]}
    for ((i = 0; i < ${#ids[@]}; i += 500)); do
      n=$((n + 1))
      approve "beslut/2026-02-$(printf '%02d' $((1 + n % 27)))-$n" "${who%%:*}" "${who#*:}" \
        "2026-02-$(printf '%02d' $((1 + n % 27)))T10:00:00+01:00" "${ids[@]:i:500}"
    done
  done
  pack_repo
fi
cd "$repo"
"$styr" status --format json >"$work/status.json" 2>/dev/null || { echo "styr status failed" >&2; exit 1; }
unapproved=$(grep -cE '"status": ?"(draft|changed)"' "$work/status.json" || true)
echo "== $(grep -c '"id"' "$work/status.json") documents, $unapproved not approved (handböcker need no decision)" >&2

# --- The same documents as a Hugo site ----------------------------------------------------

# TOML front matter between +++ lines is Hugo's own format, so the content tree is the
# documents folder as it is. A minimal theme renders comparable HTML: each document with a
# metadata panel and a table of contents, list pages for the sections and the tags.
make_hugo_site() {
  rm -rf "$hugo_site"
  mkdir -p "$hugo_site/layouts/_default" "$hugo_site/static"
  cp -r "$repo/policies" "$hugo_site/content"
  cp "$root/site/style.css" "$hugo_site/static/style.css"
  cat >"$hugo_site/hugo.toml" <<'TOML'
baseURL = "https://intranet.storkommun.se/styrdokument/"
languageCode = "sv"
title = "Storkommun – styrdokument"
relativeURLs = true
disableKinds = ["sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = false
[markup.tableOfContents]
startLevel = 2
endLevel = 3
TOML
  cat >"$hugo_site/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header class="site-header"><a class="brand" href="{{ "" | relURL }}">{{ site.Title }}</a>
<nav class="site-nav" aria-label="Webbplats"><ul><li><a href="{{ "" | relURL }}">Start</a></li><li><a href="{{ "tags/" | relURL }}">Ämnen</a></li></ul></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer"><p>{{ site.Title }}</p></footer>
</body>
</html>
HTML
  cat >"$hugo_site/layouts/_default/single.html" <<'HTML'
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<section class="metadata"><dl>
<dt>Id</dt><dd>{{ .Params.id }}</dd>
<dt>Typ</dt><dd>{{ .Params.type }}</dd>
<dt>Dokumentansvarig</dt><dd>{{ .Params.owner }}</dd>
<dt>Beslutas av</dt><dd>{{ .Params.decided_by }}</dd>
<dt>Målgrupp</dt><dd>{{ delimit .Params.audience ", " }}</dd>
{{ with .Params.parent }}<dt>Överordnat</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.related }}<dt>Relaterade</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
{{ with .Params.tags }}<dt>Ämnen</dt><dd>{{ range . }}<a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</dd>{{ end }}
</dl></section>
<nav class="toc" aria-label="Innehåll">{{ .TableOfContents }}</nav>
<div class="document-body">{{ .Content }}</div>
</article>
{{ end }}
HTML
  cat >"$hugo_site/layouts/_default/list.html" <<'HTML'
{{ define "main" }}
<h1>{{ .Title }}</h1>
<table><thead><tr><th>Id</th><th>Titel</th><th>Typ</th></tr></thead><tbody>
{{ range .RegularPagesRecursive }}<tr><td>{{ .Params.id }}</td><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.type }}</td></tr>
{{ end }}</tbody></table>
{{ end }}
HTML
  cat >"$hugo_site/layouts/_default/terms.html" <<'HTML'
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
HTML
  cat >"$hugo_site/layouts/index.html" <<'HTML'
{{ define "main" }}
<h1>Styrdokument</h1>
<ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<h2>Senast ändrade</h2>
<ul>{{ range first 20 site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
HTML
}

# --- Measuring ------------------------------------------------------------------------------

# measure NAME SETUP COMMAND: runs SETUP (untimed), then COMMAND under GNU time, $runs times;
# appends "NAME wall_ms cpu_ms rss_kb" per run to $work/runs.txt.
measure() {
  local name=$1 setup=$2 cmd=$3 i out
  for ((i = 0; i < runs; i++)); do
    bash -c "$setup" >/dev/null 2>&1
    out=$(mktemp)
    if ! /usr/bin/time -v -o "$out" bash -c "exec $cmd" >/dev/null 2>"$work/last.err"; then
      echo "$name failed:" >&2
      cat "$work/last.err" >&2
      exit 1
    fi
    awk -v name="$name" -F': ' '
      /User time/ { user = $2 }
      /System time/ { sys = $2 }
      /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = 0; for (k = 1; k <= n; k++) wall = wall * 60 + p[k] }
      /Maximum resident set size/ { rss = $2 }
      END { printf "%s %.0f %.0f %d\n", name, wall * 1000, (user + sys) * 1000, rss }' "$out" >>"$work/runs.txt"
    rm -f "$out"
    echo "   $(tail -1 "$work/runs.txt")" >&2
  done
}

# The median of the named runs' column (2 wall, 3 cpu, 4 rss).
median() {
  awk -v name="$1" -v col="$2" '$1 == name { v[++n] = $col } END {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    print n % 2 ? v[(n + 1) / 2] : int((v[n / 2] + v[n / 2 + 1]) / 2) }' "$work/runs.txt"
}

# Outputs are moved out of the way, not deleted, until the timing is done: ext4 keeps the
# inodes it has just freed aside for a minute or more and scans past them for every new file,
# so a run right after deleting tens of thousands of files pays for the deletion.
trash=$work/trash
set_aside() {
  local p
  mkdir -p "$trash"
  for p; do
    if [ -e "$p" ]; then mv "$p" "$trash/$(date +%s%N)-$(basename "$p")"; fi
  done
}
export trash
export -f set_aside

: >"$work/runs.txt"
echo "== timing on $(nproc) cores, $runs runs each (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2

echo "== styr build, cold (no .styr-cache/, no _site/)" >&2
measure styr-cold "set_aside '$repo/.styr-cache' '$repo/_site'" "'$styr' -C '$repo' build"

if [ -n "$with_hugo" ]; then
  make_hugo_site
  echo "== hugo $(hugo version | cut -d' ' -f2), cold (no public/, resources/ or cache)" >&2
  measure hugo-cold "set_aside '$hugo_site/public' '$hugo_site/resources' '$work/hugo-cache'" \
    "hugo --quiet --source '$hugo_site' --cacheDir '$work/hugo-cache'"
  pages=$(find "$hugo_site/public" -name '*.html' | wc -l)
  echo "   hugo wrote $pages HTML pages; styr wrote $(find "$repo/_site" -name '*.html' | wc -l)" >&2
fi

echo "== styr build again, nothing changed" >&2
"$styr" -C "$repo" build 2>/dev/null
measure styr-nochange ":" "'$styr' -C '$repo' build"

echo "== styr build after one document is changed, committed and re-approved" >&2
mapfile -t changing < <(grep -rlE '^decided_by = "kommunstyrelsen"' "$repo/policies" | sort | head -"$runs")
# A kept repository has the revisions of earlier runs: number on from them.
round=$(g tag -l 'beslut/2026-03-revision-*' | wc -l)
change_one() {
  local f=${changing[round % ${#changing[@]}]} id
  round=$((round + 1))
  printf '\nTillägg %d: rutinen följs upp av %s.\n' "$round" "informationssäkerhetssamordnaren" >>"$f"
  id=$(grep -m1 -oE '^id = "[^"]+"' "$f" | cut -d'"' -f2)
  g commit -qam "Revision $round av $id" --date "2026-03-$(printf '%02d' $((round % 27 + 1)))T09:00:00+01:00"
  approve "beslut/2026-03-revision-$round" "Johan Sjöberg" johan.sjoberg@storkommun.se \
    "2026-03-$(printf '%02d' $((round % 27 + 1)))T11:00:00+01:00" "$id"
}
for ((r = 0; r < runs; r++)); do
  change_one
  saved=$runs
  runs=1
  measure styr-one-change ":" "'$styr' -C '$repo' build"
  runs=$saved
done
rm -rf "$trash"

# --- Report -----------------------------------------------------------------------------------

cold=$(median styr-cold 2)
cold_cpu=$(median styr-cold 3)
cold_rss=$(median styr-cold 4)
status=0
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
# goal TEXT MET: one line, and the exit status.
goal() {
  local v=met
  if [ "$2" -ne 1 ]; then v=MISSED; status=1; fi
  echo "goal: $1: $v"
}
echo
echo "styr build on $docs approved documents, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "($("$styr" --version 2>/dev/null | head -1)$(if [ -n "$with_hugo" ]; then echo "; $(hugo version | cut -d' ' -f1-2)"; fi))"
printf '%-36s %12s %14s %14s\n' "median of $runs runs" "wall" "cpu (u+s)" "peak RSS"
for name in styr-cold hugo-cold styr-nochange styr-one-change; do
  grep -q "^$name " "$work/runs.txt" || continue
  printf '%-36s %9s ms %11s ms %11s KB\n' "$name" "$(median "$name" 2)" "$(median "$name" 3)" "$(median "$name" 4)"
done
echo
if [ -n "$with_hugo" ]; then
  hugo_wall=$(median hugo-cold 2)
  hugo_cpu=$(median hugo-cold 3)
  hugo_rss=$(median hugo-cold 4)
  goal "styr wall time at most 1/5 of Hugo's: $cold ms vs $hugo_wall ms, ratio $(ratio "$cold" "$hugo_wall") (cpu ratio $(ratio "$cold_cpu" "$hugo_cpu"))" \
    "$((cold * 5 <= hugo_wall))"
  goal "styr peak memory at most 1/4 of Hugo's: $cold_rss KB vs $hugo_rss KB, ratio $(ratio "$cold_rss" "$hugo_rss")" \
    "$((cold_rss * 4 <= hugo_rss))"
fi
one=$(median styr-one-change 2)
one_cpu=$(median styr-one-change 3)
goal "rebuild after one changed document under 1/10 of a cold build: $one ms vs $cold ms, ratio $(ratio "$one" "$cold") (cpu ratio $(ratio "$one_cpu" "$cold_cpu"))" \
  "$((one * 10 < cold))"
if [ "$(cut -d' ' -f1 /proc/loadavg | cut -d. -f1)" -ge "$(nproc)" ]; then
  echo "note: the machine was busy (load average above $(nproc)); wall times are inflated, CPU times less so"
fi
exit "$status"
