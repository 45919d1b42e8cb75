repo_init
decide beslut/2026-03-01-kf --by maria IS-POL-001
decide beslut/2026-03-15-ks --by "Sara Lind <sara.lind@korpuskommun.se>" IS-RL-100
