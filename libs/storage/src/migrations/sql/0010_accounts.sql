-- People who use the platform: a role, the parks they may see (park operators), a password hash; and
-- the refresh tokens issued to them (hashed, rotated on use, revocable).

CREATE TABLE users (
  id            serial PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9._@-]{3,64}$'),
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'officer', 'park_operator', 'manager')),
  -- Parks a park operator looks after; the other roles see every park.
  park_ids      integer[] NOT NULL DEFAULT '{}',
  password_hash text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'park_operator' OR cardinality(park_ids) > 0)
);

CREATE TABLE refresh_tokens (
  id          bigserial PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- SHA-256 of the token: a leaked table does not leak usable tokens.
  token_hash  text NOT NULL UNIQUE,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
