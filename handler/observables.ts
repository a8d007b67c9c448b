import type { Observable, ObservableTypes } from './contract.ts';

/**
 * The observable types CTIM knows (threatgrid/ctim 1.3.28, src/ctim/schemas/vocabularies.cljc,
 * observable-type-identifier): an entity about any other type is not CTIM. One string, split:
 * 2 bytes less per type in the bundle than a list of literals.
 */
export const CTIM_OBSERVABLE_TYPES: readonly string[] = (
  'acudid amp_computer_guid certificate_common_name certificate_issuer certificate_serial cisco_cm_id ' +
  'cisco_mid cisco_uc_id cortex_agent_id crowdstrike_id cvm_id cybereason_id darktrace_id device ' +
  'domain email email_messageid email_subject file_name file_path google_chromebook_id google_cloud_id ' +
  'hostname imei imsi intune_id ip ipv6 jamf_management_id mac_address md5 meraki_network_id ' +
  'meraki_node_sn meraki_org_id ms_machine_id mutex ngfw_id ngfw_name odns_identity ' +
  'odns_identity_label orbital_node_id pki_serial process_args process_hash process_name process_path ' +
  'process_uid process_username processor_id registry_key registry_name registry_path s1_agent_id ' +
  'secure_access_id serial_number service_now_id sha1 sha256 swc_device_id trend_micro_id url user ' +
  'user_agent'
).split(' ');

/**
 * Refuses, when the relay starts, an `observableTypes` that names a type CTIM does not know: no
 * entity about it could reach XDR. Any case is accepted (types are compared lower-cased).
 */
export function checkObservableTypes(types: ObservableTypes): void {
  if (types === 'all') return;
  // A JavaScript integration, or one cast past the types, would otherwise crash the cold start.
  if (!Array.isArray(types) || types.some((type) => typeof type !== 'string')) {
    throw new TypeError(`observableTypes: must be 'all' or a list of observable type names, in handler/integration.ts: ${String(types)}`);
  }
  const unknown = types.filter((type) => !CTIM_OBSERVABLE_TYPES.includes(type.toLowerCase()));
  if (unknown.length > 0) {
    throw new TypeError(`observableTypes: not an observable type CTIM knows: ${unknown.map((type) => JSON.stringify(type)).join(', ')} (handler/observables.ts lists them)`);
  }
}

/**
 * Up to this many observables, a duplicate is found by comparing with those kept: a request's few
 * observables (XDR's usual) allocate no Map and Sets, which cost 0.3x an HMAC for three. Beyond,
 * a Set of values per type keeps a long list linear.
 */
const SCANNED = 16;

/**
 * Keeps the supported types, lower-cased, each `{type, value}` once, in the order received.
 * Unsupported types are skipped silently: XDR asks every module about every observable.
 */
export function selectObservables(observables: readonly Observable[], types: ObservableTypes): Observable[] {
  return selectorOf(types)(observables);
}

/** `selectObservables` for one set of types, made once (the routes make theirs when the relay starts). */
export function selectorOf(types: ObservableTypes): (observables: readonly Observable[]) => Observable[] {
  const supported = types === 'all' ? undefined : new Set(types.map((type) => type.toLowerCase()));
  return (observables) => {
    // Values seen, per type: only for a long list.
    const seen = observables.length > SCANNED ? new Map<string, Set<string>>() : undefined;
    const selected: Observable[] = [];
    for (const observable of observables) {
      const type = observable.type.toLowerCase();
      if (supported !== undefined && !supported.has(type)) continue;
      const { value } = observable;
      if (seen === undefined ? isKept(selected, type, value) : !addValue(seen, type, value)) continue;
      // Already lower-case (the usual case): no copy.
      selected.push(type === observable.type ? observable : { type, value });
    }
    return selected;
  };
}

function isKept(selected: readonly Observable[], type: string, value: string): boolean {
  for (const kept of selected) {
    if (kept.type === type && kept.value === value) return true;
  }
  return false;
}

/** Adds `value` to the type's values; false if it was there already. */
function addValue(seen: Map<string, Set<string>>, type: string, value: string): boolean {
  const values = seen.get(type) ?? new Set<string>();
  if (values.has(value)) return false;
  seen.set(type, values.add(value));
  return true;
}
