import { connect } from 'node:net';

/** An answer read off a socket whose request was written byte for byte. */
export interface RawBytesAnswer {
  /** 0 when the server closed the connection without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The code of a socket error met while reading (`ECONNRESET`), or ''. */
  error: string;
}

/**
 * Writes `bytes` exactly as given — no Host header added, no request line checked — on a new
 * connection, half-closes nothing, and reads until the server closes. For requests a client
 * library refuses to send: two Host headers, two Content-Lengths, a 70 KB header.
 */
export async function sendRawBytes(port: number, bytes: string): Promise<RawBytesAnswer> {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  let error = '';
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', (failure: NodeJS.ErrnoException) => {
    error = failure.code ?? failure.message;
  });
  socket.write(bytes);
  await new Promise<void>((resolve) => {
    socket.on('close', () => {
      resolve();
    });
  });
  const received = Buffer.concat(chunks);
  const headEnd = received.indexOf('\r\n\r\n');
  if (headEnd === -1) return { status: 0, headers: {}, body: received.toString('utf8'), error };
  const [statusLine = '', ...lines] = received
    .subarray(0, headEnd)
    .toString('latin1')
    .split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(statusLine.split(' ')[1] ?? 0),
    headers,
    body: received.subarray(headEnd + 4).toString('utf8'),
    error,
  };
}

/** A request head written line by line, ending with the blank line (and `body` after it). */
export function toRawRequest(lines: readonly string[], body = ''): string {
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
