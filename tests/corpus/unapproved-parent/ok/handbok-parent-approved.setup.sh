repo_init
decide beslut/2026-03-01-kf --by maria IS-POL-001
