repo_init
decide beslut/2026-03-01-kf --by maria IS-POL-001
decide beslut/2026-03-20-kd --by "Anna Berg <Anna.Berg@Korpuskommun.se>" --trailer Approves IS-RL-100
