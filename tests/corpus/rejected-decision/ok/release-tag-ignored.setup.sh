# An ordinary annotated tag (a release) is no decision and no rejection.
repo_init
decide beslut/2026-03-01-kf --by maria IS-POL-001
g tag -a v1.0 -m "Version 1.0 av styrdokumenten"
decide beslut/2026-03-15-ks IS-RL-100
