#!/usr/bin/env bash
# demo-history.sh — build a demonstration decision history for the sample LIS of Exempelkommun.
#
# Usage: tools/demo-history.sh [--force] TARGET_DIR
#
# Copies the sample policy repository (policies/, styr.toml, approvers.toml, and templates/ and
# site/ when they exist) from the project root into a NEW git repository at TARGET_DIR and
# records a believable history of commits and annotated decision tags (beslut/*). Every date is
# computed relative to today, so the derived states hold whenever the script is run. The
# project's own git repository is never read from or written to; only its files are copied.
#
# Timeline (before today)      what happens
#   21 months   commit      styr.toml, first roster (KF and KS secretaries, kommundirektör,
#                           IT-chef), IS-POL-001 and the old IS-RL-013 Riktlinje för IT-säkerhet
#   ~20 months  KS          approves the roster (Fastställer: approvers)
#   ~20 months  KF          adopts IS-POL-001
#   ~20 months  KD          adopts IS-RL-013 (carried over into the common structure)
#   18 months   commit      riktlinjer, rutiner, instruktioner, IS-HB-001; IS-RL-008 in its
#                           first version, IS-RUT-002 in the wording that gets approved
#   17 months   KS          adopts IS-RL-001 002 003 005 008 009 010 011 012 014
#   ~17 months  KD          adopts IS-RL-004 006 007
#   ~16 months  commit, KS  roster version 2 adds the förvaltningschef; KS approves it
#   15 months   KD, IT-chef, förvaltningschef adopt the rutiner and instruktioner
#   ~10 months  commit      IS-RL-008 version 2 (cybersäkerhetslagen), new IS-RUT-003, IS-HP-001
#                           in its first version
#   10 months   KS          adopts IS-RL-008 (version 2) and IS-HP-001; KD adopts IS-RUT-003
#   8 months    commit      IS-HB-002 (handbok, needs no decision)
#   5 months    commit      new IS-RL-015 (replaces IS-RL-013); IS-RL-013 gets retired = true
#   4 months    KD          adopts IS-RL-015 and upphäver IS-RL-013
#   ~2 months   commit, KS  IS-HP-001 follow-up (action states); KS adopts it (version 2) and
#                           re-approves the unchanged IS-RL-003 (aktualitetsprövning)
#   1 month     commit      IS-RUT-002 revised by the IT-chef, not re-approved
#   3 weeks     commit      IS-RL-016 Riktlinje för fysisk säkerhet added, never approved
#
# Resulting states (styr status):
#   approved  every other decided document (IS-RL-008 and IS-HP-001 in version 2)
#   changed   IS-RUT-002 (the site keeps publishing the approved wording)
#   draft     IS-RL-016
#   retired   IS-RL-013
#   overdue   IS-INS-004 (review_interval_months = 12, approved 15 months ago)
#   due soon  IS-RL-008 and IS-RUT-003 (12 months, approved about 10 months ago)
#
# The final working tree equals the project's policies/ with one deliberate difference:
# policies/riktlinjer/it-sakerhet.md (IS-RL-013) has the line `retired = true`. The draft
# (IS-RL-016) and the changed document (IS-RUT-002) have the project's text; their difference
# lies in the history. Older versions are derived from the current files with sed and awk; if
# the sample text changes so that a derivation no longer applies, the script stops and says so.

set -euo pipefail

