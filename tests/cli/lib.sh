# Helpers for the black-box CLI tests. Each test function runs in its own folder
# ($TEST_DIR, the current directory) with `set -e` off: assertions fail explicitly.
#
#   styr ARGS...            runs the binary; sets RC, and OUT/ERR to stdout/stderr
#   expect_rc N             the last exit code was N
#   expect_out TEXT         stdout contains TEXT (fixed string)
#   expect_err TEXT         stderr contains TEXT
#   expect_no_out TEXT      stdout does not contain TEXT
#   make_repo [DIR]         a valid policy repository with one policy, as a git repository
#   decide TAG ID... [-- BY] an annotated decision tag at HEAD made by the approver BY

fail() {
  echo "FAIL: $*" >&2
  echo "--- stdout ---" >&2
  printf '%s\n' "${OUT-}" >&2
  echo "--- stderr ---" >&2
  printf '%s\n' "${ERR-}" >&2
  exit 1
}

styr() {
  local out_file err_file
  out_file=$(mktemp) err_file=$(mktemp)
  "$STYR" "$@" >"$out_file" 2>"$err_file"
  RC=$?
  OUT=$(cat "$out_file")
  ERR=$(cat "$err_file")
  rm -f "$out_file" "$err_file"
}

expect_rc() { [ "$RC" -eq "$1" ] || fail "expected exit code $1, got $RC"; }
expect_out() { grep -qF -- "$1" <<<"$OUT" || fail "stdout lacks: $1"; }
expect_err() { grep -qF -- "$1" <<<"$ERR" || fail "stderr lacks: $1"; }
expect_no_out() { ! grep -qF -- "$1" <<<"$OUT" || fail "stdout should not contain: $1"; }
expect_no_err() { ! grep -qF -- "$1" <<<"$ERR" || fail "stderr should not contain: $1"; }
expect_out_lines() {
  local n
  n=$(printf '%s' "$OUT" | grep -c '' || true)
  [ "$n" -eq "$1" ] || fail "expected $1 lines of stdout, got $n"
}

# git with a fixed identity and no signing, so tests do not depend on the machine.
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Sara Lind" GIT_AUTHOR_EMAIL="sara.lind@exempelkommun.se"
export GIT_COMMITTER_NAME="Sara Lind" GIT_COMMITTER_EMAIL="sara.lind@exempelkommun.se"
g() { git -c init.defaultBranch=main -c commit.gpgsign=false -c tag.gpgsign=false "$@"; }

# Commits are dated before the decisions the tests make, as in a real repository, unless a
# test dates them itself (commit_all MESSAGE DATE).
export GIT_AUTHOR_DATE="2026-01-01T08:00:00+01:00" GIT_COMMITTER_DATE="2026-01-01T08:00:00+01:00"

write_policy() {
  local path=$1 id=${2:-IS-POL-001} title=${3:-Informationssäkerhetspolicy}
  mkdir -p "$(dirname "$path")"
  cat >"$path" <<DOC
+++
id = "$id"
title = "$title"
type = "policy"
owner = "informationssäkerhetssamordnare"
decided_by = "kommunfullmäktige"
audience = ["alla medarbetare"]
review_interval_months = 48
publicity = "offentlig"
+++

# $title

## Syfte
Informationen ska skyddas.

## Omfattning
Hela kommunen.

## Mål
Säker information.

## Principer
Riskbaserat arbete.

## Roller och ansvar
Alla har ansvar.

## Avvikelser och undantag
Dispens söks hos kommundirektören.

## Uppföljning
Årligen.
DOC
}

write_riktlinje() {
  local path=$1 id=${2:-IS-RL-001} title=${3:-Riktlinje för säkerhetskopiering} parent=${4:-IS-POL-001}
  mkdir -p "$(dirname "$path")"
  cat >"$path" <<DOC
+++
id = "$id"
title = "$title"
type = "riktlinje"
owner = "IT-chef"
decided_by = "kommunstyrelsen"
audience = ["IT-avdelningen"]
review_interval_months = 12
parent = "$parent"
publicity = "intern"
+++

# $title

## Syfte
Data ska gå att återskapa.

## Omfattning
Alla system.

## Roller och ansvar
IT-chefen ansvarar.

## Krav

| ID | Krav | Nivå |
|---|---|---|
| ${id}-K1 | Säkerhetskopior ska tas dagligen. | ska |

## Avvikelser och undantag
Dispens.

## Uppföljning
Årligen.
DOC
}

make_repo() {
  local dir=${1:-.}
  mkdir -p "$dir"
  cat >"$dir/styr.toml" <<'TOML'
[organisation]
name = "Testkommun"
roles = ["informationssäkerhetssamordnare", "IT-chef", "kommundirektör"]
TOML
  cat >"$dir/approvers.toml" <<'TOML'
[[approver]]
name = "Karin Ek"
email = "kf@exempelkommun.se"
bodies = ["kommunfullmäktige", "kommunstyrelsen"]

[[approver]]
name = "Anna Berg"
email = "anna.berg@exempelkommun.se"
bodies = ["kommundirektör"]
TOML
  write_policy "$dir/policies/policy.md"
  (cd "$dir" && g init -q && g add -A && g commit -qm "Första versionen" >/dev/null)
}

