# Faults (PRODUCT.md §6, §8): a build that is killed, races another build, cannot write or
# runs out of space leaves the previous site whole; an approval that fails or is killed
# leaves no tag; the reading commands never modify the repository.

# Every file of a folder with its checksum, paths relative to it.
tree_digest() {
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha1sum)
}

# A repository with 120 approved riktlinjer, so that a build takes a while.
many_documents_repo() {
  make_repo r && cd r || exit 1
  local i ids=()
  for i in $(seq -w 1 120); do
    write_riktlinje "policies/riktlinjer/rl-$i.md" "IS-RL-$i" "Riktlinje nummer $i"
    ids+=("IS-RL-$i")
  done
  commit_all "Riktlinjer"
  decide beslut/2026-01-10-ks --date 2026-01-10T10:00:00+01:00 IS-POL-001 "${ids[@]}"
}

# Nothing beside the output folder but the site itself: no staging folder, no lock.
expect_no_leftovers() { # expect_no_leftovers DIR NAME...: DIR holds only r and these
  local dir=$1 left
  shift
  left=$(ls -A "$dir" | grep -v -x -F -e r $(printf -- '-e %s ' "$@") | grep -v -x -e 'err[0-9]*' || true)
  [ -z "$left" ] || fail "left beside the site: $left"
}

# Starts a build of ../site and kills it after MS milliseconds.
killed_build() { # killed_build MS
  local pid
  "$STYR" build --out ../site 2>/dev/null &
  pid=$!
  sleep "0.$(printf '%03d' "$1")"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

# Runs a command without the privileges that let root write anywhere, so that permissions
# hold for the test whoever runs it.
unprivileged() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --bounding-set=-dac_override,-dac_read_search,-fowner,-linux_immutable "$@"
  else
    "$@"
  fi
}

test_fault_killed_build_leaves_the_previous_site() {
  many_documents_repo
  styr build --out ../site
  expect_rc 0
  local old new ms digest
  old=$(tree_digest ../site)
  cp -a ../site ../old-site
  # A new decision changes the site, so an old and a new site can be told apart.
  sed -i 's/Årligen./Varje halvår./' policies/riktlinjer/rl-001.md && commit_all
  decide beslut/2026-02-01-ks --date 2026-02-01T10:00:00+01:00 IS-RL-001
  styr build --out ../reference
  expect_rc 0
  new=$(tree_digest ../reference)
  [ "$old" != "$new" ] || fail "the new decision did not change the site"
  for ms in 5 20 50 100 200 400 800; do
    rm -rf .styr-cache
    killed_build "$ms"
    digest=$(tree_digest ../site)
    if [ "$digest" != "$old" ] && [ "$digest" != "$new" ]; then
      fail "after a kill at $ms ms the site is neither the old one nor the new one"
    fi
    # Once the new site is in, start again from the old one.
    if [ "$digest" = "$new" ]; then
      rm -rf ../site && cp -a ../old-site ../site
    fi
  done
  styr build --out ../site
  expect_rc 0
  [ "$(tree_digest ../site)" = "$new" ] || fail "a build after the kills differs from a clean one"
  expect_no_leftovers .. site old-site reference
}

test_fault_two_builds_at_once_take_turns() {
  many_documents_repo
  styr build --out ../reference
  expect_rc 0
  local ref pid1 pid2 rc1 rc2
  ref=$(tree_digest ../reference)
  rm -rf .styr-cache
  "$STYR" build --out ../site 2>../err1 &
  pid1=$!
  "$STYR" build --out ../site 2>../err2 &
  pid2=$!
  wait "$pid1"; rc1=$?
  wait "$pid2"; rc2=$?
  ERR=$(cat ../err1 ../err2)
  [ "$rc1" -eq 0 ] && [ "$rc2" -eq 0 ] || fail "exit codes $rc1 and $rc2"
  [ "$(grep -c '^styr build: 121 documents' <<<"$ERR")" -eq 2 ] || fail "both builds should finish"
  [ "$(tree_digest ../site)" = "$ref" ] || fail "the site after two builds at once is not the complete site"
  expect_no_leftovers .. site reference
  # A build that finds the lock taken says so and waits; it does not fail or write beside it.
  exec 9>../.site.lock
  flock 9
  "$STYR" build --out ../site 2>../err3 9>&- &
  pid1=$!
  local i
  for i in $(seq 1 200); do
    grep -q "another build is writing the site; waiting" ../err3 && break
    sleep 0.05
  done
  grep -q "another build is writing the site; waiting for it to finish" ../err3 || fail "no word about waiting"
  kill -0 "$pid1" 2>/dev/null || fail "the build did not wait for the lock"
  exec 9>&-
  wait "$pid1" || fail "the waiting build failed: $(cat ../err3)"
  [ "$(tree_digest ../site)" = "$ref" ] || fail "the site after waiting is not the complete site"
}

