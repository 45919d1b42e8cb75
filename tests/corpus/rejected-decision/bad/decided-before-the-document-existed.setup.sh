# The decision is tagged on a commit that does not hold the document yet.
repo_init_without_case
decide beslut/2026-03-15-ks IS-RL-100
commit_all "Riktlinje för loggning"