usage() {
    cat <<'EOF'
Usage: tools/demo-history.sh [--force] TARGET_DIR

Creates a new git repository at TARGET_DIR with the sample documents and a demonstration
history of decisions (annotated tags beslut/*). TARGET_DIR must not exist or be empty;
--force removes an existing TARGET_DIR first.
EOF
}

die() { printf 'demo-history: %s\n' "$*" >&2; exit 1; }

force=0
target=""
while (($#)); do
    case $1 in
        --force) force=1 ;;
        -h | --help) usage; exit 0 ;;
        --) shift; break ;;
        -*) usage >&2; exit 2 ;;
        *) [[ -z $target ]] || { usage >&2; exit 2; }; target=$1 ;;
    esac
    shift
done
if (($#)); then
    [[ -z $target && $# -eq 1 ]] || { usage >&2; exit 2; }
    target=$1
fi
[[ -n $target ]] || { usage >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
[[ -d $root/policies && -f $root/styr.toml && -f $root/approvers.toml ]] ||
    die "cannot find the sample (policies/, styr.toml, approvers.toml) in $root"

# Resolve TARGET_DIR and refuse anything that is, contains or lies inside the project —
# except the project's build/ folder, which git ignores.
if [[ -e $target && ! -d $target ]]; then
    die "$target exists and is not a directory"
fi
if [[ -d $target ]]; then
    target_abs=$(cd "$target" && pwd -P)
else
    parent=$(dirname "$target")
    [[ -d $parent ]] || die "parent directory $parent does not exist"
    target_abs="$(cd "$parent" && pwd -P)/$(basename "$target")"
fi
case "$root/" in
    "$target_abs"/*) die "refusing $target_abs: it contains the project" ;;
esac
case "$target_abs/" in
    "$root"/build/?*) ;;
    "$root"/*) die "refusing $target_abs: it lies inside the project (use a folder under build/ or outside)" ;;
esac
[[ $target_abs != / ]] || die "refusing /"
if [[ -d $target_abs ]] && [[ -n $(ls -A "$target_abs") ]]; then
    ((force)) || die "$target_abs exists and is not empty (use --force to replace it)"
    rm -rf -- "$target_abs"
fi
mkdir -p -- "$target_abs"
target=$target_abs

# Git must act on the new repository only: ignore any repository selected through the
# environment (for example when run from a hook), the user's configuration and hooks.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
    GIT_COMMON_DIR GIT_NAMESPACE GIT_CEILING_DIRECTORIES GIT_PREFIX
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_TERMINAL_PROMPT=0
if [[ -e /usr/share/zoneinfo/Europe/Stockholm ]]; then export TZ=Europe/Stockholm; fi

git=(git -C "$target" -c commit.gpgsign=false -c tag.gpgsign=false -c init.defaultBranch=main
     -c core.hooksPath=/dev/null -c core.autocrlf=false)

"${git[@]}" init -q
[[ $("${git[@]}" rev-parse --show-toplevel) == "$target" ]] ||
    die "git did not create a repository at $target"

# --- people -------------------------------------------------------------------------------
officer=("Sara Lind" "sara.lind@exempelkommun.se")           # informationssäkerhetssamordnare
kf_secretary=("Maria Holm" "maria.holm@exempelkommun.se")     # kommunfullmäktige
ks_secretary=("Johan Sjöberg" "johan.sjoberg@exempelkommun.se") # kommunstyrelsen
director=("Anna Berg" "anna.berg@exempelkommun.se")           # kommundirektör
it_chief=("Per Lindqvist" "per.lindqvist@exempelkommun.se")   # IT-chef
social_chief=("Eva Nyström" "eva.nystrom@exempelkommun.se")   # förvaltningschef, socialförvaltningen

# --- helpers ------------------------------------------------------------------------------

# day EXPR: the date EXPR relative to today (e.g. "-20 months +3 days"), moved to Monday when it
# falls on a weekend, as YYYY-MM-DD.
day() {
    local d
    d=$(date -d "today $1" +%F)
    case $(date -d "$d" +%u) in
        6) d=$(date -d "$d +2 days" +%F) ;;
        7) d=$(date -d "$d +1 day" +%F) ;;
    esac
    printf '%s\n' "$d"
}

year() { printf '%s\n' "${1%%-*}"; }

# put REL...: copy documents from the project's policies/ into the target, unchanged.
put() {
    local rel
    for rel in "$@"; do
        [[ -f $root/policies/$rel ]] || die "missing sample document policies/$rel"
        mkdir -p "$target/policies/$(dirname "$rel")"
        cp "$root/policies/$rel" "$target/policies/$rel"
    done
}

# older FILE COMMAND...: write an older version of FILE (relative to the target) by running
# COMMAND with the current version on stdin; stop if the result equals the current version.
older() {
    local file=$target/$1
    shift
    "$@" <"$file" >"$file.tmp"
    if cmp -s "$file" "$file.tmp"; then
        rm -f "$file.tmp"
        die "could not derive the older version of $file: the sample text has changed; update $0"
    fi
    mv "$file.tmp" "$file"
}

# commit DATE NAME EMAIL MESSAGE
commit() {
    local ts="$1 09:30:00"
    "${git[@]}" add -A
    env GIT_AUTHOR_NAME="$2" GIT_AUTHOR_EMAIL="$3" GIT_AUTHOR_DATE="$ts" \
        GIT_COMMITTER_NAME="$2" GIT_COMMITTER_EMAIL="$3" GIT_COMMITTER_DATE="$ts" \
        "${git[@]}" commit -q -m "$4"
}

tags=()
# decide DATE NAME EMAIL SLUG MESSAGE: an annotated decision tag on HEAD, made by NAME.
decide() {
    local tag="beslut/$1-$4"
    env GIT_COMMITTER_NAME="$2" GIT_COMMITTER_EMAIL="$3" GIT_COMMITTER_DATE="$1 15:00:00" \
        "${git[@]}" tag -a "$tag" -m "$5"
    tags+=("$tag")
}

# --- the older versions -------------------------------------------------------------------

# The first roster: the förvaltningschef is added in version 2.
roster_v1() {
    awk 'BEGIN { RS = "" } !/eva\.nystrom@/ { printf "%s%s", sep, $0; sep = "\n\n" } END { print "" }'
}

# IS-RL-008 before the cybersäkerhetslag revision: no section on CSIRT reporting, no INC-11 and
# INC-12, a slower internal reporting deadline in INC-03, no link to the new rutin.
incident_v1() {
    awk '/^### Rapportering enligt cybersäkerhetslagen$/ { skip = 1; next }
         skip && /^##/ { skip = 0 }
         !skip' |
        sed -e '/incidentrapportering\.md/,+1d' \
            -e '/^| INC-1[12] |/d' \
            -e 's/omedelbart och senast inom en timme från upptäckt/omedelbart och senast samma arbetsdag/' \
            -e 's/^\*\*Kommundirektören\*\* beslutar om rapportering enligt cybersäkerhetslagen och informerar$/**Kommundirektören** informerar/' \
            -e 's/, "cybersäkerhetslagen", "rapportering"\]$/, "rapportering"]/'
}

# IS-HP-001 as first adopted: nothing finished yet, nothing stopped.
action_plan_v1() {
    sed -e 's/^state = "klar"$/state = "pågår"/' -e 's/^state = "stoppad"$/state = "planerad"/'
}

# IS-RUT-002 as approved: quarterly tests of critical systems, no full-chain test.
restore_test_v1() {
    sed -e '/^| 3–4 |/s/Minst en gång per månad/Minst en gång per kvartal/' \
        -e '/^6\. Vid årets sista test/,+1d'
}

retire() { sed -e '/^tags = \[/a retired = true'; }

# --- dates --------------------------------------------------------------------------------
d_start=$(day "-21 months")
d_roster1=$(day "-20 months -7 days")
d_policy=$(day "-20 months")
d_itsak=$(day "-20 months +9 days")
d_rl_commit=$(day "-18 months")
d_ks_rl=$(day "-17 months")
d_kd_rl=$(day "-17 months +8 days")
d_roster2_commit=$(day "-16 months -10 days")
d_roster2=$(day "-16 months")
d_kd_rut=$(day "-15 months")
d_it_rut=$(day "-15 months +7 days")
d_fc_rut=$(day "-15 months +14 days")
d_rev_commit=$(day "-10 months -12 days")
d_ks_rev=$(day "-10 months")
d_kd_inc=$(day "-10 months +7 days")
d_hb2=$(day "-8 months")
d_retire_commit=$(day "-5 months")
d_retire=$(day "-4 months")
d_hp_commit=$(day "-2 months -10 days")
d_ks_hp=$(day "-2 months")
d_changed=$(day "-1 month")
d_draft=$(day "-21 days")

# --- 1. the roster and the policy ---------------------------------------------------------
cp "$root/styr.toml" "$root/approvers.toml" "$target/"
for dir in templates site; do
    if [[ -d $root/$dir ]]; then cp -R "$root/$dir" "$target/"; fi
done
printf '_site/\n.styr-cache/\n' >"$target/.gitignore"
older approvers.toml roster_v1
put policy/informationssakerhetspolicy.md riktlinjer/it-sakerhet.md
commit "$d_start" "${officer[@]}" \
    "Lägg in informationssäkerhetspolicy, beslutsfattare och befintlig riktlinje för IT-säkerhet"

decide "$d_roster1" "${ks_secretary[@]}" ks-beslutsfattare \
"Kommunstyrelsen fastställer förteckningen över beslutsfattare för styrdokument inom informationssäkerhetsområdet.

Beslut: KS $d_roster1 § 38
Diarienummer: KS $(year "$d_roster1")/0064
Fastställer: approvers"

decide "$d_policy" "${kf_secretary[@]}" kf-informationssakerhetspolicy \
"Kommunfullmäktige antar informationssäkerhetspolicy för Exempelkommun.

Policyn gäller från och med dagen efter beslutet.

Beslut: KF $d_policy § 27
Diarienummer: KS $(year "$d_policy")/0064
Fastställer: IS-POL-001"

decide "$d_itsak" "${director[@]}" kd-riktlinje-it-sakerhet \
"Kommundirektören fastställer riktlinje för IT-säkerhet i den gemensamma strukturen för styrdokument.

Riktlinjen gäller i avvaktan på riktlinjer för respektive sakområde.

Beslut: Kommundirektörens delegationsbeslut $d_itsak nr 12
Diarienummer: KS $(year "$d_itsak")/0131
Fastställer: IS-RL-013"

# --- 2. riktlinjer, rutiner and instruktioner ---------------------------------------------
put riktlinjer/styrdokument.md riktlinjer/informationssakerhetsfunktionen.md \
    riktlinjer/informationsklassning.md riktlinjer/sakerhetskopiering.md \
    riktlinjer/behorighet-och-atkomst.md riktlinjer/skydd-mot-skadlig-kod.md \
    riktlinjer/loggning-och-overvakning.md riktlinjer/incidenthantering.md \
    riktlinjer/kontinuitet.md riktlinjer/leverantorer-och-upphandling.md \
    riktlinjer/utbildning-och-medvetenhet.md riktlinjer/uppfoljning-och-internrevision.md \
    riktlinjer/anvandning-av-it-och-information.md \
    rutiner/ledningens-genomgang.md rutiner/aterlasningstest.md \
    rutiner/behorighetstilldelning.md rutiner/informationsklassning.md \
    rutiner/krav-vid-upphandling.md rutiner/uppdateringshantering.md rutiner/dispens.md \
    rutiner/logguppfoljning-socialtjanst.md \
    instruktioner/losenord-och-autentisering.md instruktioner/distansarbete-och-mobila-enheter.md \
    instruktioner/lagring-av-sakerhetskopior.md instruktioner/sakerhetsloggar.md \
    handbocker/nulagesanalys.md
older policies/riktlinjer/incidenthantering.md incident_v1
older policies/rutiner/aterlasningstest.md restore_test_v1
commit "$d_rl_commit" "${officer[@]}" \
    "Riktlinjer, rutiner och instruktioner för informationssäkerhet enligt den gemensamma strukturen"

decide "$d_ks_rl" "${ks_secretary[@]}" ks-riktlinjer-informationssakerhet \
"Kommunstyrelsen fastställer riktlinjer för informationssäkerhet.

Beslut: KS $d_ks_rl § 112
Diarienummer: KS $(year "$d_ks_rl")/0215
Fastställer: IS-RL-001, IS-RL-002, IS-RL-003
Fastställer: IS-RL-005
Fastställer: IS-RL-008, IS-RL-009, IS-RL-010, IS-RL-011, IS-RL-012
Fastställer: IS-RL-014"

decide "$d_kd_rl" "${director[@]}" kd-tekniska-riktlinjer \
"Kommundirektören fastställer riktlinjer för säkerhetskopiering, skydd mot skadlig kod samt loggning och övervakning.

Beslut: Kommundirektörens delegationsbeslut $d_kd_rl nr 31
Diarienummer: KS $(year "$d_kd_rl")/0216
Fastställer: IS-RL-004
Fastställer: IS-RL-006
Fastställer: IS-RL-007"

# The roster, version 2: the förvaltningschef of socialförvaltningen may record decisions.
cp "$root/approvers.toml" "$target/approvers.toml"
commit "$d_roster2_commit" "${officer[@]}" \
    "Förteckning över beslutsfattare: lägg till förvaltningschef för socialförvaltningen"

decide "$d_roster2" "${ks_secretary[@]}" ks-beslutsfattare \
"Kommunstyrelsen fastställer reviderad förteckning över beslutsfattare för styrdokument.

Förvaltningschefen för socialförvaltningen tillkommer för beslut på förvaltningsnivå.

Beslut: KS $d_roster2 § 141
Diarienummer: KS $(year "$d_roster2")/0262
Fastställer: approvers"

decide "$d_kd_rut" "${director[@]}" kd-rutiner-och-instruktioner \
"Kommundirektören fastställer rutiner och instruktion för informationssäkerhet.

Beslut: Kommundirektörens delegationsbeslut $d_kd_rut nr 44
Diarienummer: KS $(year "$d_kd_rut")/0217
Fastställer: IS-RUT-001, IS-RUT-005, IS-RUT-006, IS-RUT-008
Fastställer: IS-INS-002"

decide "$d_it_rut" "${it_chief[@]}" it-chef-rutiner-och-instruktioner \
"IT-chefen fastställer rutiner och instruktioner för den gemensamma it-miljön.

Beslut: IT-chefens delegationsbeslut $d_it_rut nr IT-9
Diarienummer: KS $(year "$d_it_rut")/0218
Fastställer: IS-RUT-002, IS-RUT-004, IS-RUT-007
Fastställer: IS-INS-001, IS-INS-003, IS-INS-004"

decide "$d_fc_rut" "${social_chief[@]}" sof-logguppfoljning \
"Förvaltningschefen för socialförvaltningen fastställer rutin för logguppföljning.

Beslut: Socialförvaltningens delegationsbeslut $d_fc_rut nr 57
Diarienummer: SN $(year "$d_fc_rut")/0311
Fastställer: IS-RUT-009"

# --- 3. revision after the cybersäkerhetslag, new rutin and the action plan --------------
put riktlinjer/incidenthantering.md rutiner/incidentrapportering.md \
    handlingsplaner/handlingsplan-2026-2027.md
older policies/handlingsplaner/handlingsplan-2026-2027.md action_plan_v1
commit "$d_rev_commit" "${officer[@]}" \
    "Incidenthantering enligt cybersäkerhetslagen, ny rutin för incidentrapportering och handlingsplan 2026–2027"

decide "$d_ks_rev" "${ks_secretary[@]}" ks-incidenthantering-och-handlingsplan \
"Kommunstyrelsen fastställer reviderad riktlinje för incidenthantering och handlingsplan för informationssäkerhet 2026–2027.

Riktlinjen revideras med anledning av cybersäkerhetslagen (2025:1506).

Beslut: KS $d_ks_rev § 9
Diarienummer: KS $(year "$d_ks_rev")/0019
Fastställer: IS-RL-008
Fastställer: IS-HP-001"

decide "$d_kd_inc" "${director[@]}" kd-incidentrapportering \
"Kommundirektören fastställer rutin för incidentrapportering.

Beslut: Kommundirektörens delegationsbeslut $d_kd_inc nr 4
Diarienummer: KS $(year "$d_kd_inc")/0019
Fastställer: IS-RUT-003"

put handbocker/informationssakerhet-for-medarbetare.md
commit "$d_hb2" "${officer[@]}" "Handbok för medarbetare: informationssäkerhet i vardagen"

# --- 4. the old riktlinje is replaced and upphävd -----------------------------------------
put riktlinjer/drift-och-natverkssakerhet.md
older policies/riktlinjer/it-sakerhet.md retire
commit "$d_retire_commit" "${it_chief[@]}" \
    "Riktlinje för drift- och nätverkssäkerhet ersätter riktlinje för IT-säkerhet"

decide "$d_retire" "${director[@]}" kd-drift-och-natverkssakerhet \
"Kommundirektören fastställer riktlinje för drift- och nätverkssäkerhet och upphäver riktlinje för IT-säkerhet.

Beslut: Kommundirektörens delegationsbeslut $d_retire nr 52
Diarienummer: KS $(year "$d_retire")/0198
Fastställer: IS-RL-015
Fastställer: IS-RL-013"

# --- 5. follow-up of the action plan and an aktualitetsprövning ---------------------------
put handlingsplaner/handlingsplan-2026-2027.md
commit "$d_hp_commit" "${officer[@]}" "Handlingsplan 2026–2027: läget efter delårsuppföljningen"

decide "$d_ks_hp" "${ks_secretary[@]}" ks-handlingsplan-och-aktualitetsprovning \
"Kommunstyrelsen fastställer reviderad handlingsplan för informationssäkerhet och aktualitetsprövar riktlinje för informationsklassning.

Riktlinjen för informationsklassning har prövats och gäller utan ändringar.

Beslut: KS $d_ks_hp § 156
Diarienummer: KS $(year "$d_ks_hp")/0019
Fastställer: IS-HP-001, IS-RL-003"

# --- 6. a change awaiting decision and a draft --------------------------------------------
put rutiner/aterlasningstest.md
commit "$d_changed" "${it_chief[@]}" \
    "Återläsningstest: månatliga tester av verksamhetskritiska system (för beslut)"

put riktlinjer/fysisk-sakerhet.md
# Anything added to the sample since this script was written joins the draft commit.
while IFS= read -r -d '' file; do
    rel=${file#"$root/policies/"}
    if [[ ! -e $target/policies/$rel ]]; then
        printf 'demo-history: note: %s is not in the scripted history; added as a draft\n' \
            "policies/$rel" >&2
        put "$rel"
    fi
done < <(find "$root/policies" -type f -print0 | sort -z)
commit "$d_draft" "${officer[@]}" "Utkast: riktlinje för fysisk säkerhet"

# --- check the result ---------------------------------------------------------------------
while IFS= read -r -d '' file; do
    rel=${file#"$target/"}
    if [[ $rel == policies/riktlinjer/it-sakerhet.md ]]; then
        grep -vx 'retired = true' "$file" | cmp -s - "$root/$rel" ||
            die "unexpected final content of $rel"
    else
        cmp -s "$file" "$root/$rel" || die "unexpected final content of $rel"
    fi
done < <(find "$target/policies" -type f -print0)
cmp -s "$target/approvers.toml" "$root/approvers.toml" || die "unexpected final approvers.toml"

# --- summary ------------------------------------------------------------------------------
printf 'Demonstration history in %s\n' "$target"
printf '  %d commits, %d decisions:\n' "$("${git[@]}" rev-list --count HEAD)" "${#tags[@]}"
for tag in "${tags[@]}"; do
    printf '    %-62s %s\n' "$tag" \
        "$("${git[@]}" for-each-ref --format='%(taggername)' "refs/tags/$tag")"
done
cat <<'EOF'
  Expected states: IS-RUT-002 changed, IS-RL-016 draft, IS-RL-013 retired, IS-INS-004 overdue,
  IS-RL-008 and IS-HP-001 in version 2, IS-RL-003 re-approved; all others approved.
EOF
