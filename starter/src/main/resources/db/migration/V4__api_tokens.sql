-- API tokens for scripts and the CLI: only the SHA-256 hash (hex) of a token is kept; the token
-- itself is shown once, when it is created. Revoked tokens stay, for the record.
CREATE TABLE api_tokens (
  id           UUID PRIMARY KEY,
  name         TEXT NOT NULL,
  owner        TEXT NOT NULL,
  role         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TIMESTAMPTZ NOT NULL,
  expires_at   TIMESTAMPTZ,
  last_used_at TIMESTAMPTZ,
  revoked_at   TIMESTAMPTZ
);
