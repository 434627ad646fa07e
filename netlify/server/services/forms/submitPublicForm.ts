import { sql, type Kysely } from "kysely";
import { consentText, MIN_FILL_MS, publicFormSubmissionSchema, type PublicLeadForm } from "../../../../src/domain/leadForms";
import { createLeadRequestSchema } from "../../../../src/domain/leads";
import type { Database } from "../../db/schema";
import { asService } from "../../db/transactions";
import { HttpError, notFound } from "../../http/errors";
import { parseOrThrow } from "../../http/validation";
import { upsertLead } from "../leads/upsertLead";

export const FORM_POSTS_PER_IP_PER_MINUTE = 10;

async function enabledForm(db: Kysely<Database>, slug: string) {
  const form = await db
    .selectFrom("leadForms as f")
    .innerJoin("orgs as o", "o.id", "f.orgId")
    .select(["f.id", "f.orgId", "f.slug", "f.name", "f.headline", "f.enabled", "o.name as orgName"])
    .where("f.slug", "=", slug.toLowerCase())
    .executeTakeFirst();
  if (!form || !form.enabled) throw notFound("Form");
  return form;
}

// Public forms are anonymous: the slug fixes the org and the service role writes, deliberately.

export async function getPublicForm(db: Kysely<Database>, slug: string): Promise<PublicLeadForm> {
  const form = await enabledForm(db, slug);
  return { slug: form.slug, name: form.name, headline: form.headline, orgName: form.orgName, consentText: consentText(form.orgName) };
}

export type FormOutcome = "created" | "merged" | "discarded";

/**
 * A public form post → a lead. Spam defences without a captcha: a honeypot field (answered as if accepted,
 * then dropped), a minimum fill time, and at most FORM_POSTS_PER_IP_PER_MINUTE posts per IP and form (429).
 * Consent to calls and texts is stored with its exact wording, time and IP.
 */
export async function submitPublicForm(db: Kysely<Database>, slug: string, body: unknown, ip: string, now = Date.now()): Promise<FormOutcome> {
  const form = await enabledForm(db, slug);
  const hits = await sql<{ hits: number }>`select private.rate_limit_hit(${`form:${form.id}:${ip}`}, 60) as hits`.execute(db);
  if (hits.rows[0].hits > FORM_POSTS_PER_IP_PER_MINUTE) {
    throw new HttpError(429, "rate_limited", "Too many submissions; try again in a minute", undefined, { "retry-after": String(60 - (Math.floor(now / 1000) % 60)) });
  }
  const flat = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  // Form posts send street/city/state/zip flat.
  const nested = flat.address ? flat : { ...flat, address: pickAddress(flat) };
  const submission = parseOrThrow(publicFormSubmissionSchema, nested);
  if (submission.website) return "discarded";
  if (now - submission.startedAt < MIN_FILL_MS) {
    throw new HttpError(400, "too_fast", "That was quick! Please check the form and send it again.", { startedAt: "the form was sent too quickly" });
  }
  const lead = parseOrThrow(createLeadRequestSchema, {
    firstName: submission.firstName,
    lastName: submission.lastName,
    email: submission.email,
    phone: submission.phone,
    notes: submission.notes,
    address: submission.address,
    source: `Form: ${form.name}`,
  });
  const consented = submission.consent === true || submission.consent === "on" || submission.consent === "true" || submission.consent === "1";
  const attribution = Object.fromEntries(Object.entries(submission).filter(([k, v]) => k.startsWith("utm_") && v)) as Record<string, string>;

  return asService(db, async (tx) => {
    const result = await upsertLead(tx, form.orgId, lead, { channel: "form", actorId: null, details: { formId: form.id, formName: form.name }, attribution });
    if (consented) {
      await tx
        .updateTable("leads")
        .set({ consentText: consentText(form.orgName), consentAt: new Date(now), consentIp: ip })
        .where("id", "=", result.leadId)
        .execute();
    }
    return result.duplicate ? "merged" : "created";
  });
}

function pickAddress(flat: Record<string, unknown>) {
  const address: Record<string, unknown> = {};
  for (const k of ["street", "city", "state", "zip"]) if (typeof flat[k] === "string" && flat[k] !== "") address[k] = flat[k];
  return Object.keys(address).length ? address : undefined;
}