test_fault_unwritable_output_folder() {
  many_documents_repo
  mkdir ../sites
  styr build --out ../sites/site
  expect_rc 0
  local old
  old=$(tree_digest ../sites/site)
  sed -i 's/Årligen./Varje halvår./' policies/riktlinjer/rl-001.md && commit_all
  decide beslut/2026-02-01-ks --date 2026-02-01T10:00:00+01:00 IS-RL-001
  chmod 555 ../sites
  RC=0
  OUT=$(unprivileged "$STYR" build --out ../sites/site 2>../err) || RC=$?
  ERR=$(cat ../err)
  chmod 755 ../sites
  expect_rc 3
  expect_err "Permission denied"
  expect_err "styr build: error: cannot create the lock file"
  [ "$(tree_digest ../sites/site)" = "$old" ] || fail "the old site was touched"
  expect_no_leftovers ../sites site
  # The site itself read-only: the new one cannot replace it either way.
  chmod -R a-w ../sites/site
  RC=0
  OUT=$(unprivileged "$STYR" build --out ../sites/site 2>../err) || RC=$?
  ERR=$(cat ../err)
  chmod -R u+w ../sites/site
  [ "$RC" -eq 0 ] || [ "$RC" -eq 3 ] || fail "exit code $RC"
  if [ "$RC" -eq 3 ]; then
    [ "$(tree_digest ../sites/site)" = "$old" ] || fail "a failed build changed the site"
  else
    [ "$(tree_digest ../sites/site)" != "$old" ] || fail "a successful build left the old site"
    # What could not be removed is said, not left behind silently.
    if [ -n "$(ls -A ../sites | grep -v -x -e site -e 'err[0-9]*')" ]; then
      expect_err "the previous one could not be removed from"
    fi
  fi
}

# The build after next updates the replaced site (kept in .styr-cache/) in place: killed
# while doing so, it must still leave the live site whole, and the next build must be right.
test_fault_killed_build_while_updating_the_kept_site() {
  many_documents_repo
  styr build --out ../site
  styr build --out ../site
  expect_rc 0
  local old new ms digest round=0
  old=$(tree_digest ../site)
  sed -i 's/Årligen./Varje halvår./' policies/riktlinjer/rl-001.md && commit_all
  decide beslut/2026-02-01-ks --date 2026-02-01T10:00:00+01:00 IS-RL-001
  for ms in 5 20 50 100 200 400 800; do
    rm -rf ../expected
    styr build --out ../expected
    expect_rc 0
    new=$(tree_digest ../expected)
    killed_build "$ms"
    digest=$(tree_digest ../site)
    if [ "$digest" != "$old" ] && [ "$digest" != "$new" ]; then
      fail "after a kill at $ms ms the site is neither the old one nor the new one"
    fi
    if [ "$digest" = "$new" ]; then
      # The new site went in: the next round starts from it, with another decision.
      round=$((round + 1))
      old=$new
      decide "beslut/2026-02-1$round-ks" --date "2026-02-1${round}T10:00:00+01:00" IS-RL-001
    fi
  done
  styr build --out ../site
  expect_rc 0
  mv .styr-cache ../cache
  rm -rf ../expected
  styr build --out ../expected
  expect_rc 0
  [ "$(tree_digest ../site)" = "$(tree_digest ../expected)" ] || fail "a build after the kills differs from a cold one"
  expect_no_leftovers .. site expected cache
}

