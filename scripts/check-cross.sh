#!/usr/bin/env bash
# Compiles the device-side code for a 32-bit microcontroller (Cortex-M4, Thumb-2) with Debian's
# bare-metal toolchain, the way it would go into firmware: -Os, no exceptions, no RTTI, C++20, our
# warnings as errors. Covered: the MQTT codec (libs/mqtt/src), the portable SDK (libs/sdk/src) and
# the reference application's portable logic (examples/esp32-ledctrl/main, without app_main.cpp,
# which needs ESP-IDF). Then prints the code size (.text) of each object and per part.
#
# Compile only: the objects are not linked into an image (that would need a target C++ runtime,
# Debian's libstdc++-arm-none-eabi-newlib, and a board's linker script).
#
#   scripts/check-cross.sh [OUT_DIR]      # objects go to OUT_DIR (default: a temporary directory)
#
# Needs gcc-arm-none-eabi, libnewlib-arm-none-eabi and libstdc++-arm-none-eabi-dev. Without
# arm-none-eabi-g++ it says so and exits with 77 (ctest counts that as skipped).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cxx="${ARM_CXX:-arm-none-eabi-g++}"
size="${ARM_SIZE:-arm-none-eabi-size}"

if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "SKIPPED: $cxx not found (apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi" \
       "libstdc++-arm-none-eabi-dev)"
  exit 77
fi

out="${1:-}"
if [[ -z "$out" ]]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"

flags=(
  -mcpu=cortex-m4 -mthumb -Os -std=c++20 -fno-exceptions -fno-rtti
  -ffunction-sections -fdata-sections
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Werror
  -I"$root/libs/base/include" -I"$root/libs/mqtt/include" -I"$root/libs/mqtt/src"
  -I"$root/libs/sdk/include" -I"$root/libs/sdk/src" -I"$root/examples/esp32-ledctrl/main"
)

declare -A part_sources=(
  [mqtt]="$root/libs/mqtt/src"
  [sdk]="$root/libs/sdk/src"
  [ledctrl]="$root/examples/esp32-ledctrl/main"
)

echo "$("$cxx" --version | head -n 1)"
echo "flags: ${flags[*]:0:10}"
failed=0
grand_total=0
for part in mqtt sdk ledctrl; do
  mkdir -p "$out/$part"
  objects=()
  for src in "${part_sources[$part]}"/*.cpp; do
    [[ "$(basename "$src")" == app_main.cpp ]] && continue
    obj="$out/$part/$(basename "${src%.cpp}").o"
    if "$cxx" "${flags[@]}" -c "$src" -o "$obj"; then
      objects+=("$obj")
    else
      echo "FAILED: ${src#"$root"/}"
      failed=1
    fi
  done
  [[ ${#objects[@]} -eq 0 ]] && continue
  echo
  echo "== $part (${#objects[@]} files)"
  "$size" "${objects[@]}" | sed "s|$out/$part/||"
  total=$("$size" "${objects[@]}" | awk 'NR > 1 { sum += $1 } END { print sum + 0 }')
  echo "$part .text total: $total bytes"
  grand_total=$((grand_total + total))
done
echo
echo "all .text: $grand_total bytes (objects summed: inline code counted in each, nothing dropped)"
[[ $failed -ne 0 ]] && exit 1

# What a firmware would carry: a partial link that keeps the global functions of `keep` objects
# (and the vtables they use), drops unreferenced sections (-ffunction-sections) and merges
# duplicate inline code. Not an image (no runtime, no startup code), but the code that goes in.
ld="${ARM_LD:-arm-none-eabi-ld}"
nm="${ARM_NM:-arm-none-eabi-nm}"
kept_size() {
  local name="$1"; shift
  local keep=()
  for obj in "$@"; do
    [[ -f "$obj" ]] || { echo "$name: $obj missing, not measured"; return; }
  done
  while read -r sym; do keep+=(-u "$sym"); done < <(
    "$nm" -g --defined-only "$@" | awk 'NF == 3 && $2 ~ /[TW]/ { print $3 }' | sort -u)
  "$ld" -r --gc-sections "${keep[@]}" "$out"/{mqtt,sdk,ledctrl}/*.o -o "$out/$name.o"
  echo "$name: $("$size" "$out/$name.o" | awk 'NR == 2 { print $1 }') bytes of .text"
}
echo
kept_size "sdk-all" "$out"/sdk/*.o
kept_size "led-device" "$out"/ledctrl/*.o "$out/sdk/mqtt_client.o" "$out/sdk/driver.o"
echo "(sdk-all: both clients and the driver with the codec parts they use;"
echo " led-device: the LED application, mqtt_client and the driver with the codec parts they use)"
