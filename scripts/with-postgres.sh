#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster, then stops and removes the cluster,
# also when the command fails or the script is interrupted:
#
#   bash scripts/with-postgres.sh npm test
#
# The cluster lives in a new temporary folder owned by the `postgres` user when run as root
# (initdb and pg_ctl refuse to run as root), by the current user otherwise. It listens on
# 127.0.0.1 only, on a free port, with its socket in that folder; it is fast and unsafe
# (fsync off), which is right for tests and wrong for anything else. A role with CREATEDB
# and a random password is made for the tests, and the command sees:
#   TITRATE_TEST_DATABASE_URL  postgres://titrate_test:…@127.0.0.1:PORT/postgres
#   TITRATE_REQUIRE_PG=1       the PostgreSQL tests fail, not skip, if it cannot be reached
#   PATH                       with PostgreSQL's bin folder first (pg_dump, pg_restore)
#   TITRATE_TEST_DATABASE_CA   when openssl is there: the server also speaks TLS, with a
#                              self-signed certificate for localhost, and this is its file
# Needs Debian's postgresql package (or any PostgreSQL 13+ with initdb on PATH or in
# /usr/lib/postgresql/*/bin).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/with-postgres.sh COMMAND [ARGS…]" >&2
  exit 2
fi

pg_bin=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
  pg_bin="$(pg_config --bindir)"
fi
if [ -z "$pg_bin" ]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "with-postgres: no PostgreSQL server found (install Debian's postgresql package)" >&2
  exit 1
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  as_owner=(runuser -u postgres --)
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/titrate-pg.XXXXXX")"
chmod 700 "$dir"
if [ "${#as_owner[@]}" -gt 0 ]; then chown postgres: "$dir"; fi
data="$dir/data"
started=0

stop_cluster() {
  local status=$?
  if [ "$started" -eq 1 ]; then
    "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null || true
  fi
  rm -rf "$dir"
  return "$status"
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free loopback port: ask the kernel for one, then let it go.
port="$(node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
password="$(node -e 'console.log(require("node:crypto").randomBytes(18).toString("base64url"))')"
admin_password="$(node -e 'console.log(require("node:crypto").randomBytes(18).toString("base64url"))')"

printf '%s\n' "$admin_password" >"$dir/admin-password"
if [ "${#as_owner[@]}" -gt 0 ]; then chown postgres: "$dir/admin-password"; fi
"${as_owner[@]}" "$pg_bin/initdb" -D "$data" --username=postgres --pwfile="$dir/admin-password" \
  --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
  {
    cat "$dir/initdb.log" >&2
    exit 1
  }
rm -f "$dir/admin-password"

options="-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
ca=""
if command -v openssl >/dev/null 2>&1; then
  # TLS for the test that connects with sslmode=verify-full (src/store/postgres/tls.test.ts).
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost" \
    -keyout "$dir/server.key" -out "$dir/server.crt" >/dev/null 2>&1
  chmod 600 "$dir/server.key"
  if [ "${#as_owner[@]}" -gt 0 ]; then chown postgres: "$dir/server.key" "$dir/server.crt"; fi
  options="$options -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key"
  ca="$dir/server.crt"
fi
"${as_owner[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 -o "$options" \
  start >/dev/null || {
  cat "$dir/server.log" >&2
  exit 1
}
started=1

"${as_owner[@]}" "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
  -c "create role titrate_test login createdb password '$password'"

export TITRATE_TEST_DATABASE_URL="postgres://titrate_test:${password}@127.0.0.1:${port}/postgres"
export TITRATE_REQUIRE_PG=1
if [ -n "$ca" ]; then export TITRATE_TEST_DATABASE_CA="$ca"; fi
export PATH="$pg_bin:$PATH"
echo "with-postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway, in $dir)"

# Not exec: the trap must run after the command to stop the cluster.
"$@"
