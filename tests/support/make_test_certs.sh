#!/bin/sh
# tests/support/make_test_certs.sh DIR: test certificates made with the
# openssl CLI at test time (never checked in):
#   ca.pem            the site CA (key ca.key)
#   server.pem/.key   127.0.0.1 and localhost, signed by the CA
#   client.pem/.key   CN=ward7-pager, signed by the CA
#   expired.pem/.key  CN=old-pager, signed by the CA, expired in 2020
#   rogue.pem/.key    CN=rogue, signed by another CA (rogue-ca.pem)
set -eu
dir=$1
mkdir -p "$dir"
cd "$dir"
q() { "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@"; exit 1; }; }
q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout ca.key -out ca.pem -days 30 -subj "/CN=iraed test CA"
q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout rogue-ca.key -out rogue-ca.pem -days 30 -subj "/CN=rogue CA"
leaf() {  # name subject ca extensions
  q openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$1.key" -out "$1.csr" -subj "$2"
  printf '%s\n' "$4" > "$1.ext"
  q openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" \
    -CAcreateserial -out "$1.pem" -days 30 -extfile "$1.ext"
}
leaf server "/CN=localhost" ca \
  "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
leaf client "/O=Hospital/CN=ward7-pager" ca "extendedKeyUsage=clientAuth"
leaf rogue "/CN=rogue" rogue-ca "extendedKeyUsage=clientAuth"
# Expired: openssl ca with explicit dates.
q openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout expired.key -out expired.csr -subj "/CN=old-pager"
mkdir -p ca-db && : > ca-db/index.txt && echo 01 > ca-db/serial
cat > ca.cnf <<CNF
[ca]
default_ca = test
[test]
dir = ca-db
database = ca-db/index.txt
serial = ca-db/serial
new_certs_dir = ca-db
default_md = sha256
policy = any
copy_extensions = none
[any]
commonName = supplied
CNF
q openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key \
  -in expired.csr -out expired.pem -startdate 20200101000000Z \
  -enddate 20200102000000Z -notext
chmod 600 ./*.key
