#!/usr/bin/env bash
# A weekly brief for cron: every Monday at 06:00, brief last week's sources into out/.
#   0 6 * * 1  cd /path/to/desk && ./weekly.sh >>weekly.log 2>&1
# Exit codes (see `briefing --help`): 0 ok, 1 ok but some sources skipped, 2 usage/config,
# 3 no usable sources, 4 output not written.
set -u
SOURCES=${SOURCES:-sources/}
OUT=${OUT:-out/}
WEEK=$(date -d "last monday -7 days" +%G-W%V 2>/dev/null || date +%G-W%V)
DAY=$(date +%F)
briefing make "$SOURCES" --title "Weekly brief $WEEK" --date "$DAY" \
  -f pdf -f docx -f json -o "$OUT/$WEEK/"
rc=$?
if [ $rc -gt 1 ]; then
  echo "weekly brief $WEEK failed (exit $rc)" >&2
fi
exit $rc
