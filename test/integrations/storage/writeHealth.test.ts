import { EventEmitter } from 'node:events';
import { WriteHealth } from '../../../integrations/storage/writeHealth';
import { watchMongoWrites, type CommandEvents } from '../../../integrations/storage/mongo/watchMongoWrites';

describe('WriteHealth (readiness of a store\'s writes)', () => {
  it('a failure counts until a write succeeds after it, and only within the window', () => {
    let now = 1_000;
    const h = new WriteHealth(() => now);
    expect(h.recentFailure()).toBeUndefined();
    h.failed('STORAGE_FULL', 'Bot state');
    expect(h.recentFailure(60_000)).toEqual({ code: 'STORAGE_FULL', store: 'Bot state', at: 1_000 });
    now += 60_001;
    expect(h.recentFailure(60_000)).toBeUndefined();
    h.failed('STORAGE_FULL', 'Bot state');
    h.succeeded();
    // Same millisecond: the order of events decides.
    expect(h.recentFailure(60_000)).toBeUndefined();
    h.failed('STORAGE_READONLY');
    expect(h.recentFailure(60_000)?.code).toBe('STORAGE_READONLY');
  });
});

describe('watchMongoWrites (MongoDB command monitoring → write health)', () => {
  const setup = (): { client: EventEmitter; health: WriteHealth } => {
    const client = new EventEmitter();
    const health = new WriteHealth();
    watchMongoWrites(client as unknown as CommandEvents, health);
    return { client, health };
  };

  it('a refused write (disk full on the server) is STORAGE_FULL until a write succeeds; reads change nothing', () => {
    const { client, health } = setup();
    client.emit('commandFailed', { commandName: 'update', failure: { code: 14031, codeName: 'OutOfDiskSpace', message: 'No space left on device' } });
    expect(health.recentFailure()).toMatchObject({ code: 'STORAGE_FULL', store: 'MongoDB update' });
    client.emit('commandSucceeded', { commandName: 'find', reply: { ok: 1 } });
    expect(health.recentFailure()?.code).toBe('STORAGE_FULL');
    client.emit('commandSucceeded', { commandName: 'insert', reply: { ok: 1, n: 1 } });
    expect(health.recentFailure()).toBeUndefined();
  });

  it('write errors and write concern errors in a successful reply are failures; a duplicate key is neither', () => {
    const { client, health } = setup();
    client.emit('commandSucceeded', { commandName: 'insert', reply: { ok: 1, writeErrors: [{ code: 11000, errmsg: 'E11000 duplicate key' }] } });
    expect(health.recentFailure()).toBeUndefined();
    client.emit('commandSucceeded', { commandName: 'update', reply: { ok: 1, writeConcernError: { code: 64, errmsg: 'waiting for replication timed out' } } });
    expect(health.recentFailure()?.code).toBe('STORAGE_UNAVAILABLE');
    client.emit('commandFailed', { commandName: 'findAndModify', failure: { code: 11000, message: 'E11000 duplicate key' } });
    expect(health.recentFailure()?.code).toBe('STORAGE_UNAVAILABLE');
    client.emit('commandFailed', { commandName: 'delete', failure: { name: 'MongoNetworkError', message: 'connection closed' } });
    expect(health.recentFailure()).toMatchObject({ code: 'STORAGE_UNAVAILABLE', store: 'MongoDB delete' });
  });
});
