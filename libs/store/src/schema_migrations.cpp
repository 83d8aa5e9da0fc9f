// Roost's schema, one numbered step at a time. Never edit a released step; append a new one.
//
// Conventions: times are integers (created_at/last_seen in Unix seconds, message times in Unix
// milliseconds); `namespace` is 1 for MQTT topics and 3 for the TCP line protocol, so one tenant's
// MQTT topic `led` and TCP topic `led` are different rows; tenant_id 0 in retained and sessions
// means "no tenant" (the standard MQTT listener without a tenant login).

#include "roost/store/migrations.hpp"

namespace roost::store {
namespace {

constexpr std::string_view migration_1 = R"sql(
CREATE TABLE tenants (
  id                 INTEGER PRIMARY KEY,
  private_key        TEXT    NOT NULL UNIQUE,
  name               TEXT    NOT NULL DEFAULT '',
  created_at         INTEGER NOT NULL,
  auto_create_topics INTEGER NOT NULL DEFAULT 1,
  app_id             TEXT    UNIQUE,
  secret_hash        TEXT,
  CHECK ((app_id IS NULL) = (secret_hash IS NULL))
);

-- One row per topic of a tenant: the registry, the latest value and its time.
CREATE TABLE topics (
  tenant_id    INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  namespace    INTEGER NOT NULL CHECK (namespace IN (1, 3)),
  name         TEXT    NOT NULL,
  display_name TEXT    NOT NULL DEFAULT '',
  device_type  INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  last_value   BLOB,
  last_time    INTEGER,
  PRIMARY KEY (tenant_id, namespace, name)
) WITHOUT ROWID;

-- Every message published to a topic, newest kept: the writer deletes the oldest rows of a topic
-- beyond its bound (1,000 by default) in the same transaction as the insert.
CREATE TABLE history (
  id        INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL,
  namespace INTEGER NOT NULL,
  topic     TEXT    NOT NULL,
  payload   BLOB    NOT NULL,
  time      INTEGER NOT NULL,
  FOREIGN KEY (tenant_id, namespace, topic)
    REFERENCES topics(tenant_id, namespace, name) ON DELETE CASCADE
);
CREATE INDEX history_by_topic ON history (tenant_id, namespace, topic, id);

-- MQTT retained messages, one per topic of a tenant's namespace (or of tenant 0).
CREATE TABLE retained (
  tenant_id  INTEGER NOT NULL,
  namespace  INTEGER NOT NULL,
  topic      TEXT    NOT NULL,
  payload    BLOB    NOT NULL,
  qos        INTEGER NOT NULL CHECK (qos BETWEEN 0 AND 2),
  properties BLOB,
  stored_at  INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, namespace, topic)
) WITHOUT ROWID;

-- Persistent MQTT sessions (clean session 0 / session expiry > 0).
CREATE TABLE sessions (
  tenant_id        INTEGER NOT NULL,
  client_id        TEXT    NOT NULL,
  protocol_version INTEGER NOT NULL,
  expiry_interval  INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  last_seen        INTEGER NOT NULL,
  next_packet_id   INTEGER NOT NULL DEFAULT 1,
  will_topic       TEXT,
  will_payload     BLOB,
  will_qos         INTEGER,
  will_retain      INTEGER,
  will_properties  BLOB,
  PRIMARY KEY (tenant_id, client_id)
) WITHOUT ROWID;

CREATE TABLE session_subscriptions (
  tenant_id       INTEGER NOT NULL,
  client_id       TEXT    NOT NULL,
  filter          TEXT    NOT NULL,
  qos             INTEGER NOT NULL CHECK (qos BETWEEN 0 AND 2),
  options         INTEGER NOT NULL DEFAULT 0,  -- MQTT 5 subscription options byte
  subscription_id INTEGER,
  PRIMARY KEY (tenant_id, client_id, filter),
  FOREIGN KEY (tenant_id, client_id) REFERENCES sessions(tenant_id, client_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Messages of a session that are not finished: queued for an offline client (state 0), sent and
-- awaiting PUBACK/PUBREC (1), PUBREL sent awaiting PUBCOMP (2), and inbound QoS 2 packet ids
-- received and awaiting PUBREL (3). `id` keeps the delivery order.
CREATE TABLE session_messages (
  id         INTEGER PRIMARY KEY,
  tenant_id  INTEGER NOT NULL,
  client_id  TEXT    NOT NULL,
  state      INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
  packet_id  INTEGER,
  topic      TEXT    NOT NULL DEFAULT '',
  payload    BLOB    NOT NULL DEFAULT x'',
  qos        INTEGER NOT NULL CHECK (qos BETWEEN 0 AND 2),
  retain     INTEGER NOT NULL DEFAULT 0,
  properties BLOB,
  FOREIGN KEY (tenant_id, client_id) REFERENCES sessions(tenant_id, client_id) ON DELETE CASCADE
);
CREATE INDEX session_messages_by_session ON session_messages (tenant_id, client_id, id);

-- Removing a tenant removes what has no foreign key to it.
CREATE TRIGGER tenants_remove_owned AFTER DELETE ON tenants BEGIN
  DELETE FROM retained WHERE tenant_id = OLD.id;
  DELETE FROM sessions WHERE tenant_id = OLD.id;
END;
)sql";

// Firmware for over-the-air updates, at most one per topic. The bytes are in the data directory's
// firmware/<id>.bin; `id` is random (the unguessable part of the download URL). No foreign key to
// `topics`: the topic rows are written by another connection (the write-behind worker).
constexpr std::string_view migration_2 = R"sql(
CREATE TABLE firmware (
  tenant_id   INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  namespace   INTEGER NOT NULL CHECK (namespace IN (1, 3)),
  topic       TEXT    NOT NULL,
  id          TEXT    NOT NULL UNIQUE,
  version     TEXT    NOT NULL,
  tag         TEXT    NOT NULL DEFAULT '',
  file_name   TEXT    NOT NULL,
  size        INTEGER NOT NULL,
  crc32       TEXT    NOT NULL,
  sha256      TEXT    NOT NULL,
  uploaded_ms INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, namespace, topic)
) WITHOUT ROWID;
)sql";

// MQTT 5: message expiry (a wall-clock time in Unix milliseconds, NULL: never) on retained and
// session messages, the Subscription Identifiers a session message is delivered with (decimal,
// comma separated, NULL: none), and the Session Expiry Interval in seconds with 4294967295 for
// "never": the sessions stored so far are 3.1 / 3.1.1 persistent sessions, which never expire.
// `properties` (already in migration 1) holds the forwarded MQTT 5 properties as encoded in a
// PUBLISH; `options` and `subscription_id` the subscription options and identifier.
constexpr std::string_view migration_3 = R"sql(
ALTER TABLE retained ADD COLUMN expires_at INTEGER;
ALTER TABLE session_messages ADD COLUMN expires_at INTEGER;
ALTER TABLE session_messages ADD COLUMN subscription_ids TEXT;
UPDATE sessions SET expiry_interval = 4294967295 WHERE expiry_interval = 0;
)sql";

constexpr migration all_migrations[] = {
    {1, migration_1},
    {2, migration_2},
    {3, migration_3},
};

}  // namespace

std::span<const migration> schema_migrations() { return all_migrations; }

int latest_schema_version() { return all_migrations[std::size(all_migrations) - 1].version; }

}  // namespace roost::store
