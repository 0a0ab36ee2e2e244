#!/usr/bin/env bash
# Runs every Burnwatch test: the README's test command. Installs what the tests need when it is
# missing (JDK 17, Maven, InfluxDB's influxd, Prometheus Alertmanager, Chromium, Node.js and npm, and a font
# for the report's charts, on Debian),
# then runs the whole Maven build with its tests.
#
#   scripts/test.sh                 all tests
#   scripts/test.sh -pl core        Maven arguments are passed on
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

apt_updated=0
need() { # need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "scripts/test.sh: '$1' is missing; install the Debian package '$2' (needs root)" >&2
    exit 2
  fi
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  echo "scripts/test.sh: installing $2" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

need java openjdk-17-jdk-headless
need mvn maven
need influxd influxdb            # the real InfluxDB 1.x the tests start (testkit InfluxServer)
need prometheus-alertmanager prometheus-alertmanager  # the real Alertmanager (testkit AlertmanagerServer)
need chromium chromium           # headless, for the status page's screenshot test (testkit HeadlessChromium)
need node nodejs                 # tsc checks the generated Grafana dashboards against @grafana/schema (npm registry)
need npm npm
need fc-list fontconfig          # Java draws the weekly report's charts (JFreeChart) with the system's fonts
if [ -z "$(fc-list 2>/dev/null | head -1)" ]; then
  need_font=1; command -v dpkg >/dev/null && dpkg -s fonts-dejavu-core >/dev/null 2>&1 && need_font=0
  if [ "$need_font" = 1 ]; then
    if [ "$(id -u)" -ne 0 ]; then echo "scripts/test.sh: no fonts; install the Debian package 'fonts-dejavu-core' (needs root)" >&2; exit 2; fi
    if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
    echo "scripts/test.sh: installing fonts-dejavu-core" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null
  fi
fi

java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [ "${java_major%%.*}" -lt 17 ]; then
  echo "scripts/test.sh: Java 17 or newer is needed, found $java_major" >&2
  exit 2
fi

exec mvn -B -ntp verify "$@"
