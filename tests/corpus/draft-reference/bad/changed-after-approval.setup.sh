# The approved document is edited afterwards (status changed): still warned.
repo_init
decide beslut/2026-03-01-kf --by maria IS-POL-001
decide beslut/2026-03-15-ks IS-RL-100
echo "Ändrad efter beslutet." >>"$CASE_PATH"
