import type { Migration } from '../../storage/sqlite/migrate';

/** Schema of the sandbox platform, migration scope 'sandbox'. Dates are China dates 'YYYY-MM-DD', instants ISO strings. */
export const sandboxMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'sandbox traffic platform schema',
    sql: `
CREATE TABLE sandbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sandbox_sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);

CREATE TABLE citizens (
  id_number TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  learner_registered_on TEXT,            -- enrolled with a driving school for C1
  driving_school TEXT,
  permit_issued_on TEXT,                 -- learner permit (学习驾驶证明), issued when 科目一 is passed
  licence_first_issued_on TEXT           -- driving licence first issue date: anchors the points cycle
);

CREATE TABLE identity_codes (
  id_number TEXT PRIMARY KEY REFERENCES citizens(id_number),
  code_hash TEXT,                        -- NULL once used or invalidated
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT
);
CREATE TABLE bindings (
  channel_user_id TEXT PRIMARY KEY,
  id_number TEXT NOT NULL REFERENCES citizens(id_number),
  bound_at TEXT NOT NULL
);
CREATE TABLE sms_outbox (
  message_id INTEGER PRIMARY KEY AUTOINCREMENT,
  phone TEXT NOT NULL,
  template TEXT NOT NULL,
  params TEXT NOT NULL,
  text TEXT NOT NULL,
  sent_at TEXT NOT NULL
);
CREATE INDEX sms_outbox_phone ON sms_outbox(phone, message_id);

CREATE TABLE test_centres (
  centre_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  subjects TEXT NOT NULL,                -- e.g. '2,3'
  capacity INTEGER NOT NULL CHECK (capacity > 0)
);
CREATE TABLE exam_slots (
  centre_id TEXT NOT NULL REFERENCES test_centres(centre_id),
  date TEXT NOT NULL,
  session TEXT NOT NULL CHECK (session IN ('morning', 'afternoon')),
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  booked INTEGER NOT NULL DEFAULT 0,
  CHECK (booked >= 0 AND booked <= capacity),
  PRIMARY KEY (centre_id, date, session)
);
CREATE TABLE exam_bookings (
  booking_id TEXT PRIMARY KEY,
  id_number TEXT NOT NULL REFERENCES citizens(id_number),
  subject INTEGER NOT NULL CHECK (subject BETWEEN 1 AND 4),
  centre_id TEXT NOT NULL,
  date TEXT NOT NULL,
  session TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'passed', 'failed')),
  booked_at TEXT NOT NULL,
  cancelled_at TEXT,
  FOREIGN KEY (centre_id, date, session) REFERENCES exam_slots(centre_id, date, session)
);
-- one active booking per citizen and subject, whatever the callers do
CREATE UNIQUE INDEX exam_bookings_one_active ON exam_bookings(id_number, subject) WHERE status = 'booked';
CREATE TABLE exam_results (
  result_id INTEGER PRIMARY KEY AUTOINCREMENT,
  id_number TEXT NOT NULL REFERENCES citizens(id_number),
  subject INTEGER NOT NULL CHECK (subject BETWEEN 1 AND 4),
  exam_date TEXT NOT NULL,
  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
  booking_id TEXT UNIQUE REFERENCES exam_bookings(booking_id)
);
CREATE INDEX exam_results_citizen ON exam_results(id_number, subject);

CREATE TABLE vehicles (
  vin TEXT PRIMARY KEY,
  owner_id_number TEXT NOT NULL REFERENCES citizens(id_number),
  energy TEXT NOT NULL CHECK (energy IN ('fuel', 'battery-electric', 'other-new-energy')),
  authority TEXT NOT NULL,               -- registering authority letter, 'A' = 南京
  plate_rounds INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE plate_holds (
  hold_id INTEGER PRIMARY KEY AUTOINCREMENT,
  plate TEXT NOT NULL,
  vin TEXT NOT NULL REFERENCES vehicles(vin),
  id_number TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('reserved', 'registered', 'expired')),
  reserved_at TEXT NOT NULL,
  expires_on TEXT,
  registered_on TEXT
);
-- no plate is ever held for two vehicles; one selection per vehicle
CREATE UNIQUE INDEX plate_holds_plate ON plate_holds(plate) WHERE status IN ('reserved', 'registered');
CREATE UNIQUE INDEX plate_holds_vehicle ON plate_holds(vin) WHERE status IN ('reserved', 'registered');
CREATE TABLE plate_offers (
  vin TEXT NOT NULL REFERENCES vehicles(vin),
  plate TEXT NOT NULL,
  round INTEGER NOT NULL,                -- 0 for a pattern check, else the random round
  offered_at TEXT NOT NULL,
  PRIMARY KEY (vin, plate, round)
);
CREATE TABLE plate_denylist (
  fragment TEXT PRIMARY KEY,
  reason TEXT NOT NULL CHECK (reason IN ('reserved', 'offensive'))
);

CREATE TABLE violations (
  violation_id TEXT PRIMARY KEY,
  id_number TEXT NOT NULL REFERENCES citizens(id_number),
  vin TEXT NOT NULL REFERENCES vehicles(vin),
  plate TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  location TEXT NOT NULL,
  kind TEXT NOT NULL,
  fine_fen INTEGER NOT NULL CHECK (fine_fen >= 0),
  points INTEGER NOT NULL CHECK (points >= 0)
);
CREATE INDEX violations_citizen ON violations(id_number);
CREATE INDEX violations_vehicle ON violations(vin);
CREATE TABLE decisions (
  decision_number TEXT PRIMARY KEY,
  violation_id TEXT NOT NULL UNIQUE REFERENCES violations(violation_id),
  issued_on TEXT NOT NULL
);
CREATE TABLE payments (
  payment_id TEXT PRIMARY KEY,
  decision_number TEXT NOT NULL UNIQUE REFERENCES decisions(decision_number),  -- never charged twice
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  fine_fen INTEGER NOT NULL,
  late_fee_fen INTEGER NOT NULL,
  paid_at TEXT NOT NULL
);

CREATE TABLE idempotency_keys (
  operation TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (operation, idempotency_key)
);
`,
  },
  {
    version: 2,
    description: 'binding codes per (channel user, ID number); code requests kept for the sending limits',
    // Codes live 5 minutes: dropping the pending ones only means asking for a new code.
    sql: `
DROP TABLE identity_codes;
CREATE TABLE identity_codes (
  channel_user_id TEXT NOT NULL,
  id_number TEXT NOT NULL REFERENCES citizens(id_number),
  code_hash TEXT,                        -- NULL once used or invalidated
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,                     -- wrong codes lock this channel user's attempt on this ID only
  PRIMARY KEY (channel_user_id, id_number)
);
CREATE TABLE identity_code_requests (
  request_id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel_user_id TEXT NOT NULL,
  id_number TEXT NOT NULL,               -- as asked for: not necessarily a citizen's
  sent INTEGER NOT NULL CHECK (sent IN (0, 1)),
  requested_at TEXT NOT NULL
);
CREATE INDEX identity_code_requests_user ON identity_code_requests(channel_user_id, requested_at);
CREATE INDEX identity_code_requests_id ON identity_code_requests(id_number, sent, requested_at);
`,
  },
  {
    version: 3,
    description: 'the events feed (violation recorded, exam result, decision issued), read with a cursor',
    // AUTOINCREMENT: a sequence number is never handed out twice, so a cursor always means the same place.
    sql: `
CREATE TABLE platform_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL CHECK (type IN ('violation.recorded', 'exam.result', 'decision.issued')),
  at TEXT NOT NULL,
  id_number TEXT,
  plate TEXT,
  data TEXT NOT NULL                     -- JSON, the event's typed data
);
`,
  },
  {
    version: 4,
    description: "the driving licence's class and validity; bindings looked up by citizen (whom to tell about an event)",
    // A licence already on file gets its class and validity from the seed step (./setup.ts) or, for other citizens,
    // is read as a first licence (6 years from its first issue) while the columns are empty.
    sql: `
ALTER TABLE citizens ADD COLUMN licence_class TEXT;        -- 准驾车型, e.g. 'C1'
ALTER TABLE citizens ADD COLUMN licence_valid_from TEXT;   -- current validity: last issue or renewal
ALTER TABLE citizens ADD COLUMN licence_valid_until TEXT;  -- NULL with a class: valid long-term (长期)
CREATE INDEX bindings_citizen ON bindings(id_number, bound_at);
`,
  },
];