# Bytes damaged inside the cache's packs (a bad disk, a stray write) must never reach the
# site: the damaged entries are made anew, and the site is the cold build's.
test_fault_damaged_cache_gives_the_cold_build() {
  many_documents_repo
  styr build --out ../site
  expect_rc 0
  local pack size
  for pack in .styr-cache/site/*/*.pack; do
    size=$(stat -c %s "$pack")
    printf ZZZZZZZZ | dd of="$pack" bs=1 seek=$((size / 2)) conv=notrunc status=none
  done
  # The next build recycles the site it replaced: change nothing, build twice.
  styr build --out ../site
  expect_rc 0
  styr build --out ../site
  expect_rc 0
  ! grep -rq ZZZZZZZZ ../site || fail "damaged cache bytes were published: $(grep -rl ZZZZZZZZ ../site | head -3)"
  mv .styr-cache ../cache
  rm -rf ../expected
  styr build --out ../expected
  expect_rc 0
  [ "$(tree_digest ../site)" = "$(tree_digest ../expected)" ] \
    || fail "a build from a damaged cache differs from a cold one"
}

test_fault_full_disk_leaves_the_previous_site() {
  many_documents_repo
  styr build --out ../site
  expect_rc 0
  local old
  old=$(tree_digest ../site)
  sed -i 's/Årligen./Varje halvår./' policies/riktlinjer/rl-001.md && commit_all
  decide beslut/2026-02-01-ks --date 2026-02-01T10:00:00+01:00 IS-RL-001
  rm -rf .styr-cache
  # Files may grow to 64 KiB only, as on a disk that fills up; the write fails with EFBIG.
  RC=0
  OUT=$( (trap '' XFSZ; ulimit -f 64; exec timeout 60 "$STYR" build --out ../site) 2>../err) || RC=$?
  ERR=$(cat ../err)
  expect_rc 3
  expect_err "cannot write"
  [ "$(tree_digest ../site)" = "$old" ] || fail "the old site was touched"
  expect_no_leftovers .. site
  styr build --out ../site
  expect_rc 0
  [ "$(tree_digest ../site)" != "$old" ] || fail "the next build did not publish the decision"
}

# A signing program that fails, as a broken gpg or ssh-agent would.
test_fault_approve_with_a_failing_signer_makes_no_tag() {
  make_repo r && cd r || exit 1
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek"
  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=gpg.program GIT_CONFIG_VALUE_0=false
  styr approve --decision "KF 2026-03-15 § 7" --sign IS-POL-001
  expect_rc 3
  expect_err "git tag failed"
  [ -z "$(g tag)" ] || fail "a failed signature left a tag: $(g tag)"
  [ -z "$(find .git/refs/tags -type f)" ] || fail "a ref was left: $(find .git/refs/tags -type f)"
  ! find .git -name '*.lock' | grep -q . || fail "a lock was left: $(find .git -name '*.lock')"
  expect_field IS-POL-001 status draft
  # An SSH key that does not exist.
  export GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=gpg.format GIT_CONFIG_VALUE_0=ssh \
    GIT_CONFIG_KEY_1=user.signingkey GIT_CONFIG_VALUE_1="$TEST_DIR/no-such-key"
  styr approve --decision "KF 2026-03-15 § 7" --sign IS-POL-001
  expect_rc 3
  expect_err "no-such-key"
  [ -z "$(g tag)" ] || fail "a failed signature left a tag: $(g tag)"
  # The next approval goes through.
  unset GIT_CONFIG_COUNT GIT_CONFIG_KEY_0 GIT_CONFIG_VALUE_0 GIT_CONFIG_KEY_1 GIT_CONFIG_VALUE_1
  styr approve --decision "KF 2026-03-15 § 7" IS-POL-001
  expect_rc 0
  expect_field IS-POL-001 status approved
}

test_fault_approve_killed_while_signing_makes_no_tag() {
  make_repo r && cd r || exit 1
  export GIT_COMMITTER_EMAIL=kf@exempelkommun.se GIT_COMMITTER_NAME="Karin Ek"
  cat >"$TEST_DIR/slow-signer" <<SH
#!/bin/sh
touch "$TEST_DIR/signing"
exec sleep 60
SH
  chmod +x "$TEST_DIR/slow-signer"
  GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=gpg.program GIT_CONFIG_VALUE_0="$TEST_DIR/slow-signer" \
    setsid "$STYR" approve --decision "KF 1" --sign IS-POL-001 >/dev/null 2>&1 &
  local pid=$! i
  for i in $(seq 1 600); do
    [ -e "$TEST_DIR/signing" ] && break
    sleep 0.05
  done
  [ -e "$TEST_DIR/signing" ] || fail "the signer never started"
  # The whole job dies at once, as on a power cut or a closed terminal.
  kill -KILL -- "-$pid"
  wait "$pid" 2>/dev/null
  [ -z "$(g tag)" ] || fail "a killed approval left a tag: $(g tag)"
  ! find .git -name '*.lock' | grep -q . || fail "a lock was left: $(find .git -name '*.lock')"
  styr approve --decision "KF 1" IS-POL-001
  expect_rc 0
  expect_field IS-POL-001 status approved
}

# Everything git and the work tree hold, with modes, sizes and times: any write shows.
repository_state() {
  find . -mindepth 1 \( -path ./_site -o -path ./.styr-cache \) -prune -o -print0 | LC_ALL=C sort -z \
    | xargs -0 stat -c '%n %F %a %s %.9Y' 
  find . \( -path ./_site -o -path ./.styr-cache \) -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha1sum
  GIT_OPTIONAL_LOCKS=0 git status --porcelain --ignored
}

test_fault_reading_commands_never_modify_the_repository() {
  make_repo r && cd r || exit 1
  write_riktlinje policies/riktlinjer/backup.md && commit_all
  decide beslut/2026-01-10-kf --date 2026-01-10T10:00:00+01:00 IS-POL-001
  # An uncommitted edit, a draft, and a build's output and cache already in place.
  sed -i 's/Årligen./Varje halvår./' policies/policy.md
  write_riktlinje policies/riktlinjer/ny.md IS-RL-002 "Ny riktlinje"
  styr build
  expect_rc 0
  local before after cmd
  before=$(repository_state)
  for cmd in "check" "check --format json" "check --format sarif" "check policies/policy.md" \
    "status" "status --format json" "status --rev beslut/2026-01-10-kf" "log IS-POL-001" "diff IS-POL-001" \
    "report" "report --format json" "report --format html" "requirements" "requirements --format json" \
    "approve --decision X --dry-run" "build" "build --preview" "build --audience public --out ../public"; do
    # shellcheck disable=SC2086
    styr $cmd
    [ "$RC" -le 1 ] || fail "styr $cmd: exit code $RC"
    after=$(repository_state)
    [ "$before" = "$after" ] || fail "styr $cmd modified the repository: $(diff <(echo "$before") <(echo "$after") | head -5)"
  done
}

# Output that cannot be written (a full disk) is an environment error, whatever the command,
# never a success with part of the data lost.
test_output_that_cannot_be_written_is_exit_3() {
  [ -w /dev/full ] || fail "the test needs /dev/full"
  make_repo r && cd r
  decide beslut/a IS-POL-001
  local cmd err rc
  # check writes nothing on a clean repository, but its SARIF always has something.
  for cmd in "status" "status --format json" "log" "diff IS-POL-001" "report" "requirements" \
    "check --format sarif" "help" "--version"; do
    # shellcheck disable=SC2086
    err=$("$STYR" $cmd 2>&1 >/dev/full)
    rc=$?
    [ "$rc" = 3 ] || fail "styr $cmd into a full disk: exit $rc"
    grep -qF "styr: cannot write the output: " <<<"$err" || fail "styr $cmd: $err"
    ! grep -qF "internal error" <<<"$err" || fail "styr $cmd calls it an internal error"
  done
}
