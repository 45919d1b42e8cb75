# The decision is rejected for IS-RL-001 only; the case's own approval stands.
repo_init
decide beslut/2026-03-01-kf --by maria IS-POL-001
decide beslut/2026-03-20-kd --by anna IS-RL-001 IS-RL-100
