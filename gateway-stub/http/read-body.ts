import type { IncomingMessage } from 'node:http';

/** What reading a request body gave. */
export type BodyResult =
  { kind: 'body'; body: Buffer | undefined } | { kind: 'too-large' } | { kind: 'aborted' };

/** True when the request announces a body (RFC 9112 §6.3: a length or a transfer coding). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** True when `Content-Length` already says the body is over the limit. */
export function isDeclaredTooLarge(req: IncomingMessage, maxBytes: number): boolean {
  const length = req.headers['content-length'];
  return length !== undefined && Number(length) > maxBytes;
}

/**
 * Reads a request body whole, up to `maxBytes`. Bodies are read before forwarding so a body
 * over the limit gets a clean 413 rather than a request cut halfway at the mock server.
 */
export function readBody(
  req: IncomingMessage,
  maxBytes: number,
  done: (result: BodyResult) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (result: BodyResult): void => {
    if (settled) return;
    settled = true;
    req.removeListener('data', onData);
    done(result);
  };
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > maxBytes) {
      req.pause();
      settle({ kind: 'too-large' });
      return;
    }
    chunks.push(chunk);
  };
  req.on('data', onData);
  req.once('end', () => {
    settle({ kind: 'body', body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
  });
  req.once('close', () => {
    if (!req.complete) settle({ kind: 'aborted' });
  });
  req.once('error', () => {
    settle({ kind: 'aborted' });
  });
}
