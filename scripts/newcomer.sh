#!/usr/bin/env bash
# A newcomer's first hour, run as a script on a fresh clone of this repository (called by .ci/run):
#   the local run (start, wait for HTTP), the README's first conversation by curl with its tiny fake connector,
#   import, period open, export to a relative path, and a Production start, from source and from the published
#   build, with the settings README.md lists. Every step is the README's own command, typed in the clone's root.
# Usage: bash scripts/newcomer.sh            (uses ports 3978 and 3979, as the README does)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/anbien-newcomer.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
unset ASPNETCORE_ENVIRONMENT DOTNET_ENVIRONMENT ASPNETCORE_URLS
step() { printf '\n== %s\n' "$*"; }
fail() { echo "newcomer: FAILED: $*" >&2; exit 1; }

# Waits until $1 answers HTTP, or the process $2 has exited (then prints its log $3).
wait_http() {
  for _ in $(seq 1 180); do
    curl -sf -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; fail "the service exited before answering $1"; }
    sleep 1
  done
  cat "$3" >&2; fail "no answer from $1 within 180 s"
}

# Each service runs in a process group of its own (setsid), so stopping it stops `dotnet run` and the bot it started.
stop() { kill -- "-$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

step "Fresh clone of $(git -C "$repo" rev-parse --short HEAD)"
git clone -q "$repo" "$work/clone"
cd "$work/clone"

step "dotnet run --project AnBien.Bot  (the local run)"
setsid dotnet run --project AnBien.Bot >"$work/run.log" 2>&1 &
run=$!; pids+=("$run")
wait_http http://localhost:3978/healthz "$run" "$work/run.log"
grep -q "Hosting environment: Development" "$work/run.log" || fail "the local run is not in Development"
echo "answering on http://localhost:3978"

month=$(TZ=Asia/Ho_Chi_Minh date +%Y-%m)
closes=$(TZ=Asia/Ho_Chi_Minh date -d '+20 days' +%F)
periods=$(dotnet run --project AnBien.Bot -- period list)
if ! grep -q '^[0-9]\{4\}-[0-9]\{2\}  open' <<<"$periods"; then
  step "No period open yet (one opens on the first message only inside the 25th–5th window): period open, as README.md says"
  dotnet run --project AnBien.Bot -- period open "$month" --closes "$closes"
fi

step "A first conversation by curl, as README.md shows it"
# The README's block that starts the fake connector and talks to the bot, run as written.
awk '/^python3 -c "$/{on=1} on{print} on&&/^say "/{exit}' README.md >"$work/conversation.sh"
grep -q '^say "' "$work/conversation.sh" || fail "README.md has no first-conversation block"
echo 'sleep 1; kill $! 2>/dev/null; wait 2>/dev/null' >>"$work/conversation.sh"
PYTHONUNBUFFERED=1 bash "$work/conversation.sh" >"$work/conversation.log" 2>&1 || true
cat "$work/conversation.log"
grep -q '^BOT: .*Câu 1/' "$work/conversation.log" || fail "the bot never asked the first question"
[ "$(grep -c '^BOT:' "$work/conversation.log")" -ge 5 ] || fail "fewer replies than messages"
# The month the conversation assessed ("tháng 11/2026"), for the export below.
assessed=$(grep -o 'tháng [0-9]\{1,2\}/[0-9]\{4\}' "$work/conversation.log" | head -n 1 | awk -F'[ /]' '{printf "%s-%02d", $3, $2}')

step "import (the README's example, a relative path)"
dotnet run --project AnBien.Bot -- import Resources/demo/units.csv | tee "$work/import.log"
grep -q "Units: 0 created, 0 updated" "$work/import.log" || fail "re-importing the demo units changed something"
dotnet run --project AnBien.Bot -- import Resources/demo/staff.csv --dry-run | tee "$work/dry.log"
grep -q "Dry run, nothing saved" "$work/dry.log" || fail "--dry-run did not say so"

step "period open"
dotnet run --project AnBien.Bot -- period open "$month" --closes "$closes"
dotnet run --project AnBien.Bot -- period list | tee "$work/periods.log"
grep -q "^$month  open" "$work/periods.log" || fail "period list does not show $month open"

step "export to a relative path"
dotnet run --project AnBien.Bot -- export --period "$assessed" --out answers.csv
[ -s answers.csv ] || fail "answers.csv was not written in the directory the command was typed in"
head -n 3 answers.csv
[ "$(grep -c ',NV001,' answers.csv)" -ge 2 ] || fail "the export lacks the answers given in the first conversation"
stop "$run"

step "Production start, from source, with the settings README.md lists"
secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=' | head -c 48)
set +e
ASPNETCORE_ENVIRONMENT=Production dotnet run --project AnBien.Bot >"$work/missing.log" 2>&1
code=$?
set -e
cat "$work/missing.log"
[ "$code" = 2 ] || fail "a missing WebChat__TokenSecret exited with $code, not 2"
grep -q "^configuration: WebChat:TokenSecret" "$work/missing.log" || fail "the missing setting is not named"
! grep -q "   at " "$work/missing.log" || fail "a stack trace was printed"
ASPNETCORE_ENVIRONMENT=Production WebChat__TokenSecret=$secret setsid dotnet run --project AnBien.Bot >"$work/prod.log" 2>&1 &
prod=$!; pids+=("$prod")
wait_http http://localhost:3978/healthz "$prod" "$work/prod.log"
grep -q 'Hosting environment: Production' "$work/prod.log" || fail "not in Production"
head -c 300 "$work/prod.log"; echo
stop "$prod"

step "Production start, published build (as deployment/ runs it)"
dotnet publish AnBien.Bot -c Release -o "$work/publish" -v q --nologo >/dev/null
( cd "$work" && ASPNETCORE_ENVIRONMENT=Production WebChat__TokenSecret=$secret \
    exec setsid dotnet publish/AnBien.Bot.dll --urls http://127.0.0.1:3978 >"$work/published.log" 2>&1 ) &
published=$!; pids+=("$published")
wait_http http://127.0.0.1:3978/healthz "$published" "$work/published.log"
[ -f "$work/publish/.data/anbien.db" ] || fail "the published build did not keep its database beside itself"
echo "published build answering"
stop "$published"

printf '\nnewcomer: all steps passed\n'
