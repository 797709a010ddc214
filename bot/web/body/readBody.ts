import type { IncomingMessage } from 'node:http';
import { BodyRefusal } from './BodyRefusal';

/** The client went away before its body was complete: nothing to answer. */
export class BodyAborted extends Error {
  constructor() {
    super('the client closed the connection before sending the whole body');
    this.name = 'BodyAborted';
  }
}

/**
 * Reads a request body into memory, never more than `limit` bytes: a declared Content-Length above it is refused
 * before a byte is read, and a body that grows past it while streaming is refused at that moment (reading stops;
 * the caller answers with `connection: close`). Nothing is ever written to disk.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (): void => {
      done();
      reject(new BodyAborted());
    };
    const onClose = (): void => {
      if (req.complete) return;
      done();
      reject(new BodyAborted());
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function tooLarge(limit: number): BodyRefusal {
  return new BodyRefusal(413, 'BODY_TOO_LARGE', `request body too large: at most ${limit} bytes are accepted here`);
}
