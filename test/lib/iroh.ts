// The rules of XDR's IROH API for a new module type (iroh-int OpenAPI 1.0.107,
// `NewModuleTypeParams`, `additionalProperties: false`), stated here in our own words.

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


