#!/usr/bin/env bash
# A weekly brief for cron, from a project made with `briefing init desk/`:
#   0 6 * * 1  cd /path/to/desk && ./weekly.sh >>weekly.log 2>&1
# It briefs last ISO week's sources into the output pattern of brief.toml, compared with the
# previous week's brief found in the output folder. Rerunning a week gives the same bytes.
# Exit codes (see `briefing --help`): 0 ok, 1 ok but some sources skipped, 2 usage/config,
# 3 no usable sources, 4 output not written.
set -u
CONFIG=${CONFIG:-brief.toml}
WEEK=${WEEK:-$(date -d "7 days ago" +%G-W%V)}
briefing make --config "$CONFIG" --week "$WEEK" --quiet
rc=$?
if [ $rc -gt 1 ]; then
  echo "weekly brief $WEEK failed (exit $rc)" >&2
fi
exit $rc
