#!/usr/bin/env bash
# What the tests look through besides Node: Debian's chromium (browser tests), poppler-utils
# (pdfinfo, pdftoppm, pdftotext for the posters), zbar-tools (zbarimg reads QR codes back),
# fonts-noto-cjk (Chinese in browser screenshots) and fonts-hanazono (rare name characters on
# posters). `npm test` runs this first: what is missing is installed when this machine lets us
# (root and apt-get, as on CI), else one line says what to install, and the tests do not start.
set -uo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || need+=(fonts-noto-cjk)   # no -q: with pipefail, fc-list's SIGPIPE would read as missing
[ -f /usr/share/fonts/truetype/hanazono/HanaMinB.ttf ] || need+=(fonts-hanazono)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "${EUID}" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing the Debian packages the tests need: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; then exit 0; fi
  echo "apt-get install failed (安装失败): ${need[*]}" >&2
  exit 1
fi
echo "测试还需要这些软件，请先安装 (the tests need): sudo apt-get install -y ${need[*]}" >&2
exit 1
