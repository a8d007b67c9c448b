// A fake of XDR's IROH API on 127.0.0.1 for the registration tests, and the rules it checks
// bodies against: iroh-int OpenAPI 1.0.107's `NewModuleTypeParams`, `NewModuleInstanceParams` and
// `PatchModuleInstanceParams` (all `additionalProperties: false`), stated here in our own words
// (docs/iroh-api.md lists what we rely on, and where it comes from).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const TOP_LEVEL = new Set([
  'title', 'default_name', 'description', 'short_description', 'tips', 'logo', 'logo_dark', 'external_references',
  'configuration_spec', 'capabilities', 'properties', 'flags', 'enabled', 'app_link', 'app_link_meta',
  'product_categories', 'integration', 'integration_id', 'max_nb_instances', 'ocsf-product-uid', 'former_title',
]);
const FIELD_KEYS = new Set(['key', 'type', 'label', 'tooltip', 'required', 'group', 'subtype', 'options', 'default_value', 'strict-options', 'beta']);
const FIELD_TYPES = new Set(['remote', 'password', 'file', 'string', 'api_key', 'integer', 'device', 'options', 'boolean']);
const CAPABILITIES = new Set([
  'detection_source', 'device_insights', 'respond', 'observe', 'assets', 'incident/resolve', 'notifications',
  'data_ingestion', 'target_records', 'health', 'automate', 'tiles', 'refer', 'threat_hunts', 'deliberate',
]);
const REFERENCE_KEYS = new Set(['label', 'link', 'external_id', 'class']);
const PRODUCT_CATEGORIES = new Set([
  'siem', 'threat-intel', 'email-security', 'ndr', 'rf-security', 'cloud-firewall', 'itsm', 'edr', 'cloud-security', 'firewall',
]);

/** Every way a module type breaks XDR's schema, as a list of problems (empty: valid). */
export function schemaProblems(value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(value)) if (!TOP_LEVEL.has(key)) problems.push(`unknown key ${key}`);
  for (const key of ['title', 'default_name']) if (typeof value[key] !== 'string' || value[key] === '') problems.push(`${key} is required`);
  for (const field of (value['configuration_spec'] ?? []) as Record<string, unknown>[]) {
    for (const key of Object.keys(field)) if (!FIELD_KEYS.has(key)) problems.push(`configuration_spec: unknown key ${key}`);
    for (const key of ['key', 'type', 'label']) if (typeof field[key] !== 'string') problems.push(`configuration_spec: ${key} is required`);
    if (!FIELD_TYPES.has(String(field['type']))) problems.push(`configuration_spec: type ${String(field['type'])}`);
  }
  for (const capability of (value['capabilities'] ?? []) as Record<string, unknown>[]) {
    if (Object.keys(capability).sort().join() !== 'description,id') problems.push('capabilities: {id, description} only');
    if (!CAPABILITIES.has(String(capability['id']))) problems.push(`capabilities: id ${String(capability['id'])}`);
  }
  for (const reference of (value['external_references'] ?? []) as Record<string, unknown>[]) {
    for (const key of Object.keys(reference)) if (!REFERENCE_KEYS.has(key)) problems.push(`external_references: unknown key ${key}`);
  }
  for (const category of (value['product_categories'] ?? []) as Record<string, unknown>[]) {
    if (Object.keys(category).sort().join() !== 'description,id') problems.push('product_categories: {id, description} only');
    if (!PRODUCT_CATEGORIES.has(String(category['id']))) problems.push(`product_categories: id ${String(category['id'])}`);
  }
  for (const field of (value['configuration_spec'] ?? []) as Record<string, unknown>[]) {
    if (field['required'] !== undefined && typeof field['required'] !== 'boolean') problems.push('configuration_spec: required must be a boolean');
  }
  if (typeof value['properties'] !== 'object' || value['properties'] === null) problems.push('properties must be a map');
  if (!((value['flags'] ?? []) as unknown[]).every((flag) => typeof flag === 'string')) problems.push('flags must be strings');
  return problems;
}

