#!/usr/bin/env bash
# Installs the Debian headers that pip needs to build manim's pycairo and
# manimpango, only when they are missing. Prints one clear line if it cannot.
set -euo pipefail
# espeak-ng: the fallback voice; chromium: the tests open the slides in it; npm: reveal.js;
# poppler-utils: the tests read the handout PDF back (pdfinfo, pdftotext).
pkgs=(libcairo2-dev libpango1.0-dev pkg-config fonts-dejavu-core espeak-ng chromium poppler-utils)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm may come with a Node.js that is not Debian's: ask Debian for it only when there is none.
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "nnexplain setup: please install ${missing[*]} (apt-get install ${missing[*]}); need root or passwordless sudo to do it here." >&2
  exit 1
fi
echo "nnexplain setup: installing ${missing[*]} with apt-get"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
