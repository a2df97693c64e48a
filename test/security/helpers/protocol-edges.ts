import assert from 'node:assert/strict';
import { problemTypes, type ProblemName } from '../../../catalog/sandbox-problems.ts';
import { toRawRequest, type RawBytesAnswer } from './send-raw-bytes.ts';

/** One request that breaks HTTP/1.1 framing or form, and the problem it must get. */
export interface ProtocolEdge {
  name: string;
  /** The bytes sent to a server listening on `port`. */
  request: (port: number) => string;
  problem: ProblemName;
}

const host = (port: number): string => `Host: 127.0.0.1:${String(port)}`;

/**
 * Requests every guichet server must refuse with an RFC 9457 problem, whether Node's parser
 * refuses them (framing) or the server itself does (form): never a bare status line, a
 * text/plain answer, a silent close or a tunnel.
 */
export const protocolEdges: readonly ProtocolEdge[] = [
  {
    name: 'GET * (asterisk-form with a method other than OPTIONS)',
    request: (port) => toRawRequest(['GET * HTTP/1.1', host(port), 'Connection: close']),
    problem: 'badRequest',
  },
  {
    name: 'OPTIONS * (server-wide OPTIONS)',
    request: (port) => toRawRequest(['OPTIONS * HTTP/1.1', host(port), 'Connection: close']),
    problem: 'badRequest',
  },
  {
    name: 'two Content-Length headers that disagree',
    request: (port) =>
      toRawRequest(
        [
          'POST / HTTP/1.1',
          host(port),
          'Content-Length: 1',
          'Content-Length: 2',
          'Connection: close',
        ],
        'ab',
      ),
    problem: 'badRequest',
  },
  {
    name: 'Transfer-Encoding: chunked and Content-Length together (request smuggling)',
    request: (port) =>
      toRawRequest(
        [
          'POST / HTTP/1.1',
          host(port),
          'Transfer-Encoding: chunked',
          'Content-Length: 5',
          'Connection: close',
        ],
        '0\r\n\r\n',
      ),
    problem: 'badRequest',
  },
  {
    name: 'a request target without a leading slash',
    request: (port) => toRawRequest(['GET foo HTTP/1.1', host(port), 'Connection: close']),
    problem: 'badRequest',
  },
  {
    name: 'two Host headers (RFC 9112 §3.2)',
    request: (port) =>
      toRawRequest(['GET / HTTP/1.1', host(port), 'Host: evil.example', 'Connection: close']),
    problem: 'badRequest',
  },
  {
    name: 'a 70 KB header',
    request: (port) =>
      toRawRequest([
        'GET / HTTP/1.1',
        host(port),
        `X-Padding: ${'a'.repeat(70 * 1024)}`,
        'Connection: close',
      ]),
    problem: 'headersTooLarge',
  },
  {
    name: 'CONNECT host:port (a tunnel)',
    request: (port) =>
      toRawRequest([`CONNECT 127.0.0.1:${String(port)} HTTP/1.1`, host(port), 'Connection: close']),
    problem: 'methodNotAllowed',
  },
];

/**
 * Checks `answer` is the catalog's problem `name`, whole: its status, media type, title and a
 * detail that says something without Node's internals (parser codes, stack frames), read to the
 * end with no reset on the way.
 */
export function assertProtocolProblem(answer: RawBytesAnswer, name: ProblemName): void {
  const expected = problemTypes[name];
  assert.equal(answer.error, '', `the connection failed: ${answer.error}`);
  assert.equal(answer.status, expected.status, answer.body);
  assert.equal(answer.headers['content-type'], 'application/problem+json', answer.body);
  const problem = JSON.parse(answer.body) as Record<string, unknown>;
  assert.equal(problem.type, `/problems/${expected.slug}`);
  assert.equal(problem.status, expected.status);
  // Refused before any request is read, or for CONNECT by its Accept-Language: French here.
  const language = answer.headers['content-language'];
  assert.ok(language === 'fr' || language === 'en', `Content-Language: ${String(language)}`);
  assert.equal(problem.title, expected.title[language]);
  assert.equal(typeof problem.detail, 'string');
  assert.doesNotMatch(answer.body, /HPE_|ERR_|node:|\bat \S+:\d+/);
  if (name === 'methodNotAllowed') assert.ok(answer.headers.allow, 'a 405 names what is allowed');
}
