# styr init, styr new and styr diff: from an empty folder to a clean check.

test_init_makes_a_repository_that_passes_check() {
  styr init kommunen --name "Testköping"
  expect_rc 0
  expect_out "kommunen"
  [ -d kommunen/.git ] || fail "not a git repository"
  grep -q 'name = "Testköping"' kommunen/styr.toml || fail "name not set"
  grep -q "Testköping" kommunen/policies/policy/informationssakerhetspolicy.md || fail "sample not adapted"
  [ -f kommunen/templates/layout.mustache ] || fail "no templates"
  [ -f kommunen/site/style.css ] || fail "no assets"
  # styr's scripts are part of the program, not of the look: a copy would outlive an upgrade.
  [ ! -e kommunen/site/search.js ] && [ ! -e kommunen/site/requirements.js ] || fail "styr's scripts were copied"
  styr -C kommunen check
  expect_rc 0
  expect_err "0 errors, 0 warnings in 1 document"
}

# The name is written into styr.toml and the sample policy's text: quotes, a backslash and
# Markdown's characters must keep both valid.
test_init_writes_any_one_line_name_as_it_is() {
  local name='Kommun "Norr" \ *x* #'
  styr init k --name "$name"
  expect_rc 0
  styr -C k check
  expect_rc 0
  [ "$(jq -r .organisation <<<"$("$STYR" -C k report --format json)")" = "$name" ] ||
    fail "the report names $("$STYR" -C k report --format json | jq -r .organisation)"
  for bad in "" "  " $'Två\nrader' $'Tab\tbar'; do
    styr init "other" --name "$bad"
    expect_rc 2
    expect_err "--name must be the organisation's name, on one line"
    [ ! -e other ] || fail "a repository was made for the name \"$bad\""
  done
}

test_init_refuses_a_folder_that_is_not_empty() {
  mkdir full && touch full/x
  styr init full
  expect_rc 3
  expect_err "not empty"
  [ "$(ls full)" = x ] || fail "the folder was changed"
}

test_new_document_has_every_required_field_and_heading() {
  styr init k >/dev/null
  cd k
  styr new riktlinje --title "Riktlinje för loggning"
  expect_rc 0
  expect_out "policies/riktlinjer/riktlinje-for-loggning.md"
  file=$OUT
  grep -q '^id = "IS-RL-001"$' "$file" || fail "id"
  grep -q '^parent = "IS-POL-001"$' "$file" || fail "parent"
  grep -q '^decided_by = "kommunstyrelsen"$' "$file" || fail "first allowed body"
  grep -q '^## Avvikelser och undantag$' "$file" || fail "headings"
  # Only the empty sections stand between the new document and a clean check.
  styr check
  expect_rc 1
  [ "$(grep -vc 'empty-section' <<<"$OUT")" = 0 ] || fail "other findings than empty sections"
  # Write text under each heading.
  sed -i 's/^## \(.*\)$/## \1\n\nText om \1./' "$file"
  styr check
  expect_rc 0
}

# The repository's template for new documents: a name it misspells is a warning at its place,
# and the document is written all the same; the copy styr init made gives none.
test_new_warns_about_a_name_its_template_misspells() {
  styr init k >/dev/null
  cd k
  [ -f templates/new-document.mustache ] || fail "styr init copied no template for new documents"
  styr new riktlinje --title "Riktlinje för loggning"
  expect_rc 0
  expect_no_err "warning"
  sed -i 's/{{{title}}}/{{{titel}}}/' templates/new-document.mustache
  local line
  line=$(grep -n 'titel' templates/new-document.mustache | cut -d: -f1)
  styr new riktlinje --title "Riktlinje för kryptering"
  expect_rc 0
  expect_err "warning: templates/new-document.mustache:$line:6: unknown name \"titel\", which is always empty; did you mean \"title\"?"
  [ -f "$OUT" ] || fail "the document was not written"
}

