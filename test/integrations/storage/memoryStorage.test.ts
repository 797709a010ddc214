import { MemoryStorage } from 'botbuilder';
import { runStorageContract } from './storageContract';

// The reference the contract describes: botbuilder's own MemoryStorage. Its batches are not atomic.
runStorageContract('botbuilder MemoryStorage', async () => ({ storage: new MemoryStorage(), close: async () => undefined }), {
  atomicBatches: false,
});
