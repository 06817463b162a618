#!/usr/bin/env bash
# Benchmark on a large synthetic project, release build.
#   scripts/bench.sh [UNITS] [ROUNDS]      (default 10000 units, 3 rounds, ~300,000 defects)
#   REUSE=1 scripts/bench.sh               (time an already generated project again)
#   ONLY=csv scripts/bench.sh [UNITS]      (only the CSV export against sqlite3 -csv)
# Writes bench-out/ (ignored by git). Needs hyperfine, sqlite3, python3 and tmux
# (apt-get install hyperfine sqlite3 python3 tmux).
set -euo pipefail
cd "$(dirname "$0")/.."
units=${1:-10000}
rounds=${2:-3}
out=bench-out
mkdir -p "$out"
export LANG=C.UTF-8 YANFANG_TODAY=2026-11-23

swift build -c release --scratch-path .build-release --product yanfang >/dev/null
[ "${ONLY:-}" = csv ] || swift build -c release --scratch-path .build-release --product yanfang-bench >/dev/null
bin=.build-release/release/yanfang
bench=.build-release/release/yanfang-bench
db="$out/generated-$units.db"

if [ "${REUSE:-0}" = 1 ] && [ -f "$db" ]; then
    echo "== reusing $db"
else
    echo "== generate $units units, $rounds rounds"
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -f "generate: %e s wall, %M KB max RSS" "$bin" demo --generate --units "$units" --rounds "$rounds" --db "$db" 2>&1 | grep -v '^  round'
fi
ls -l "$db" | awk '{printf "database: %.1f MB\n", $5 / 1048576}'
echo "defects: $("$bin" --db "$db" board --json | python3 -c 'import json,sys; t = json.load(sys.stdin)["totals"]; print(t["open"] + t["rectified"] + t["closed"] + t["waived"])')"

contractor=铝合金门窗承包有限公司
echo "== the CSV export against sqlite3 -csv: the same rows and columns from the same file (hyperfine)"
sed "s/:contractor/$contractor/" scripts/rectification-list.sql > "$out/rectification-list.sql"
hyperfine --warmup 2 --runs 10 --export-json "$out/csv.json" --export-markdown "$out/csv.md" \
    "$bin --db $db export rectification --contractor $contractor --format csv --out $out/list.csv" \
    "sqlite3 -csv -header $db < $out/rectification-list.sql > $out/list-sqlite.csv"
python3 - "$out/csv.json" "$out/list.csv" "$out/list-sqlite.csv" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
ours, theirs = results[0]["mean"], results[1]["mean"]
rows = [open(path, encoding="utf-8-sig", newline="").read().rstrip("\r\n").count("\n") for path in sys.argv[2:]]
print(f"rows (without the header): yanfang {rows[0]}, sqlite3 {rows[1]}")
print(f"yanfang export csv {ours * 1000:.0f} ms, sqlite3 -csv {theirs * 1000:.0f} ms: {ours / theirs:.2f}x (wall clock)")
# On a shared machine the processor time of each (user + system) moves less than the wall clock.
cpu = [r["user"] + r["system"] for r in results]
print(f"processor time: yanfang {cpu[0] * 1000:.0f} ms, sqlite3 {cpu[1] * 1000:.0f} ms: {cpu[0] / cpu[1]:.2f}x")
PY
[ "${ONLY:-}" = csv ] && exit 0

echo "== whole processes (hyperfine)"
hyperfine --warmup 2 --runs 10 --export-markdown "$out/cli.md" \
    "$bin --db $db board --json" \
    "$bin --db $db penalties --json" \
    "$bin --db $db export rectification --contractor $contractor --format html --out $out/list.html" \
    "$bin --db $db report --round $rounds --format html --out $out/report.html"
hyperfine --runs 5 --export-markdown "$out/round-open.md" \
    --prepare "cp $db $out/work.db; rm -f $out/work.db-wal $out/work.db-shm" \
    "$bin --db $out/work.db round open --date 2026-11-23"

echo "== interface keystrokes (in-memory terminal, on a copy with round $((rounds + 1)) open)"
cp "$db" "$out/work.db"; rm -f "$out/work.db-wal" "$out/work.db-shm"
"$bench" "$out/work.db" 200 | tee "$out/keys.txt"

echo "== start-up to the first screen in tmux (100x30)"
for i in 1 2 3 4 5; do
    tmux -L bench kill-session -t s 2>/dev/null || true
    start=$(date +%s%N)
    tmux -L bench new-session -d -s s -x 100 -y 30 "env LANG=C.UTF-8 TERM=xterm-256color $bin --db $out/work.db"
    until tmux -L bench capture-pane -p -t s 2>/dev/null | grep -q "验房\|yanfang ·"; do sleep 0.005; done
    end=$(date +%s%N)
    echo "start-up run $i: $(( (end - start) / 1000000 )) ms"
    tmux -L bench kill-session -t s
done | tee "$out/startup.txt"
