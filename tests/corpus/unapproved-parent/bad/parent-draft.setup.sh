repo_init
decide beslut/2026-03-15-ks IS-RL-100
