import { MAPPING_TARGETS as TARGETS, type LeadSourceMapping as CustomMapping, type LeadSourceType } from "../../../../src/domain/leadSources";

// How a lead source's payload maps onto a lead: a preset (by the source's type), plus optional explicit paths.
type MappingTarget = (typeof TARGETS)[number];

// Field names seen in the wild, compared after lowercasing and dropping everything but letters and digits.
const ALIASES: Record<MappingTarget, string[]> = {
  firstName: ["firstname", "first", "fname", "givenname", "ownerfirstname"],
  lastName: ["lastname", "last", "lname", "surname", "familyname", "ownerlastname"],
  fullName: ["name", "fullname", "contactname", "ownername", "owner", "sellername"],
  email: ["email", "emailaddress", "mail"],
  phone: ["phone", "phonenumber", "mobile", "mobilephone", "cell", "cellphone", "tel", "telephone"],
  source: ["source", "leadsource"],
  notes: ["notes", "note", "message", "comments", "comment", "description"],
  tags: ["tags", "labels"],
  street: ["street", "streetaddress", "address1", "addressline1", "propertyaddress", "propertystreet"],
  city: ["city", "town", "propertycity"],
  state: ["state", "province", "region", "propertystate"],
  zip: ["zip", "zipcode", "postalcode", "postcode", "postal", "propertyzip"],
  addressLine: ["address", "fulladdress"],
  eventId: ["eventid", "id", "leadid", "leadgenid", "submissionid"],
};
const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gclid", "fbclid"];

const squash = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Best guess of which lead field a column holds, from its header ("E-mail Address" → email). */
export function guessColumnMapping(headers: string[]): Partial<Record<MappingTarget, string>> {
  const mapping: Partial<Record<MappingTarget, string>> = {};
  for (const target of TARGETS) {
    if (target === "eventId") continue;
    const header = headers.find((h) => ALIASES[target].includes(squash(h)) && !Object.values(mapping).includes(h));
    if (header) mapping[target] = header;
  }
  return mapping;
}

export interface MappedLead {
  lead: Record<string, unknown>;
  eventId: string | null;
  attribution: Record<string, string>;
}

function pick(path: string, payload: unknown): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), payload);
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.length > 0) return text(value[0]);
  return undefined;
}

/** Facebook Lead Ads: a leadgen object with field_data [{name, values}], possibly inside entry[].changes[].value. */
function flattenFacebook(payload: unknown): Record<string, unknown> {
  const root = payload as Record<string, unknown>;
  const value = (pick("entry.0.changes.0.value", root) as Record<string, unknown>) ?? root;
  const flat: Record<string, unknown> = {};
  for (const field of (value.field_data as { name?: string; values?: unknown[] }[] | undefined) ?? []) {
    if (field?.name) flat[field.name] = field.values?.[0];
  }
  flat.leadgen_id = value.leadgen_id ?? value.id;
  for (const k of ["ad_id", "form_id", "campaign_id", "adset_id"]) if (value[k] !== undefined) flat[k] = value[k];
  return flat;
}

function byAliases(flat: Record<string, unknown>): Partial<Record<MappingTarget, unknown>> {
  const index = new Map<string, unknown>();
  for (const [k, v] of Object.entries(flat)) if (!index.has(squash(k))) index.set(squash(k), v);
  const out: Partial<Record<MappingTarget, unknown>> = {};
  for (const target of TARGETS) {
    for (const alias of ALIASES[target]) {
      if (index.has(alias) && index.get(alias) !== "" && index.get(alias) !== null) {
        out[target] = index.get(alias);
        break;
      }
    }
  }
  // Nested objects a generic sender may use: {address: {street, city, state, zip}}, {utm: {...}}
  const address = flat.address;
  if (address && typeof address === "object" && !Array.isArray(address)) {
    Object.assign(out, byAliases(address as Record<string, unknown>));
    delete out.addressLine;
  }
  return out;
}

/**
 * A delivery's payload → the fields of a lead (still to be validated by the lead schema), its event id for
 * idempotency, and its attribution (UTM parameters, click ids, ad ids).
 */
export function mapPayload(type: LeadSourceType, payload: unknown, custom: CustomMapping = {}): MappedLead {
  const object = payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
  const flat = type === "facebook" ? flattenFacebook(object) : object;
  const found = byAliases(flat);
  for (const [target, path] of Object.entries(custom)) {
    const v = pick(path, object);
    if (v !== undefined) found[target as MappingTarget] = v;
  }

  let firstName = text(found.firstName);
  let lastName = text(found.lastName);
  const fullName = text(found.fullName)?.trim();
  if (!firstName && !lastName && fullName) {
    const [first, ...rest] = fullName.split(/\s+/);
    firstName = first;
    lastName = rest.join(" ") || undefined;
  }
  const tags = Array.isArray(found.tags) ? found.tags.map(text).filter(Boolean) : text(found.tags)?.split(",").map((t) => t.trim()).filter(Boolean);

  const attribution: Record<string, string> = {};
  const utmObject = (object.utm && typeof object.utm === "object" ? object.utm : {}) as Record<string, unknown>;
  for (const key of UTM_KEYS) {
    const v = text(flat[key]) ?? text(utmObject[key]) ?? text(utmObject[key.replace(/^utm_/, "")]);
    if (v) attribution[key] = v.slice(0, 200);
  }
  if (type === "facebook") for (const k of ["ad_id", "form_id", "campaign_id", "adset_id"]) if (text(flat[k])) attribution[k] = text(flat[k])!;

  const lead: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) lead[key] = value;
  };
  set("firstName", firstName);
  set("lastName", lastName);
  set("email", text(found.email));
  set("phone", text(found.phone));
  set("source", text(found.source));
  set("notes", text(found.notes));
  set("tags", tags);
  const address = { street: text(found.street), city: text(found.city), state: text(found.state), zip: text(found.zip) };
  if (Object.values(address).some(Boolean)) lead.address = Object.fromEntries(Object.entries(address).filter(([, v]) => v !== undefined));
  const line = text(found.addressLine);
  const eventId = text(found.eventId) ?? null;
  return { lead: line && !lead.address ? { ...lead, addressLine: line } : lead, eventId: eventId ? eventId.slice(0, 200) : null, attribution };
}
