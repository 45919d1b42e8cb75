# The command line itself: help, version, exit codes, -C, colour.

test_help_lists_every_command() {
  styr help
  expect_rc 0
  for c in check status log diff approve build new init report requirements help; do expect_out "  $c "; done
}

test_command_help_three_ways() {
  styr help check; expect_rc 0; expect_out "usage: styr check"
  styr check --help; expect_rc 0; expect_out "--format FORMAT"
  styr check -h; expect_rc 0; expect_out "--list-rules"
}

test_version() {
  styr --version
  expect_rc 0
  expect_out "styr 0."
}

test_unknown_command_suggests_the_nearest() {
  styr chek
  expect_rc 2
  expect_err "'chek' is not a styr command"
  expect_err "Did you mean 'check'?"
  [ -z "$OUT" ] || fail "nothing on stdout"
}

test_unknown_option_is_a_usage_error() {
  styr check --fromat json
  expect_rc 2
  expect_err "unknown option '--fromat'; did you mean '--format'?"
}

test_no_command_prints_usage_and_fails() {
  styr
  expect_rc 2
  expect_err "usage: styr"
}

test_outside_a_repository_is_an_environment_error() {
  styr check
  expect_rc 3
  expect_err "not a styr repository"
}

test_missing_directory_is_an_environment_error() {
  styr -C does-not-exist check
  expect_rc 3
  expect_err "no such directory"
}

test_invalid_config_is_reported_with_a_position() {
  mkdir repo
  printf '[organisation]\nname = "K"\nlanguage = 5\n' >repo/styr.toml
  styr -C repo check
  expect_rc 3
  expect_err "styr.toml:3:12: error[config]: language must be a string"
}

test_dash_C_finds_the_repository_from_a_subfolder() {
  make_repo repo
  styr -C repo/policies check
  expect_rc 0
  expect_err "0 errors, 0 warnings in 1 document"
}

test_directory_in_its_long_form_and_after_the_command() {
  make_repo repo
  styr --directory=repo/policies check
  expect_rc 0
  styr check -C repo
  expect_rc 2
  expect_err "-C goes before the command, as with git: styr -C DIR check"
}

test_check_of_a_file_that_does_not_exist_is_a_usage_error() {
  make_repo repo
  styr -C repo check policies/polcy.md
  expect_rc 2
  expect_err "policies/polcy.md: no such file"
  styr -C repo check policies/policy.md
  expect_rc 0
}

# A folder names the documents under it: a unit's own documents, checked alone.
test_check_of_a_folder_checks_the_documents_under_it() {
  make_repo repo && cd repo
  mkdir -p policies/riktlinjer
  write_riktlinje policies/riktlinjer/backup.md
  sed -i 's/^## Syfte$/## Avsikt/' policies/riktlinjer/backup.md
  styr check policies/riktlinjer
  expect_rc 1
  expect_out "policies/riktlinjer/backup.md:"
  expect_no_out "policies/policy.md"
  expect_err "in 1 document"
  local rc=0
  (cd policies && "$STYR" check riktlinjer/ >/dev/null 2>&1) || rc=$?
  [ "$rc" = 1 ] || fail "a folder named from policies/ gave exit $rc"
  styr check .
  expect_rc 1
  expect_err "in 2 documents"
  mkdir anteckningar
  styr check anteckningar
  expect_rc 0
  expect_err "warning: anteckningar/ has no document under policies/; not checked"
}

test_no_color_when_not_a_terminal() {
  make_repo repo
  printf 'x' >>repo/policies/policy.md
  styr -C repo check
  expect_rc 0
  if grep -q $'\x1b\[' <<<"$OUT$ERR"; then fail "colour codes in redirected output"; fi
}

# A file without an id cannot be approved or counted: status says where it is, and lists and
# counts only documents, as the report does.
test_status_leaves_out_a_file_without_an_id_and_says_where_it_is() {
  make_repo repo && cd repo
  printf '# Bara markdown\n' >policies/anteckning.md
  styr status
  expect_rc 0
  expect_err "policies/anteckning.md:1:1: warning[front-matter-missing]"
  expect_err "styr status: 1 document: 0 approved, 0 changed, 1 draft"
  [ "$(grep -vc '^ID ' <<<"$OUT")" = 1 ] || fail "the table has a row for the file: $OUT"
  styr status --format json
  [ "$(json 'length')" = 1 ] && [ "$(json '.[0].id')" = IS-POL-001 ] || fail "the JSON lists the file: $OUT"
  [ "$("$STYR" report --format json | jq -r '.counts | add')" = 1 ] || fail "report and status count differently"
}

test_status_outside_git_is_an_environment_error() {
  mkdir repo
  printf '[organisation]\nname = "K"\n' >repo/styr.toml
  styr -C repo status
  expect_rc 3
  expect_err "not in a git repository"
}

# A misspelt documents folder would list nothing and pass: check fails at the setting, and
# status says why its table is empty.
test_a_documents_folder_that_does_not_exist_is_reported() {
  make_repo repo && cd repo
  printf '\n[paths]\ndocuments = "styrdokument"\n' >>styr.toml
  styr check
  expect_rc 1
  expect_out "styr.toml:$(grep -c '' styr.toml):13: error[config]: the documents folder \"styrdokument\" does not exist"
  styr status
  expect_rc 0
  expect_err 'warning: the documents folder "styrdokument" does not exist (paths.documents in styr.toml)'
}

