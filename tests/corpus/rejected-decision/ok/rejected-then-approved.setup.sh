# A rejected decision is no longer a finding once a later, valid one approves the document
# (styr log keeps both on record).
repo_init
decide beslut/2026-03-01-kf --by maria IS-POL-001
decide beslut/2026-03-10-kd --by anna --date 2026-03-10T10:00:00+01:00 IS-RL-100
decide beslut/2026-03-15-ks --date 2026-03-15T10:00:00+01:00 IS-RL-100
