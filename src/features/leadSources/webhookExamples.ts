import type { LeadSource } from "@/domain/leadSources";
import type { MappingTarget } from "./labels";

export const SIGNATURE_HEADER = "X-Hidden-Key-Signature";

/** Where a source posts: this app's origin plus the source's webhook path. */
export function webhookUrl(source: Pick<LeadSource, "webhookPath">, origin = window.location.origin): string {
  return `${origin}${source.webhookPath}`;
}

const SAMPLE_VALUES: Record<MappingTarget, unknown> = {
  firstName: "Ada",
  lastName: "Lovelace",
  fullName: "Ada Lovelace",
  email: "ada@example.com",
  phone: "+15125550100",
  source: "Website form",
  notes: "Wants a cash offer on the house",
  tags: ["motivated-seller"],
  street: "1 Main St",
  city: "Austin",
  state: "TX",
  zip: "78701",
  addressLine: "1 Main St, Austin, TX 78701",
  eventId: "test-0001",
};

/** Builds an object with `value` at a dotted path ("contact.emails.0"); leaves the object alone on a clash. */
function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node: Record<string, unknown> = root;
  for (const [i, key] of keys.entries()) {
    if (i === keys.length - 1) {
      if (node[key] === undefined) node[key] = value;
      return;
    }
    const nextIsIndex = /^\d+$/.test(keys[i + 1]);
    node[key] ??= nextIsIndex ? [] : {};
    const next = node[key];
    if (typeof next !== "object" || next === null) return;
    node = next as Record<string, unknown>;
  }
}

/** A payload this source would turn into a lead: by its preset, or shaped by its custom mapping. */
export function samplePayload(source: Pick<LeadSource, "type" | "mapping">): Record<string, unknown> {
  if (source.type === "facebook") {
    const field = (name: string, value: string) => ({ name, values: [value] });
    return {
      entry: [
        {
          changes: [
            {
              field: "leadgen",
              value: {
                leadgen_id: "test-0001",
                form_id: "1234567890",
                ad_id: "9876543210",
                field_data: [
                  field("full_name", "Ada Lovelace"),
                  field("email", "ada@example.com"),
                  field("phone_number", "+15125550100"),
                  field("street_address", "1 Main St"),
                  field("city", "Austin"),
                  field("state", "TX"),
                  field("zip_code", "78701"),
                ],
              },
            },
          ],
        },
      ],
    };
  }
  const mapped = Object.entries(source.mapping).filter(([, path]) => Boolean(path)) as [MappingTarget, string][];
  if (source.type === "custom" && mapped.length > 0) {
    const payload: Record<string, unknown> = {};
    for (const [target, path] of mapped) setPath(payload, path, SAMPLE_VALUES[target]);
    return payload;
  }
  return {
    eventId: "test-0001",
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@example.com",
    phone: "+15125550100",
    address: { street: "1 Main St", city: "Austin", state: "TX", zip: "78701" },
    utm_source: "google",
    utm_campaign: "spring-sellers",
  };
}

/** Single-quotes a value for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A shell script that signs a sample payload with openssl and posts it with curl. */
export function curlExample({ url, secret, payload }: { url: string; secret: string; payload: unknown }): string {
  return [
    `SECRET=${shellQuote(secret)}`,
    `BODY=${shellQuote(JSON.stringify(payload))}`,
    "TS=$(date +%s)",
    `SIG=$(printf '%s' "$TS.$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //')`,
    "",
    `curl -sS -X POST ${shellQuote(url)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H "${SIGNATURE_HEADER}: t=$TS,v1=$SIG" \\`,
    `  -H "Idempotency-Key: test-$TS" \\`,
    `  --data-raw "$BODY"`,
  ].join("\n");
}

function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(", ")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`);
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }
  return JSON.stringify(value) ?? "null";
}

/** JSON laid out for reading: anything that fits in `width` columns stays on one line. */
export function compactJson(value: unknown, indent = "", width = 80): string {
  const flat = oneLine(value);
  if (indent.length + flat.length <= width || !value || typeof value !== "object") return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + compactJson(v, inner, width)).join(",\n")}\n${indent}]`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner, width)}`);
  return `{\n${entries.join(",\n")}\n${indent}}`;
}

/** A Node.js (18+) ES module that signs a sample payload with crypto.createHmac and posts it. */
export function nodeExample({ url, secret, payload }: { url: string; secret: string; payload: unknown }): string {
  const body = compactJson(payload, "  ");
  return [
    "// send-lead.mjs: node send-lead.mjs (Node.js 18 or later)",
    'import { createHmac, randomUUID } from "node:crypto";',
    "",
    `const url = ${JSON.stringify(url)};`,
    `const secret = process.env.HIDDEN_KEY_SECRET ?? ${JSON.stringify(secret)};`,
    "",
    "// Sign the exact bytes you send: HMAC-SHA256 of `${timestamp}.${body}`, hex-encoded.",
    "const body = JSON.stringify(",
    `  ${body},`,
    ");",
    "const timestamp = Math.floor(Date.now() / 1000);",
    'const signature = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");',
    "",
    "const response = await fetch(url, {",
    '  method: "POST",',
    "  headers: {",
    '    "Content-Type": "application/json",',
    `    "${SIGNATURE_HEADER}": \`t=\${timestamp},v1=\${signature}\`,`,
    '    "Idempotency-Key": randomUUID(),',
    "  },",
    "  body,",
    "});",
    "console.log(response.status, await response.text());",
  ].join("\n");
}