test_check_keeps_loaded_documents_and_finds_the_same_from_them() {
  make_repo repo
  # A finding from loading the Markdown (a missing section) and one from the front matter.
  sed -i 's/^## Syfte$/## Avsikt/; s/^owner = .*/owner = 5/' repo/policies/policy.md
  styr -C repo check --format json
  expect_rc 1
  local first=$OUT
  ls repo/.styr-cache/site/document/*.pack >/dev/null 2>&1 || fail "check kept no loaded documents"
  [ "$(cat repo/.styr-cache/.gitignore | tail -1)" = "*" ] || fail "the cache is not kept out of git"
  (cd repo && g status --porcelain | grep -q styr-cache) && fail "git sees the cache"
  styr -C repo check --format json
  expect_rc 1
  [ "$OUT" = "$first" ] || fail "the cached documents gave other findings: $first"
  # An edit is loaded anew.
  sed -i 's/^## Avsikt$/## Syfte/' repo/policies/policy.md
  styr -C repo check --format json
  [ "$OUT" != "$first" ] || fail "the edit was not seen"
  expect_no_out "Syfte"
}

# Fails unless the last run of styr (WHAT) wrote and exited as `styr CMD...` does with no cache.
expect_same_as_cold() { # expect_same_as_cold WHAT CMD...
  local out=$OUT rc=$RC what=$1
  shift
  mv .styr-cache ../cache-aside
  styr "$@"
  rm -rf .styr-cache && mv ../cache-aside .styr-cache
  [ "$RC" = "$rc" ] && [ "$OUT" = "$out" ] ||
    fail "$what from the cache differs from a cold $what after the edits$done_edits: exit $rc, not $RC"
}

# check and status keep documents in the cache by blob, and name an unchanged file's blob by
# its size, times and inode: after each of thirty edits, mostly made within the second of the
# last run, both must find what they find with no cache. The edits come from a fixed seed
# (STYR_TEST_SEED overrides it); a failure names them.
test_check_and_status_after_a_series_of_edits_equal_a_cold_run() {
  make_repo r && cd r
  write_riktlinje policies/riktlinjer/backup.md
  write_riktlinje policies/riktlinjer/loggning.md IS-RL-002 "Riktlinje för loggning"
  commit_all
  decide beslut/2026-02-01-kf --date 2026-02-01T10:00:00+01:00 IS-POL-001 IS-RL-001 IS-RL-002
  RANDOM=${STYR_TEST_SEED:-20261201}
  local step done_edits="" next=3
  for step in $(seq 1 30); do
    local files id other file other_file edit
    mapfile -t files < <(find policies -name '*.md' | sort)
    file=${files[RANDOM % ${#files[@]}]} other_file=${files[RANDOM % ${#files[@]}]}
    id=$(sed -n 's/^id = "\(.*\)"/\1/p' "$file") other=$(sed -n 's/^id = "\(.*\)"/\1/p' "$other_file")
    edit=$((RANDOM % 14))
    case $edit in
      0) sed -i "s/^title = \"\(.*\)\"/title = \"\1 $step\"/" "$file" ;;  # the heading no longer matches
      1) printf '\nSe [%s](%s) och [saknad](saknad-%d.md).\n' "$other" \
           "$(realpath --relative-to="$(dirname "$file")" "$other_file")" "$step" >>"$file" ;;
      2) set_field "$file" related "[\"$other\", \"IS-RL-9$step\"]" ;;
      3) sed -i 's/^## Syfte$/## Avsikt/; t; s/^## Avsikt$/## Syfte/' "$file" ;;
      4) set_field "$file" review_interval_months "$([ $((RANDOM % 2)) = 0 ] && echo '"tolv"' || echo 12)" ;;
      5) [[ $id == IS-POL-* ]] || sed -i "s/^| ${id}-K1 .*/&\n| ${other}-K1 | Steg $step. | ska |/" "$file" ;;
      6) sed -i "s/^owner = .*/owner = \"$([ $((RANDOM % 2)) = 0 ] && echo IT-chef || echo okänd roll)\"/" "$file" ;;
      7) mv "$file" "$(dirname "$file")/flyttad-$step.md" ;;
      8) write_riktlinje "policies/riktlinjer/ny-$step.md" "IS-RL-00$next" "Riktlinje nummer $next"
         next=$((next + 1)) ;;
      9) [ "${#files[@]}" -lt 3 ] || rm "$file" ;;
      10) sed -i "s/^id = \"$id\"/id = \"$other\"/" "$file" ;;  # a duplicate id, unless the same file
      11) commit_all "Steg $step" ;;
      12) commit_all "Steg $step" && decide "beslut/steg-$step" --date "2026-03-$(printf '%02d' "$step")T10:00:00+01:00" "$id" ;;
      13) g checkout -q -- . 2>/dev/null; g clean -qfd policies ;;  # every edit since the last commit undone
    esac
    done_edits+=" $step:$edit:$id"
    styr check --format json
    expect_same_as_cold check check --format json
    styr status --format json
    expect_same_as_cold status status --format json
  done
}
