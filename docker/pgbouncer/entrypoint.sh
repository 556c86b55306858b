#!/bin/sh
# Write PgBouncer's settings from the environment, then run it in the foreground.
#   DB_HOST, DB_NAME, DB_USER, DB_PASSWORD: the PostgreSQL server and its login
#   DEFAULT_POOL_SIZE: server connections per database (PostgreSQL's max_connections
#                      must exceed it, with room for migrations and admin sessions)
set -eu
config=/tmp/pgbouncer
mkdir -p "$config"
printf '"%s" "%s"\n' "$DB_USER" "$DB_PASSWORD" > "$config/users.txt"
cat > "$config/pgbouncer.ini" <<INI
[databases]
$DB_NAME = host=$DB_HOST port=5432 dbname=$DB_NAME
[pgbouncer]
listen_addr = 0.0.0.0
listen_port = 6432
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $config/users.txt
pool_mode = transaction
default_pool_size = ${DEFAULT_POOL_SIZE:-20}
max_client_conn = ${MAX_CLIENT_CONN:-2000}
ignore_startup_parameters = extra_float_digits,options
INI
exec pgbouncer "$config/pgbouncer.ini"
