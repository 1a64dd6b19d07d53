#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: initdb into a temporary directory, start it
# on a free loopback port, export its address, run the command, then stop the server and delete
# the directory whatever the command's outcome. Nothing outside the temporary directory is touched
# (Debian's own cluster, if any, is left alone).
#
#   scripts/with-postgres.sh npm test
#
# Exports to the command:
#   CARTFOLD_PG_URL   postgres://postgres@127.0.0.1:PORT/postgres (trust auth, loopback only)
#   CARTFOLD_PG_CTL   a wrapper taking `start` or `stop [fast|immediate]` (used by the server-restart test)
#   CARTFOLD_PG_DATA  the cluster's data directory
#
# If CARTFOLD_PG_URL is already set, the command runs against that server unchanged.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <command...>" >&2
  exit 2
fi

if [[ -n "${CARTFOLD_PG_URL:-}" ]]; then
  exec "$@"
fi

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [[ -z "$bindir" ]]; then
  if command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    bindir="$(pg_config --bindir)"
  else
    echo "with-postgres: no PostgreSQL server binaries found (run scripts/pg-install.sh)" >&2
    exit 1
  fi
fi

tmp="$(mktemp -d /tmp/cartfold-pg.XXXXXX)"
data="$tmp/data"
log="$tmp/server.log"
mkdir -p "$data"
ctl="$tmp/pg-ctl"
cleanup() {
  if [[ -x "$ctl" ]]; then "$ctl" stop >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The server refuses to run as root: run it as the `postgres` account when we are root.
as_owner=()
if [[ "$(id -u)" -eq 0 ]]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir "$tmp" --shell /usr/sbin/nologin postgres
  fi
  chown -R postgres: "$tmp"
  chmod 700 "$tmp"
  as_owner=(runuser -u postgres --)
fi
run_as_owner() { "${as_owner[@]}" "$@"; }

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

run_as_owner "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$tmp/initdb.log" 2>&1 || {
  cat "$tmp/initdb.log" >&2
  exit 1
}

# A restartable wrapper, so tests can stop and start the same server without knowing who owns it.
cat >"$ctl" <<EOF
#!/usr/bin/env bash
# usage: pg-ctl start | stop [fast|immediate]  (the throwaway server of scripts/with-postgres.sh)
set -euo pipefail
cd "$tmp"
opts="-p $port -k $tmp -c listen_addresses=127.0.0.1 -c max_connections=200"
case "\${1:-}" in
  start) cmd=("$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 -o "\$opts" start) ;;
  stop) cmd=("$bindir/pg_ctl" -D "$data" -w -t 60 -m "\${2:-fast}" stop) ;;
  *) echo "usage: \$0 start | stop [fast|immediate]" >&2; exit 2 ;;
esac
if [[ "\$(id -u)" -eq 0 ]]; then
  exec runuser -u postgres -- "\${cmd[@]}" >/dev/null
else
  exec "\${cmd[@]}" >/dev/null
fi
EOF
chmod 755 "$ctl"

if ! "$ctl" start; then
  cat "$log" >&2 || true
  exit 1
fi

export CARTFOLD_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
export CARTFOLD_PG_CTL="$ctl"
export CARTFOLD_PG_DATA="$data"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $data)" >&2

status=0
"$@" || status=$?
exit "$status"
