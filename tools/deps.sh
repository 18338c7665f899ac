#!/bin/sh
# deps.sh - install the Debian packages zcmm needs, only those missing.
# Usage: tools/deps.sh PACKAGE...   (root or sudo; does nothing if all present)
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "zcmm: installing Debian packages:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -q || exit 1
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing
