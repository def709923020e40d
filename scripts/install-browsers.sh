#!/usr/bin/env bash
# Installs the three browser engines the engine smoke suite (tests/engines/) drives, on Debian 12.
# Idempotent: checks each package first and only runs `apt-get update` + install when something is
# missing. `--no-install-recommends` matters: with recommends webkit2gtk-driver pulls ~550 MB.
#   chromium            -> driven by playwright-core (Playwright's own browser downloads fail here)
#   firefox-esr         -> driven by puppeteer-core over WebDriver BiDi
#   webkit2gtk-driver   -> WebKitWebDriver, driven by selenium-webdriver
#   gir1.2-webkit2-4.1, python3-gi -> tests/engines/webkit-launcher.py (a browser that keeps a profile)
#   xvfb, xauth         -> WebKitGTK needs an X display even for automation
set -euo pipefail

packages=(chromium firefox-esr webkit2gtk-driver gir1.2-webkit2-4.1 python3-gi xvfb xauth)

start=$(date +%s)
missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-browsers: all present (${packages[*]})"
  exit 0
fi

sudo=''
if [ "$(id -u)" -ne 0 ]; then sudo='sudo'; fi

echo "install-browsers: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for pkg in "${missing[@]}"; do
  echo "  $pkg $(dpkg-query -W -f='${Version}' "$pkg")"
done
echo "install-browsers: done in $(( $(date +%s) - start ))s"
