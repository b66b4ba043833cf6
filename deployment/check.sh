#!/usr/bin/env bash
# Checks deployment/ the way a server reads it (called by .ci/run; needs nginx and openssl, uses systemd-analyze
# where it exists): the VM's nginx site and compose's proxy template with `nginx -t` on a self-signed certificate
# made here, and the systemd unit with `systemd-analyze verify`. compose.yaml and the Dockerfile are parsed by the
# tests (AnBien.Bot.Tests/Deployment).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/anbien-deploy-check.XXXXXX)
trap 'rm -rf "$work"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=bot.example.gov.vn" \
  -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null

nginx_check() { # $1: site file with its certificate paths already pointing into $work
  cat > "$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log stderr;
events {}
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  include $1;
}
CONF
  nginx -t -q -c "$work/nginx.conf" -p "$work"
}

sed -e "s#/etc/letsencrypt/live/bot.example.gov.vn/#$work/#" "$here/nginx/anbien-bot.conf" > "$work/vm-site.conf"
nginx_check "$work/vm-site.conf"
echo "nginx -t: deployment/nginx/anbien-bot.conf ok"

# What the nginx image does with the template at start: fill in ${BOT_HOST}; "bot" is compose's service name.
BOT_HOST=bot.example.gov.vn envsubst '${BOT_HOST}' < "$here/nginx/compose.conf.template" \
  | sed -e "s#/etc/nginx/certs/#$work/#" -e "s#server bot:8080;#server 127.0.0.1:8080;#" > "$work/compose-site.conf"
nginx_check "$work/compose-site.conf"
echo "nginx -t: deployment/nginx/compose.conf.template ok"

if command -v systemd-analyze >/dev/null; then
  # verify wants the unit's binary and user to exist; point it at a stand-in on this machine.
  mkdir -p "$work/units"
  sed -e "s#/usr/bin/dotnet#$(command -v dotnet || echo /bin/true)#" -e "s#^User=anbien#User=root#" -e "s#^Group=anbien#Group=root#" \
    "$here/anbien-bot@.service" > "$work/units/anbien-bot@.service"
  out=$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$work/units/anbien-bot@5080.service" 2>&1 || true)
  # Only complaints about this unit count (a container without systemd as PID 1 adds its own noise).
  if grep -F "anbien-bot@" <<<"$out" | grep -v "EnvironmentFile" ; then
    echo "systemd-analyze verify: deployment/anbien-bot@.service has problems" >&2
    exit 1
  fi
  echo "systemd-analyze verify: deployment/anbien-bot@.service ok"
else
  echo "systemd-analyze not found: the systemd unit was not verified (SKIPPED)"
fi
