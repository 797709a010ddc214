import {
  MongoClient, MongoNetworkError, MongoNetworkTimeoutError, MongoNotConnectedError, MongoServerError, MongoServerSelectionError,
  MongoTopologyClosedError, type TopologyDescription,
} from 'mongodb';
import mongoose, { Schema } from 'mongoose';
import { DuplicateAgentError } from '../../../../integrations/storage/agents';
import { StorageConflictError, StorageUnavailableError } from '../../../../integrations/storage/errors';
import { connectMongo, redactUri } from '../../../../integrations/storage/mongo/connectMongo';
import { createMongoStores } from '../../../../integrations/storage/mongo/createMongoStores';
import { isDuplicateKey, isUnavailable, mongoStep } from '../../../../integrations/storage/mongo/mongoErrors';

/**
 * How the MongoDB adapter classifies driver errors, with the driver's own error classes and errors raised by real
 * failed connections (port 1 on the loopback refuses at once), so no server is needed.
 */
const UNREACHABLE = 'mongodb://127.0.0.1:1/x';

/** A real server selection failure: the driver's error with the TopologyDescription it carries. */
let selectionError: MongoServerSelectionError;
/** The TopologyDescription of that failure: what the driver passes to MongoServerSelectionError's constructor. */
let topology: TopologyDescription;
/** A real "client closed" failure: an operation on a closed client. */
let notConnectedError: MongoNotConnectedError;

beforeAll(async () => {
  const client = new MongoClient(UNREACHABLE, { serverSelectionTimeoutMS: 300 });
  const failed = await client.db('x').command({ ping: 1 }).then(() => undefined, (e: unknown) => e);
  if (!(failed instanceof MongoServerSelectionError)) throw new Error(`expected a MongoServerSelectionError, got ${String(failed)}`);
  selectionError = failed;
  if (!failed.reason) throw new Error('the server selection error carries no TopologyDescription');
  topology = failed.reason;
  await client.close();
  const closed = await client.db('x').collection('c').findOne({}).then(() => undefined, (e: unknown) => e);
  if (!(closed instanceof MongoNotConnectedError)) throw new Error(`expected a MongoNotConnectedError, got ${String(closed)}`);
  notConnectedError = closed;
});

const duplicateKey = (): MongoServerError =>
  new MongoServerError({ message: 'E11000 duplicate key error collection: jiaoguan.agents index: username_1 dup key: { username: "alice" }', code: 11000 });

describe('isDuplicateKey', () => {
  it('recognises the server error for a unique index violation (code 11000)', () => {
    expect(isDuplicateKey(duplicateKey())).toBe(true);
  });

  it.each<[string, unknown]>([
    ['another server error', new MongoServerError({ message: 'Transaction numbers are only allowed on a replica set member or mongos', code: 20 })],
    ['a network error', new MongoNetworkError('connection 1 to 127.0.0.1:27017 closed')],
    ['a plain error', new Error('E11000 in the message only')],
    ['undefined', undefined],
    ['null', null],
    ['a string', 'E11000'],
  ])('is false for %s', (_label, err) => {
    expect(isDuplicateKey(err)).toBe(false);
  });
});

describe('isUnavailable', () => {
  it.each<[string, () => unknown]>([
    ['MongoNetworkError', () => new MongoNetworkError('connection 3 to 10.0.0.5:27017 closed')],
    ['MongoNetworkTimeoutError', () => new MongoNetworkTimeoutError('connection 3 to 10.0.0.5:27017 timed out')],
    ['MongoServerSelectionError (real, from a refused connection)', () => selectionError],
    ['MongoServerSelectionError (constructed with a TopologyDescription)', () => new MongoServerSelectionError('Server selection timed out after 30000 ms', topology)],
    ['MongoNotConnectedError (real, from a closed client)', () => notConnectedError],
    ['MongoTopologyClosedError', () => new MongoTopologyClosedError()],
    ['MongooseError: connection force closed', () => new mongoose.Error('Connection was force closed')],
  ])('is true for %s', (_label, make) => {
    expect(isUnavailable(make())).toBe(true);
  });

  it.each<[string, () => unknown]>([
    ['a duplicate key', duplicateKey],
    ['an authorization failure', () => new MongoServerError({ message: 'not authorized on jiaoguan to execute command', code: 13 })],
    ['a storage conflict', () => new StorageConflictError('k')],
    ['a duplicate agent', () => new DuplicateAgentError('alice')],
    ['a TypeError', () => new TypeError('x is not a function')],
    ['an unrelated MongooseError', () => new mongoose.Error('Schema hasn\'t been registered for model "X"')],
    ['undefined', () => undefined],
    ['null', () => null],
  ])('is false for %s', (_label, make) => {
    expect(isUnavailable(make())).toBe(false);
  });

  it('is true for mongoose timing out a buffered command (real)', async () => {
    const conn = mongoose.createConnection();
    const model = conn.model('Buffered', new Schema({ _id: String }, { bufferTimeoutMS: 50 }));
    try {
      const error = await model.findOne({}).then(() => undefined, (e: unknown) => e);
      expect((error as Error).message).toMatch(/buffering timed out after 50ms/);
      expect(isUnavailable(error)).toBe(true);
    } finally {
      await conn.close();
    }
  });

  // connectMongo turns command buffering off: a command on a connection that is not open fails at once with this
  // MongooseError. It means "mongoose has no connection to send the command on", which isUnavailable's contract
  // counts as unavailable; the message ("… before initial connection is complete …") escapes its pattern.
  it('is true for a command sent on a connection that is not open (bufferCommands false, real)', async () => {
    const conn = mongoose.createConnection();
    const model = conn.model('Unbuffered', new Schema({ _id: String }, { bufferCommands: false }));
    try {
      const error = await model.findOne({}).then(() => undefined, (e: unknown) => e);
      expect((error as Error).message).toMatch(/before initial connection is complete/);
      expect(isUnavailable(error)).toBe(true);
    } finally {
      await conn.close();
    }
  });
});

