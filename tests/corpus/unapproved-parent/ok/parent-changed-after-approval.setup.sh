# The parent is edited after its approval: changed, not a draft.
repo_init
decide beslut/2026-03-01-kf --by maria IS-POL-001
decide beslut/2026-03-15-ks IS-RL-100
sed -i 's/Efterlevnaden följs upp årligen/Efterlevnaden följs upp varje halvår/' policies/base/informationssakerhetspolicy.md
