// Real-shaped API Gateway HTTP API (payload format 2.0) events, and tokens signed by an oracle
// (node:crypto directly, not the code under test).
import { createHmac } from 'node:crypto';
import { readConfig } from '../handler/config.ts';
import type { Integration } from '../handler/contract.ts';
import { createHandler, type Handler } from '../handler/index.ts';
import type { GetKey } from '../handler/jwks.ts';
import { assertCtim } from './lib/ctim-check.ts';
import { importBundle } from './lib/stub.ts';
import { integration as stub } from './stub/integration.ts';

/** The contract's test vector. */
export const VECTOR_SECRET = '2qNjghi9O6TFndbifgqwffnXpFyDybHgsQOSIZddvzt4IIRtc0mbHL27TarcK67c';
export const VECTOR_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJrZXkiOiJrZnkwZDlELU1wVERUZG9lYVBWS0ZBIn0.QWE9wwC2U_6UeJaav2kUXPFTF3aljGL-T0oMaZfMT5k';

export const SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMN';
/** 2026-11-28T00:00:00Z, the clock of every handler test. */
export const NOW = Date.UTC(2026, 10, 28);
export const NOW_SECONDS = NOW / 1000;

export function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** Signs `header.payload` with HS256; both given as objects or as raw JSON text. */
export function sign(
  payload: object | string,
  secret: string = SECRET,
  header: object | string = { alg: 'HS256', typ: 'JWT' },
): string {
  const text = (value: object | string) => (typeof value === 'string' ? value : JSON.stringify(value));
  const input = `${base64url(text(header))}.${base64url(text(payload))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export const TOKEN = sign({ key: 'third-party-api-key' });

export interface EventOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
  token?: string | null;
}

/** An event as API Gateway sends it: a POST without a body has no `body` key at all. */
export function event(path: string, options: EventOptions = {}): Record<string, unknown> {
  const method = options.method ?? 'POST';
  const headers: Record<string, string> = {
    accept: '*/*',
    'content-length': String(options.body?.length ?? 0),
    host: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
    'user-agent': 'python-requests/2.32.3',
    'x-amzn-trace-id': 'Root=1-67891233-abcdef012345678912345678',
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...(options.token === null ? {} : { authorization: `Bearer ${options.token ?? TOKEN}` }),
    ...options.headers,
  };
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      domainName: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abcdef1234',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'python-requests/2.32.3' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: '$default',
      stage: '$default',
      time: '28/Nov/2026:00:00:00 +0000',
      timeEpoch: NOW,
    },
    ...(options.body === undefined ? {} : { body: options.body }),
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
}

/** A JSON POST, as API Gateway passes one with `content-type: application/json`. */
export function post(path: string, body: unknown, options: EventOptions = {}): Record<string, unknown> {
  return event(path, {
    ...options,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(body),
  });
}

export interface Harness {
  handler: Handler;
  lines: string[];
  /** The parsed log lines. */
  logs: () => Record<string, unknown>[];
}

/** A handler over the source (the stub integration by default), its log captured, the clock at NOW. */
export function harness(
  env: Record<string, string | undefined> = { SECRET_KEY: SECRET },
  integration: Integration = stub,
  getKey?: GetKey,
): Harness {
  const lines: string[] = [];
  const handler = createHandler({
    config: readConfig(env, integration.settings),
    integration,
    now: () => NOW,
    log: (line) => lines.push(line),
    ...(getKey === undefined ? {} : { getKey }),
  });
  return { handler, lines, logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** The contract's error envelope. */
export function errors(code: string, message: string): { errors: { type: string; code: string; message: string }[] } {
  return { errors: [{ type: 'fatal', code, message }] };
}

export function authError(reason: string) {
  return errors('authorization error', `Authorization failed: ${reason}`);
}

export function invalid(fieldErrors: unknown) {
  return errors('invalid argument', `Invalid JSON payload received. ${JSON.stringify(fieldErrors)}.`);
}

/**
 * Calls the handler and parses its answer. Every HTTP 200 answer of a relay route goes through the
 * CTIM check (test/lib/ctim-check.ts), so that no test can build an answer XDR would refuse.
 */
export async function call(
  handler: Handler,
  input: unknown,
  lambdaContext: object = {},
): Promise<{ status: number; headers: Readonly<Record<string, string>>; body: unknown }> {
  const result = await handler(input, { awsRequestId: 'c0ffee00-0000-4000-8000-000000000000', ...lambdaContext });
  const body = JSON.parse(result.body) as unknown;
  const path = (input as { rawPath?: unknown } | undefined)?.rawPath;
  if (result.statusCode === 200 && typeof path === 'string') assertCtim(path.replace(/(?<=.)\/$/, ''), body);
  return { status: result.statusCode, headers: result.headers, body };
}

/**
 * The bundle of the stub integration, configured from `env` as Lambda would be from its
 * environment; its log lines are dropped.
 */
export async function loadBuilt(env: Record<string, string>, path?: string): Promise<{ handler: Handler }> {
  const built = await importBundle(path);
  return { handler: built.createRelay(env, () => undefined) };
}