describe('mongoStep', () => {
  it('returns what the step returns', async () => {
    await expect(mongoStep('Agents', async () => 42)).resolves.toBe(42);
  });

  it.each<[string, () => Error]>([
    ['a network error', () => new MongoNetworkError('connection 3 to 10.0.0.5:27017 closed')],
    ['a server selection timeout', () => selectionError],
    ['a closed client', () => notConnectedError],
  ])('turns %s into StorageUnavailableError naming the step, keeping the cause', async (_label, make) => {
    const cause = make();
    const error = await mongoStep('Handoffs', async () => {
      throw cause;
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(error).toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: `Handoffs: MongoDB unavailable: ${cause.message}` });
    expect((error as Error).cause).toBe(cause);
  });

  it.each<[string, () => unknown]>([
    ['a duplicate key', duplicateKey],
    ['a storage conflict', () => new StorageConflictError('conv/1')],
    ['a duplicate agent', () => new DuplicateAgentError('alice')],
    ['a validation error', () => new mongoose.Error.ValidationError()],
    ['a non-error value', () => 'boom'],
  ])('passes %s through unchanged', async (_label, make) => {
    const thrown = make();
    const error = await mongoStep('Agents', async () => {
      throw thrown;
    }).catch((e: unknown) => e);
    expect(error).toBe(thrown);
  });
});

describe('redactUri', () => {
  it.each([
    ['mongodb://bot:s3cr3t@db.example.internal:27017/jiaoguan', 'mongodb://bot:***@db.example.internal:27017/jiaoguan'],
    ['mongodb+srv://bot:p%40ss%3Aword@cluster0.example.net/jiaoguan?retryWrites=true', 'mongodb+srv://bot:***@cluster0.example.net/jiaoguan?retryWrites=true'],
    ['mongodb://bot:pa:ss@h1:27017,h2:27018/jiaoguan?replicaSet=rs0&authSource=admin', 'mongodb://bot:***@h1:27017,h2:27018/jiaoguan?replicaSet=rs0&authSource=admin'],
    ['mongodb://bot:@localhost/jiaoguan', 'mongodb://bot:***@localhost/jiaoguan'],
  ])('hides the password of %s', (uri, redacted) => {
    expect(redactUri(uri)).toBe(redacted);
  });

  it.each(['mongodb://localhost:27017/jiaoguan', 'mongodb://bot@localhost/jiaoguan?authMechanism=MONGODB-X509', 'mongodb://h1:1,h2:2/?replicaSet=rs0'])(
    'leaves %s (no password) unchanged',
    (uri) => {
      expect(redactUri(uri)).toBe(uri);
    },
  );
});

describe('connectMongo', () => {
  it('rejects with StorageUnavailableError naming the server when nothing listens there', async () => {
    const started = Date.now();
    const error = await connectMongo(UNREACHABLE, { serverSelectionTimeoutMS: 300 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(error).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    const message = (error as Error).message;
    expect(message.startsWith(`STORE=mongo: cannot connect to MongoDB at ${UNREACHABLE}: `)).toBe(true);
    expect(message).toMatch(/ECONNREFUSED/);
    expect((error as Error).cause).toBeDefined();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('never shows the password of the URI in the error', async () => {
    const uri = 'mongodb://jiaoguan:Tr0ub4dor-and-3@127.0.0.1:1/x?authSource=admin';
    const error = await connectMongo(uri, { serverSelectionTimeoutMS: 300 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    const message = (error as Error).message;
    expect(message.startsWith('STORE=mongo: cannot connect to MongoDB at mongodb://jiaoguan:***@127.0.0.1:1/x?authSource=admin: ')).toBe(true);
    expect(message).not.toContain('Tr0ub4dor');
  });

  it('reports a malformed URI the same way, with the driver\'s reason', async () => {
    const error = await connectMongo('mongo://localhost/x', { serverSelectionTimeoutMS: 300 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toMatch(/^STORE=mongo: cannot connect to MongoDB at mongo:\/\/localhost\/x: .*mongodb:\/\//);
  });

  it('createMongoStores fails the same way at start-up (the bot never falls back to another store)', async () => {
    const error = await createMongoStores(UNREACHABLE, { serverSelectionTimeoutMS: 300 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message.startsWith(`STORE=mongo: cannot connect to MongoDB at ${UNREACHABLE}`)).toBe(true);
  });
});
