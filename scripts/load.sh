#!/usr/bin/env bash
# Load benchmark of the web application (not a test): an office of 10,000
# families in SQLite, caseworkers on the dashboard and the office view, and
# the same server serving a static file as the floor. Loopback only, and
# every phase lasts at least 2 seconds and 2,000 requests (-seconds,
# -requests), so that the floor is measured as long as the pages. The
# database is kept in $REUNITE_LOAD_DIR (default /tmp/reunite-load) so that
# later runs skip the seeding (about a minute or two per 1,000 families on a
# small machine).
#
#   scripts/load.sh                       # the defaults below
#   scripts/load.sh -families 1000 -requests 500 -seconds 0
#   scripts/load.sh -durable-reads        # reads wait for their audit entry
#   scripts/load.sh -turns -1             # pages all at once, not in turns
#   scripts/load.sh -requests 40000 -rounds 5 -phase dashboard
#                                         # medians of 5 rounds, static file first in each
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./scripts/load -dir "${REUNITE_LOAD_DIR:-/tmp/reunite-load}" "$@"