const VISIBILITIES = new Set(['global', 'org', 'user']);

/** A setting's value: a string, boolean or number, a list of them, or a map of settings again. */
function isSettingValue(value: unknown): boolean {
  if (['string', 'boolean', 'number'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every((item) => ['string', 'boolean', 'number'].includes(typeof item));
  return isSettings(value);
}
function isSettings(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isSettingValue);
}

/** Every way a module instance body breaks XDR's schema: `new` for POST, `patch` for PATCH. */
export function instanceProblems(value: unknown, kind: 'new' | 'patch'): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['the body must be an object'];
  const body = value as Record<string, unknown>;
  const keys = kind === 'new'
    ? ['name', 'module_type_id', 'visibility', 'parent_id', 'settings', 'external_references', 'enabled']
    : ['name', 'module_type_id', 'parent_id', 'external_references', 'enabled', 'settings'];
  const problems = Object.keys(body).filter((key) => !keys.includes(key)).map((key) => `unknown key ${key}`);
  if (kind === 'new') {
    for (const key of ['name', 'module_type_id', 'visibility']) if (typeof body[key] !== 'string') problems.push(`${key} is required`);
    if (body['visibility'] !== undefined && !VISIBILITIES.has(String(body['visibility']))) problems.push(`visibility ${String(body['visibility'])}`);
  }
  for (const key of ['name', 'module_type_id']) if (body[key] !== undefined && typeof body[key] !== 'string') problems.push(`${key} must be a string`);
  if (body['enabled'] !== undefined && typeof body['enabled'] !== 'boolean' && !(kind === 'patch' && body['enabled'] === null)) problems.push('enabled must be a boolean');
  if (body['settings'] !== undefined && !isSettings(body['settings']) && !(kind === 'patch' && body['settings'] === null)) problems.push('settings must be a map of strings, booleans, numbers and lists of them');
  return problems;
}

