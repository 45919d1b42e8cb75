repo_init
decide ks-2026-03-15 IS-RL-100
