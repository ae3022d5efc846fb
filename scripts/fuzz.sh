#!/usr/bin/env bash
# Runs the fuzz targets (cargo-fuzz, libFuzzer) — not part of the test command.
#
#   scripts/fuzz.sh [seconds-per-target] [target...]   (default 1800 s, both targets)
#
# Seeds each target's corpus from tests/fixtures, the built-in templates and
# ../shared/corpus (when present). Crashes land in fuzz/artifacts/<target>/; keep each one as
# a regression test in tests/regressions.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
secs=${1:-1800}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(check_builtin check_custom)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# One stable toolchain here: let cargo-fuzz pass its -Z flags to it.
export RUSTC_BOOTSTRAP=1

for t in "${targets[@]}"; do
  dir="fuzz/corpus/$t"
  mkdir -p "$dir"
  for f in tests/fixtures/*.md templates/*.md ../shared/corpus/*/*.md; do
    [ -f "$f" ] || continue
    if [ "$t" = check_custom ]; then
      # template NUL document
      printf '%s\0%s' "$(cat templates/tech-spec.md)" "$(cat "$f")" > "$dir/seed-$(basename "$f")"
    else
      cp "$f" "$dir/seed-$(basename "$f")"
    fi
  done
done

for t in "${targets[@]}"; do cargo fuzz build --sanitizer none "$t"; done
pids=()
for t in "${targets[@]}"; do
  # /usr/bin/time records the CPU time the run really got (the machine may be shared).
  timer=(); [ -x /usr/bin/time ] && timer=(/usr/bin/time -f "$t: %U s user CPU, %e s wall" -o "fuzz/$t.time")
  "${timer[@]}" cargo fuzz run --sanitizer none "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -max_len=65536 -timeout=10 \
    > "fuzz/$t.log" 2>&1 &
  pids+=($!)
done
status=0
for p in "${pids[@]}"; do wait "$p" || status=1; done
for t in "${targets[@]}"; do
  echo "== $t"; cat "fuzz/$t.time" 2>/dev/null || true
  grep -E "^#[0-9]+.*(DONE|pulse)|Done [0-9]+ runs|SUMMARY|panicked" "fuzz/$t.log" | tail -3
done
ls fuzz/artifacts/*/ 2>/dev/null | grep -v '^$' || true
exit $status
