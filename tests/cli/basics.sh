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

test_no_color_when_not_a_terminal() {
  make_repo repo
  printf 'x' >>repo/policies/policy.md
  styr -C repo check
  expect_rc 0
  if grep -q $'\x1b\[' <<<"$OUT$ERR"; then fail "colour codes in redirected output"; fi
}

test_status_outside_git_is_an_environment_error() {
  mkdir repo
  printf '[organisation]\nname = "K"\n' >repo/styr.toml
  styr -C repo status
  expect_rc 3
  expect_err "not in a git repository"
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
