import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { asService } from "../../db/transactions";
import { checkAddress, type AddressCheck } from "./addressValidation";
import { checkEmail, lookupMx, type EmailCheck } from "./emailValidation";
import { checkPhone, type PhoneCheck } from "./phoneValidation";
import { ProviderError, type PropertyDataProvider, type PropertyFacts } from "./propertyData";

export interface ContactChecks {
  email: EmailCheck | null;
  phone: PhoneCheck | null;
  address: AddressCheck | null;
}

export interface EnrichOptions {
  provider: PropertyDataProvider | null;
  mxLookup: boolean;
  /** The outbox job's id: the idempotency key of what this run writes. */
  jobId: string;
}

/**
 * Enriches one lead (service role; the job calls it). The network calls happen outside any transaction; the
 * results are written in one. A retry of the same job finds the rows it already wrote (unique job_id + kind)
 * and neither pays for a lookup twice nor writes a second timeline entry. A retryable provider failure is
 * thrown (the job backs off and retries); a permanent one (bad key) is recorded as failed.
 */
export async function enrichLead(db: Kysely<Database>, orgId: string, leadId: string, options: EnrichOptions): Promise<"done" | "skipped"> {
  const [lead, done] = await Promise.all([
    db.selectFrom("leads").selectAll().where("orgId", "=", orgId).where("id", "=", leadId).where("deletedAt", "is", null).executeTakeFirst(),
    db.selectFrom("leadEnrichments").select("kind").where("jobId", "=", options.jobId).execute(),
  ]);
  if (!lead || done.length === 2) return "skipped";
  const has = new Set(done.map((d) => d.kind));

  let contact: { checks: ContactChecks; ms: number } | null = null;
  if (!has.has("contact")) {
    const started = performance.now();
    const email = lead.email ? checkEmail(lead.email) : null;
    if (email?.validSyntax && options.mxLookup) email.hasMx = await lookupMx(email.email.split("@")[1]);
    const checks: ContactChecks = {
      email,
      phone: lead.phone ? checkPhone(lead.phone) : null,
      address: lead.zip || lead.street ? checkAddress(lead) : null,
    };
    contact = { checks, ms: Math.round(performance.now() - started) };
  }

  let property: { status: "done" | "not_found" | "not_configured" | "failed"; provider: string; facts: PropertyFacts | null; cost: number; ms: number; error: string | null } | null = null;
  if (!has.has("property")) {
    const started = performance.now();
    if (!options.provider) {
      property = { status: "not_configured", provider: "none", facts: null, cost: 0, ms: 0, error: null };
    } else if (!lead.street || !lead.zip) {
      property = { status: "not_found", provider: options.provider.name, facts: null, cost: 0, ms: 0, error: "the lead has no street address and ZIP to look up" };
    } else {
      try {
        // The ZIP's city and state stand in for ones the lead lacks: providers match on the full address.
        const fromZip = checkAddress(lead);
        const found = await options.provider.lookup({ street: fromZip.street ?? lead.street, city: lead.city ?? fromZip.city, state: lead.state ?? fromZip.state, zip: lead.zip });
        property = { status: found.status === "found" ? "done" : "not_found", provider: options.provider.name, facts: found.status === "found" ? found.facts : null, cost: found.costCents, ms: Math.round(performance.now() - started), error: null };
      } catch (err) {
        if (err instanceof ProviderError && !err.retryable) {
          property = { status: "failed", provider: options.provider.name, facts: null, cost: 0, ms: Math.round(performance.now() - started), error: err.message };
        } else {
          // Keep the contact checks (paid nothing, but done) and let the job retry the lookup.
          if (contact) await writeResults(db, orgId, lead, options.jobId, contact, null);
          throw err;
        }
      }
    }
  }
  await writeResults(db, orgId, lead, options.jobId, contact, property);
  return "done";
}

type LeadRow = { id: string; city: string | null; state: string | null; propertyId: string | null; street: string | null; zip: string | null };

async function writeResults(
  db: Kysely<Database>,
  orgId: string,
  lead: LeadRow,
  jobId: string,
  contact: { checks: ContactChecks; ms: number } | null,
  property: { status: "done" | "not_found" | "not_configured" | "failed"; provider: string; facts: PropertyFacts | null; cost: number; ms: number; error: string | null } | null,
) {
  await asService(db, async (tx) => {
    if (contact) {
      const inserted = await tx
        .insertInto("leadEnrichments")
        .values({ orgId, leadId: lead.id, kind: "contact", provider: "offline", status: "done", result: contact.checks as unknown as Record<string, unknown>, durationMs: contact.ms, jobId })
        .onConflict((oc) => oc.columns(["jobId", "kind"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      // The ZIP's city and state fill in what the lead lacks (never overwrite what a person typed).
      const a = contact.checks.address;
      if (inserted && a?.zipKnown && (!lead.city || !lead.state)) {
        await tx.updateTable("leads").set({ city: lead.city ?? a.city, state: lead.state ?? a.state }).where("id", "=", lead.id).execute();
      }
      if (inserted) {
        const c = contact.checks;
        await tx
          .insertInto("activities")
          .values({
            orgId,
            leadId: lead.id,
            actorId: null,
            type: "lead.enriched",
            body: null,
            data: {
              kind: "contact",
              emailValid: c.email ? c.email.validSyntax && !c.email.disposable : null,
              emailSuggestion: c.email?.suggestion ?? null,
              phoneValid: c.phone?.valid ?? null,
              phoneType: c.phone?.type ?? null,
              county: c.address?.county ?? null,
            },
          })
          .execute();
      }
    }
    if (property) {
      const inserted = await tx
        .insertInto("leadEnrichments")
        .values({ orgId, leadId: lead.id, kind: "property", provider: property.provider, status: property.status, result: (property.facts ?? {}) as Record<string, unknown>, costCents: property.cost, durationMs: property.ms, error: property.error, jobId })
        .onConflict((oc) => oc.columns(["jobId", "kind"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted && property.facts) {
        const f = property.facts;
        const values = { beds: f.beds, baths: f.baths, sqft: f.sqft, yearBuilt: f.yearBuilt, lotSizeSqft: f.lotSizeSqft, estimatedValue: f.marketValue };
        if (lead.propertyId) {
          await tx.updateTable("properties").set(values).where("id", "=", lead.propertyId).where("orgId", "=", orgId).execute();
        } else {
          const created = await tx.insertInto("properties").values({ orgId, street: lead.street, city: lead.city, state: lead.state, zip: lead.zip, ...values }).returning("id").executeTakeFirstOrThrow();
          await tx.updateTable("leads").set({ propertyId: created.id }).where("id", "=", lead.id).execute();
        }
      }
      if (inserted && property.status !== "not_configured") {
        await tx
          .insertInto("activities")
          .values({ orgId, leadId: lead.id, actorId: null, type: "lead.enriched", body: property.error, data: { kind: "property", status: property.status, provider: property.provider, costCents: property.cost, facts: property.facts as unknown as Record<string, unknown> | null } })
          .execute();
      }
    }
  });
}
