# Anna Berg decides for kommundirektören; the riktlinje is decided by kommunstyrelsen.
repo_init
decide beslut/2026-03-20-kd --by anna IS-RL-100
