#!/usr/bin/env bash
# Sets up a fresh Debian machine for Flamelens (Debian packages, the offline ripgrep cache, npm ci); safe to run again, it only adds what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '[setup] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    say "needs root for: $* (run as root or install sudo)" >&2
    exit 1
  fi
}

# Node 20+ runs everything here (code-server 4.100.3 is the last one that runs on Node 20).
if ! command -v node >/dev/null 2>&1; then
  say "Node.js is missing: install Node 20 (e.g. from nodesource or nvm), then run this again." >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  say "Node $(node -v) is too old: Flamelens needs Node 20 or newer." >&2
  exit 1
fi

# chromium: the browser the host tests drive; ripgrep: code-server's search (and the cache below);
# libkrb5-dev + a compiler: code-server's native modules build from source; linux-perf: the local sampler;
# sqlite3: the demo app's database tool.
packages=(libkrb5-dev ripgrep chromium linux-perf sqlite3 g++ make python3)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
  say "Debian packages present: ${packages[*]}"
fi

# @vscode/ripgrep (inside code-server) downloads rg from GitHub in its postinstall unless it finds this
# tarball first; Debian's rg in it makes the install work offline.
cache_dir="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
case "$(uname -m)" in
  x86_64) tarball="$cache_dir/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ;;
  aarch64) tarball="$cache_dir/ripgrep-v13.0.0-10-aarch64-unknown-linux-musl.tar.gz" ;;
  *) tarball="" ;;
esac
if [ -z "$tarball" ]; then
  say "no ripgrep cache for $(uname -m): npm ci will try to download rg from GitHub"
elif [ -s "$tarball" ] && tar -tzf "$tarball" 2>/dev/null | grep -qx 'rg'; then
  say "ripgrep cache present: $tarball"
else
  mkdir -p "$cache_dir"
  tar -czf "$tarball.tmp" -C "$(dirname "$(command -v rg)")" rg
  mv "$tarball.tmp" "$tarball"
  say "ripgrep cache written: $tarball"
fi

# npm ci only when node_modules is missing or older than the lock file (npm writes node_modules/.package-lock.json).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
else
  say "node_modules is up to date with package-lock.json"
fi
say "done"