# decide TAG [--by EMAIL] [--date ISO] ID...   (the tagger defaults to kf@exempelkommun.se)
decide() {
  local tag=$1 email=kf@exempelkommun.se name="Karin Ek" date="2026-03-15T10:00:00+01:00"
  shift
  while [ $# -gt 0 ]; do
    case $1 in
      --by) email=$2; name=${email%@*}; shift 2 ;;
      --date) date=$2; shift 2 ;;
      *) break ;;
    esac
  done
  local msg="Beslut om styrdokument."$'\n\n'"Beslut: KS 2026-03-15 § 45"$'\n'"Diarienummer: KS 2026/123"
  local id
  for id in "$@"; do msg+=$'\n'"Fastställer: $id"; done
  GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email" GIT_COMMITTER_DATE="$date" \
    g tag -a "$tag" -m "$msg"
}

# field ID KEY: a field of one document in `styr status --format json` (run in the repo).
field() {
  "$STYR" status --format json 2>/dev/null | jq -r --arg id "$1" --arg key "$2" '.[] | select(.id == $id) | .[$key] | if type == "array" then join("\n") else tostring end'
}

expect_field() {
  local got
  got=$(field "$1" "$2")
  [ "$got" = "$3" ] || fail "$1 $2: expected '$3', got '$got'"
}

commit_all() {
  local date=${2:-$GIT_COMMITTER_DATE}
  g add -A && GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date g commit -qm "${1:-Ändring}" >/dev/null
}

# add_field FILE LINE: a front-matter line after `publicity = …`.
add_field() { sed -i "s/^publicity = .*/&\n$2/" "$1"; }

# set_field FILE KEY VALUE: the front-matter line `KEY = VALUE`, replaced or added.
set_field() {
  if grep -q "^$2 = " "$1"; then
    sed -i "s|^$2 = .*|$2 = $3|" "$1"
  else
    add_field "$1" "$2 = $3"
  fi
}

# file_of ID: the file under policies/ that holds the document ID now, if one does.
file_of() { grep -rl "^id = \"$1\"" policies | head -1; }

# expect_links_resolve SITE: every href and src in SITE's pages names a file of SITE (or is
# absolute, mailto: or a same-page #fragment); an empty href is a link to nowhere.
expect_links_resolve() {
  local broken
  broken=$(python3 - "$1" <<'PY'
import os, re, sys
from urllib.parse import unquote, urlsplit
site = sys.argv[1]
for folder, _, files in os.walk(site):
    for name in files:
        if not name.endswith(".html"):
            continue
        page = os.path.join(folder, name)
        for url in re.findall(r'(?:href|src)="([^"]*)"', open(page, encoding="utf-8").read()):
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                continue
            target = os.path.normpath(os.path.join(folder, unquote(parts.path)))
            if not url or not os.path.isfile(target):
                print(f"{os.path.relpath(page, site)}: \"{url}\"")
PY
  )
  [ -z "$broken" ] || fail "links to nothing in $1:"$'\n'"$(head -5 <<<"$broken")"
}

# jq over the last stdout.
json() { jq -r "$1" <<<"$OUT"; }

expect_json() {
  local got
  got=$(json "$1")
  [ "$got" = "$2" ] || fail "$1: expected '$2', got '$got'"
}

# write_plan PATH [STATE]: an action plan IS-HP-001 with a done action (HP-1), a late one
# (HP-2, due 2026-05-31, in STATE, default pågår) and a planned one (HP-3).
write_plan() {
  local path=$1 state_late=${2:-pågår}
  mkdir -p "$(dirname "$path")"
  cat >"$path" <<DOC
+++
id = "IS-HP-001"
title = "Handlingsplan 2026"
type = "handlingsplan"
owner = "informationssäkerhetssamordnare"
decided_by = "kommunstyrelsen"
audience = ["kommunstyrelsen"]
review_interval_months = 12
parent = "IS-POL-001"
publicity = "intern"

[[action]]
id = "HP-1"
title = "Klar åtgärd"
owner = "IT-chef"
due = 2026-02-01
state = "klar"

[[action]]
id = "HP-2"
title = "Sen åtgärd"
owner = "IT-chef"
due = 2026-05-31
state = "$state_late"

[[action]]
id = "HP-3"
title = "Planerad åtgärd"
owner = "kommundirektör"
due = 2026-09-30
state = "planerad"
+++

# Handlingsplan 2026

## Syfte
Åtgärder.

## Nuläge
Brister.

## Åtgärder
Se listan.

## Uppföljning
Kvartalsvis.
DOC
}