test_new_writes_a_title_with_markup_characters_as_its_heading() {
  styr init k >/dev/null
  cd k
  styr new riktlinje --title 'Riktlinje för *kritiska* system, <och> [x] & drift_1 &amp; #'
  expect_rc 0
  file=$OUT
  sed -i 's/^## \(.*\)$/## \1\n\nText om \1./' "$file"
  styr check
  expect_rc 0
  expect_no_out "title-mismatch"
  local heading='# Riktlinje för \*kritiska\* system, \<och> \[x\] & drift\_1 \&amp; \#'  # "#" would close it
  grep -qF "$heading" "$file" || fail "heading: $(grep '^# ' "$file")"
}

test_init_has_an_approver_for_every_body_that_may_decide() {
  styr init k >/dev/null
  cd k
  "$STYR" check --print-schema >schema.toml
  python3 - <<'PY' || fail "a body has no approver in the new repository"
import sys, tomllib
schema = tomllib.load(open("schema.toml", "rb"))
held = {b for a in tomllib.load(open("approvers.toml", "rb"))["approver"] for b in a["bodies"]}
missing = {b for t in schema["types"].values() for b in t.get("decided_by", [])} - held
print(sorted(missing)) if missing else None
sys.exit(1 if missing else 0)
PY
}

test_new_picks_the_next_free_id() {
  styr init k >/dev/null
  cd k
  styr new riktlinje --title A >/dev/null
  styr new riktlinje --title B
  grep -q '^id = "IS-RL-002"$' "$OUT" || fail "next id"
  styr new riktlinje --title C --id IS-RL-010
  grep -q '^id = "IS-RL-010"$' "$OUT" || fail "given id"
  styr new riktlinje --title D --id IS-RL-002
  expect_rc 2
  expect_err "already used"
}

test_new_refuses_bad_input() {
  styr init k >/dev/null
  cd k
  styr new strategi --title X
  expect_rc 2
  expect_err "is not a document type"
  styr new rutin --title X --parent IS-POL-001
  expect_rc 2
  expect_err "a rutin has a parent of type riktlinje"
  styr new rutin --title X
  expect_rc 2
  expect_err "there is none yet"
  styr new riktlinje
  expect_rc 2
}

test_new_never_overwrites() {
  styr init k >/dev/null
  cd k
  styr new riktlinje --title "Samma" >/dev/null
  styr new riktlinje --title "Samma"
  expect_rc 0
  expect_out "samma-2.md"
}

test_diff_since_the_last_approval() {
  make_repo r && cd r
  decide beslut/a IS-POL-001
  sed -i 's/Hela kommunen./Hela kommunen och de kommunala bolagen./' policies/policy.md
  styr diff IS-POL-001
  expect_rc 0
  expect_out "--- IS-POL-001 version 1 (beslut/a"
  expect_out "Hela kommunen{+ och de kommunala bolagen+}."
}

test_diff_between_two_approved_versions() {
  make_repo r && cd r
  decide beslut/a --date 2026-01-10T10:00:00+01:00 IS-POL-001
  sed -i 's/Årligen./Varje halvår./' policies/policy.md && commit_all
  decide beslut/b --date 2026-02-10T10:00:00+01:00 IS-POL-001
  styr diff IS-POL-001 --from beslut/a --to beslut/b
  expect_rc 0
  expect_out "[-Årligen.-]"
  expect_out "{+Varje halvår.+}"
  styr diff IS-POL-001 --from beslut/b
  expect_out "(no changes)"
  styr diff IS-POL-001 --from no-such-tag
  expect_rc 2
  # Versions by number, as styr log and the site count them.
  styr diff IS-POL-001 --from 1 --to 2
  expect_rc 0
  expect_out "--- IS-POL-001 version 1 (beslut/a, 2026-01-10)"
  expect_out "{+Varje halvår.+}"
  styr diff IS-POL-001 --from 3
  expect_rc 2
  expect_err "IS-POL-001 has no approved version 3"
}
