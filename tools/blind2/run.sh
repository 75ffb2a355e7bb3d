#!/bin/sh
# Import every blind2 fixture (with its .args) and score it: sh tools/blind2/run.sh [BIN] [OUTDIR]
set -u
BIN=${1:-/work/wt/planlint-main-bin}
OUT=${2:-/tmp/blind2-out}
HERE=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$OUT"
rm -f "$OUT"/*.toml
for f in "$HERE"/tests/data/layouts/unseen2/*.docx "$HERE"/tests/data/layouts/unseen2/*.xlsx \
         "$HERE"/tests/data/layouts/unseen2/*.ods "$HERE"/tests/data/layouts/unseen2/*.csv; do
  [ -e "$f" ] || continue
  n=$(basename "${f%.*}")
  a="${f%.*}.args"
  if [ -f "$a" ]; then
    tr '\n' '\0' < "$a" | xargs -0 "$BIN" import "$f" -o "$OUT/$n.toml" --force > /dev/null 2> "$OUT/$n.log"
  else
    "$BIN" import "$f" -o "$OUT/$n.toml" --force > /dev/null 2> "$OUT/$n.log"
  fi
  echo "$n: exit $?"
done
python3 "$HERE/tools/blind2/score.py" "$OUT" -v
