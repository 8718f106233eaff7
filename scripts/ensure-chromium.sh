#!/usr/bin/env bash
# The preview/render tests drive Debian's Chromium (playwright-core, no browser download).
# Installs it when missing and we are root; otherwise says what to do and fails.
set -euo pipefail
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "[ensure-chromium] apt-get install chromium" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "[ensure-chromium] Chromium is missing: run as root 'apt-get install chromium' (or set CHROMIUM=/path/to/chromium)" >&2
  exit 1
fi
