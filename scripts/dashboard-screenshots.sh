#!/usr/bin/env bash
# Take the dashboard's screenshots in headless Chromium (the browser tests save them while they
# drive the real pages) and copy them to docs/images/, where the README and QUICKREF show them.
# Needs /usr/bin/chromium and /usr/bin/chromedriver (Debian: chromium chromium-driver).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf k4s-server/target/dashboard-screenshots
./k4s mvn -B -q -pl k4s-server -am test -Dtest=DashboardBrowserTest -Dsurefire.failIfNoSpecifiedTests=false "$@"
mkdir -p docs/images
for name in overview overview-dark containers deployments container service; do
  install -m 644 "k4s-server/target/dashboard-screenshots/$name.png" "docs/images/dashboard-$name.png"
done
ls -l docs/images/dashboard-*.png