/** One request the fake received. */
export interface IrohCall {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** An API client of the fake: its secret, its organization, and its scopes (all by default). */
export interface IrohClient {
  readonly secret: string;
  readonly org: string;
  readonly scopes?: readonly string[];
}

export type Stored = Record<string, unknown> & { id: string; org_id: string };

export interface FakeIroh {
  readonly url: string;
  /** Every request, in order. */
  readonly calls: IrohCall[];
  readonly types: Map<string, Stored>;
  readonly instances: Map<string, Stored & { settings: Record<string, unknown> }>;
  /** Answers to force, by `METHOD path` (e.g. `POST /iroh/iroh-int/module-instance`): status and body. */
  readonly force: Map<string, { status: number; body: unknown }>;
  close(): Promise<void>;
}

const SCOPE = new Map([['module-type', 'integration/module-type'], ['module-instance', 'integration/module-instance']]);

/**
 * Starts the fake IROH: OAuth2 client credentials at /iroh/oauth2/token, then module types and
 * module instances per organization, each body checked against XDR's schema, each missing scope
 * and unknown id answered as IROH does (403, 404 with `*_not_found`).
 */
export async function startIroh(clients: Readonly<Record<string, IrohClient>>): Promise<FakeIroh> {
  const calls: IrohCall[] = [];
  const types = new Map<string, Stored>();
  const instances = new Map<string, Stored & { settings: Record<string, unknown> }>();
  const force = new Map<string, { status: number; body: unknown }>();
  let next = 0;
  const handle = (request: IncomingMessage, response: ServerResponse, raw: string) => {
    const url = new URL(request.url ?? '/', 'http://iroh.test');
    const method = request.method ?? '';
    calls.push({ method, path: `${url.pathname}${url.search}`, headers: request.headers, body: raw });
    const send = (status: number, value?: unknown) => {
      response.writeHead(status, value === undefined ? {} : { 'content-type': 'application/json' });
      response.end(value === undefined ? undefined : JSON.stringify(value));
    };
    const forced = force.get(`${method} ${url.pathname}`);
    if (forced !== undefined) return send(forced.status, forced.body);
    if (url.pathname === '/iroh/oauth2/token') {
      const [id, secret] = Buffer.from((request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
      const client = Object.hasOwn(clients, id ?? '') ? clients[id ?? ''] : undefined;
      if (client === undefined || client.secret !== secret || raw !== 'grant_type=client_credentials') {
        return send(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      return send(200, { access_token: `access-${id}`, token_type: 'bearer', expires_in: 600 });
    }
    const clientId = /^Bearer access-(.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const client = Object.hasOwn(clients, clientId) ? clients[clientId] : undefined;
    if (client === undefined) return send(401, { error: 'invalid_token' });
    const match = /^\/iroh\/iroh-int\/(module-type|module-instance)(?:\/([^/]+))?$/.exec(url.pathname);
    if (match === null) return send(404, { error: 'not_found' });
    const [, kind = '', id] = match;
    const scope = SCOPE.get(kind) ?? '';
    if (client.scopes !== undefined && !client.scopes.includes(scope)) {
      return send(403, { error: 'missing_scope', error_description: `Missing scope: ${scope}:${method === 'GET' ? 'read' : 'write'}` });
    }
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      return send(400, { error: 'invalid_json' });
    }
    const store = (kind === 'module-type' ? types : instances) as Map<string, Stored>;
    const notFound = { error: `${kind.replace('-', '_')}_not_found` };
    const found = id === undefined ? undefined : store.get(decodeURIComponent(id));
    const own = found !== undefined && found.org_id === client.org ? found : undefined;
    const stamp = { org_id: client.org, client_id: clientId, user_id: `user-${clientId}`, updated_at: '2026-12-07T00:00:00.000Z' };
    if (id === undefined && method === 'GET') {
      const typeId = url.searchParams.get('module_type_id');
      return send(200, [...store.values()].filter((item) => item.org_id === client.org && (typeId === null || item['module_type_id'] === typeId)));
    }
    if (id === undefined && method === 'POST') {
      const problems = kind === 'module-type' ? schemaProblems(body as Record<string, unknown>) : instanceProblems(body, 'new');
      if (problems.length > 0) return send(400, { errors: [{ message: problems.join('; ') }] });
      const fields = body as Record<string, unknown>;
      if (kind === 'module-instance' && types.get(String(fields['module_type_id']))?.org_id !== client.org) return send(404, { error: 'module_type_not_found' });
      const created = { ...fields, ...stamp, id: `${kind === 'module-type' ? 'mt' : 'mi'}-${++next}`, created_at: '2026-12-07T00:00:00.000Z', enabled: fields['enabled'] ?? true } as Stored;
      store.set(created.id, created);
      return send(200, created);
    }
    if (own === undefined) return send(404, notFound);
    if (method === 'GET') return send(200, own);
    if (method === 'DELETE') {
      store.delete(own.id);
      return send(204);
    }
    if (method === 'PATCH') {
      const problems = kind === 'module-type' ? schemaProblems(body as Record<string, unknown>) : instanceProblems(body, 'patch');
      if (problems.length > 0) return send(400, { errors: [{ message: problems.join('; ') }] });
      const fields = body as Record<string, unknown>;
      // Settings are a partial update (PartialModuleInstanceSettings): the keys sent replace theirs.
      const settings = kind === 'module-instance' && fields['settings'] !== undefined ? { settings: { ...(own['settings'] as object), ...(fields['settings'] as object) } } : {};
      const updated = { ...own, ...fields, ...settings, ...stamp, id: own.id } as Stored;
      store.set(own.id, updated);
      return send(200, updated);
    }
    return send(405, { error: 'method_not_allowed' });
  };
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => handle(request, response, raw));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    types,
    instances: instances as FakeIroh['instances'],
    force,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
