#!/usr/bin/env bash
# Installs every Debian 12 package needed to build, run and test Roost.
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (or with sudo)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
packages=(
  build-essential g++ cmake ninja-build pkg-config ccache clang libclang-rt-14-dev
  libboost1.81-dev libboost-json1.81-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev
  libssl-dev libsqlite3-dev libgtest-dev libgmock-dev libbenchmark-dev
  mosquitto mosquitto-clients python3 python3-paho-mqtt
  chromium
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-dev
)
# The web console is built with node and npm (18 or later): Debian's, unless a node is already there.
if ! command -v node >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Debian's mosquitto (the second broker the SDK and CLI tests start on ports of their own) comes as a
# system service on port 1883, the port `roost serve` takes by default: when this script installed
# it, keep that service off. A mosquitto installed before is left as it was.
if [[ " ${missing[*]} " == *" mosquitto "* ]]; then
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl disable --now mosquitto.service >/dev/null 2>&1 || true
  elif [ -x /etc/init.d/mosquitto ]; then
    /etc/init.d/mosquitto stop >/dev/null 2>&1 || true
    update-rc.d mosquitto disable >/dev/null 2>&1 || true
  fi
fi
