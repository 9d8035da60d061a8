#!/bin/sh
# Sums fuzz/findings/stats.tsv per target: CPU seconds, execs, the latest
# coverage and features, and the files in fuzz/findings/<target>/ that
# are findings (crash-, leak-, timeout-, oom-).
here=$(cd "$(dirname "$0")" && pwd)
f="$here/findings/stats.tsv"
[ -f "$f" ] || { echo "no runs recorded yet ($f)"; exit 0; }
printf '%-10s %9s %12s %6s %7s %s\n' target cpu_s execs cov ft findings
awk -F'\t' '{t[$2]+=$3; e[$2]+=$4; c[$2]=$5; ft[$2]=$6} END {
  for (k in t) printf "%s %d %d %d %d\n", k, t[k], e[k], c[k], ft[k] }' "$f" |
sort | while read -r t s e c ft; do
    n=$(ls "$here/findings/$t" 2>/dev/null | grep -c -E '^(crash|leak|timeout|oom)-')
    printf '%-10s %9s %12s %6s %7s %s\n' "$t" "$s" "$e" "$c" "$ft" "$n"
done
