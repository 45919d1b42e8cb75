# The deployment recipes in tools/ci/: the CI files parse and rebuild on decision tags with
# the whole history, and nginx accepts the server block once its placeholders are filled in.
# (tests/browser serves the sample site through the same server block.)

ci_dir() { printf '%s/tools/ci\n' "${STYR_SOURCE_DIR:?STYR_SOURCE_DIR must name the source folder}"; }

# yaml_json FILE: the YAML file as JSON (PyYAML, Debian's python3-yaml), or a failure that says
# what is missing.
yaml_json() {
  python3 -c 'import yaml' 2>/dev/null || fail "python3 with PyYAML is needed to parse $1 (apt-get install python3-yaml)"
  python3 - "$1" <<'PY'
import json, sys, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    data = yaml.safe_load(f)
# YAML 1.1 reads the key `on` as true; GitHub reads it as the word.
if isinstance(data, dict) and True in data:
    data["on"] = data.pop(True)
json.dump(data, sys.stdout)
PY
}

# jq_true JSON FILTER MESSAGE: FILTER must give true for JSON.
jq_true() {
  [ "$(jq -r "$2" <<<"$1")" = true ] || fail "$3"
}

test_gitlab_recipe_builds_on_decision_tags_and_publishes_atomically() {
  local file json
  file=$(ci_dir)/gitlab-ci.yml
  json=$(yaml_json "$file") || fail "$file does not parse as YAML"
  jq_true "$json" '.variables.GIT_DEPTH == "0"' "GIT_DEPTH must be \"0\": styr reads every tag"
  jq_true "$json" '[.site.rules[].if] | any(. == "$CI_COMMIT_TAG =~ /^beslut\\//")' \
    "the site job must run for beslut/* tags"
  jq_true "$json" '[.site.script[] | select(test("styr build"))] | length == 1' "the site job must run styr build"
  jq_true "$json" '.site.artifacts.paths == ["site/"]' "the site job must keep site/ as its artifact"
  jq_true "$json" '.publish.needs == ["site"]' "publish must take the site job's artifact"
  jq_true "$json" '[.publish.script[] | select(test("mv -T current.new current"))] | length == 1' \
    "publish must switch the site in one rename"
  # Each script is valid shell.
  local i n
  n=$(jq '[.site.script, .publish.script] | add | length' <<<"$json")
  for ((i = 0; i < n; i++)); do
    jq -r "[.site.script, .publish.script] | add | .[$i]" <<<"$json" | bash -n ||
      fail "script line $i is not valid shell"
  done
}

test_github_recipe_builds_on_decision_tags_with_the_whole_history() {
  local file json
  file=$(ci_dir)/github-pages.yml
  json=$(yaml_json "$file") || fail "$file does not parse as YAML"
  jq_true "$json" '.on.push.tags == ["beslut/*"]' "the workflow must run on pushed beslut/* tags"
  jq_true "$json" '[.jobs.build.steps[] | select(.uses // "" | startswith("actions/checkout@")) | .with["fetch-depth"]] == [0]' \
    "checkout must fetch the whole history (fetch-depth: 0)"
  jq_true "$json" '[.jobs.build.steps[] | .run // "" | select(test("styr build --audience public"))] | length == 1' \
    "Pages are public: the workflow must build with --audience public"
  jq_true "$json" '[.jobs.deploy.steps[] | .uses // "" | select(startswith("actions/deploy-pages@"))] | length == 1' \
    "the deploy job must publish with actions/deploy-pages"
  jq_true "$json" '.jobs.deploy.permissions == {"pages": "write", "id-token": "write"}' \
    "deploy-pages needs pages: write and id-token: write"
  local i n
  n=$(jq '[.jobs.build.steps[] | .run // empty] | length' <<<"$json")
  for ((i = 0; i < n; i++)); do
    jq -r "[.jobs.build.steps[] | .run // empty] | .[$i]" <<<"$json" | bash -n ||
      fail "run step $i is not valid shell"
  done
}

# The server block filled in as the README says, inside a minimal nginx configuration.
nginx_config() {
  command -v nginx >/dev/null || PATH=$PATH:/usr/sbin:/sbin
  command -v nginx >/dev/null || fail "nginx is needed (tools/install-deps.sh --test installs nginx-light)"
  mkdir -p site
  sed -e "s|@LISTEN@|127.0.0.1:8080|" -e "s|@ROOT@|$TEST_DIR/site|" "$(ci_dir)/nginx.conf" >site.conf
  sed -e "s|@PREFIX@|$TEST_DIR|g" "$STYR_SOURCE_DIR/tests/browser/nginx-test.conf" >nginx.conf
}

test_nginx_accepts_the_server_block() {
  nginx_config
  grep -q '@[A-Z]*@' site.conf nginx.conf && fail "a placeholder was left: $(grep -h '@[A-Z]*@' site.conf nginx.conf)"
  OUT=$(nginx -t -p "$TEST_DIR" -c "$TEST_DIR/nginx.conf" -e stderr 2>&1)
  RC=$?
  expect_rc 0
  expect_out "test is successful"
  expect_no_out "[warn]"
  # What the browser tests rely on, in the file deployments copy.
  local header
  for header in "X-Content-Type-Options \"nosniff\" always" "Content-Security-Policy \"default-src 'self'" \
                "error_page 404 /404.html" "try_files \$uri \$uri/ =404"; do
    grep -qF -- "$header" site.conf || fail "the server block lacks: $header"
  done
}
