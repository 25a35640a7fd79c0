# shellcheck shell=bash
# Sourced by scripts/run.sh, scripts/chaos.sh and the other harnesses (not run on its own).
#
# ensure_credentials FILE: makes sure FILE (mode 600) holds the local stack's secrets, keeping
# the values already there and adding the missing ones:
#   RUNBOOK_TOKEN                   an engine API token (rbk_ + 43 base64url characters), which
#                                   the worker registers at start-up as the admin token "bootstrap"
#   RUNBOOK_ADMIN_PASSWORD          the password of the local user "admin" (/ui login)
#   RUNBOOK_SECURITY_DECISION_KEY   the key that seals decisions (base64 of 32 random bytes)
#   RUNBOOK_CODEC_KEY               the AES-256 key that encrypts payloads in Temporal (base64 of
#                                   32 random bytes; generated only when missing, so runs stored
#                                   by earlier `make run`s stay readable)
# load_credentials FILE: reads them into the shell (not exported).
# export_worker_credentials: exports them under the names the worker reads
# (RUNBOOK_SECURITY_BOOTSTRAP_TOKEN, RUNBOOK_SECURITY_BOOTSTRAP_ADMIN_PASSWORD,
# RUNBOOK_SECURITY_DECISION_KEY); docs/security.md.
# export_codec_credentials: exports the payload key as the worker's key "local" and makes it the
# active one (RUNBOOK_CODEC_ACTIVE_KEY, RUNBOOK_CODEC_KEYS_LOCAL): payload encryption on
# (`make run`; docs/security.md, "Payload encryption and the codec server").

random_base64url() { # bytes: that many random bytes, base64url without padding
  head -c "$1" /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_'
}

ensure_credentials() {
  local file="$1"
  (
    umask 077
    mkdir -p "$(dirname "$file")"
    touch "$file"
    if ! grep -q '^RUNBOOK_TOKEN=rbk_' "$file"; then
      echo "RUNBOOK_TOKEN=rbk_$(random_base64url 32)" >>"$file"
    fi
    if ! grep -q '^RUNBOOK_ADMIN_PASSWORD=.' "$file"; then
      echo "RUNBOOK_ADMIN_PASSWORD=$(random_base64url 18)" >>"$file"
    fi
    if ! grep -q '^RUNBOOK_SECURITY_DECISION_KEY=.' "$file"; then
      echo "RUNBOOK_SECURITY_DECISION_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >>"$file"
    fi
    if ! grep -q '^RUNBOOK_CODEC_KEY=.' "$file"; then
      echo "RUNBOOK_CODEC_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >>"$file"
    fi
  )
  chmod 600 "$file"
}

load_credentials() {
  local file="$1" line key value
  while IFS= read -r line; do
    key="${line%%=*}"
    value="${line#*=}" # (read with IFS='=' would drop a base64 key's trailing '=')
    case "$key" in
      RUNBOOK_TOKEN) RUNBOOK_TOKEN="$value" ;;
      RUNBOOK_ADMIN_PASSWORD) RUNBOOK_ADMIN_PASSWORD="$value" ;;
      RUNBOOK_SECURITY_DECISION_KEY) RUNBOOK_SECURITY_DECISION_KEY="$value" ;;
      RUNBOOK_CODEC_KEY) RUNBOOK_CODEC_KEY="$value" ;;
    esac
  done <"$file"
}

export_worker_credentials() {
  export RUNBOOK_SECURITY_BOOTSTRAP_TOKEN="$RUNBOOK_TOKEN"
  export RUNBOOK_SECURITY_BOOTSTRAP_ADMIN_PASSWORD="$RUNBOOK_ADMIN_PASSWORD"
  export RUNBOOK_SECURITY_DECISION_KEY
  # The shipped runbook razar-quarantine-restore calls the engine's own API with this secret.
  export RUNBOOK_SECRET_RUNBOOK_API_TOKEN="$RUNBOOK_TOKEN"
}

export_codec_credentials() {
  export RUNBOOK_CODEC_ACTIVE_KEY=local
  export RUNBOOK_CODEC_KEYS_LOCAL="$RUNBOOK_CODEC_KEY"
}
