import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import { normalizeEmail } from "../../../../src/domain/normalize/email";
import { normalizePhone } from "../../../../src/domain/normalize/phone";
import type { Database } from "../../db/schema";
import { asService } from "../../db/transactions";
import { readBodyText, requireJsonContentType } from "../../http/body";
import { HttpError, notFound } from "../../http/errors";
import { isUuid } from "../../http/ids";
import { parseOrThrow } from "../../http/validation";
import { SIGNATURE_HEADER, verifySignature } from "../webhooks/signature";
import { activeWorkflows, startExecution } from "./startExecutions";

// POST /api/webhooks/workflows/:workflowId — another system starts a workflow with the "Inbound webhook" trigger
// on one of the org's leads. Signed like the lead webhooks, with the workflow's own secret (shown to managers in
// the builder). An Idempotency-Key header (or the same signed body twice) starts it once.

const MAX_BODY = 256 * 1024;

export const workflowWebhookBodySchema = z
  .object({
    leadId: z.uuid().optional(),
    email: z.string().trim().max(320).optional(),
    phone: z.string().trim().max(40).optional(),
    /** Anything else the sender wants kept with the run. */
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine((b) => b.leadId || b.email || b.phone, { error: "give leadId, email or phone to name the lead", path: ["leadId"] });

export async function receiveWorkflowWebhook(db: Kysely<Database>, req: Request, workflowId: string): Promise<{ status: number; body: unknown }> {
  if (!isUuid(workflowId)) throw notFound("Workflow");
  const wf = await db.selectFrom("workflows").select(["id", "orgId", "signingSecret", "enabled", "triggerEvent"]).where("id", "=", workflowId).executeTakeFirst();
  if (!wf || !wf.enabled || wf.triggerEvent !== "webhook") throw new HttpError(404, "not_found", "No enabled workflow with an inbound webhook trigger has this id");
  requireJsonContentType(req);
  const raw = await readBodyText(req, MAX_BODY);
  const check = verifySignature(req.headers.get(SIGNATURE_HEADER), raw, wf.signingSecret);
  if (!check.ok) throw new HttpError(401, "invalid_signature", check.reason);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new HttpError(400, "malformed_json", "Request body is not valid JSON");
  }
  const body = parseOrThrow(workflowWebhookBodySchema, json);

  let q = db.selectFrom("leads").select("id").where("orgId", "=", wf.orgId).where("deletedAt", "is", null);
  if (body.leadId) q = q.where("id", "=", body.leadId);
  else if (body.email) q = q.where("email", "=", normalizeEmail(body.email) ?? "");
  else {
    const phone = normalizePhone(body.phone);
    if (!phone?.ok) throw new HttpError(400, "validation_failed", "Invalid phone", { phone: phone?.reason ?? "is not a phone number" });
    q = q.where("phone", "=", phone.e164);
  }
  const lead = await q.executeTakeFirst();
  if (!lead) throw new HttpError(404, "lead_not_found", "No lead of this org matches", { [body.leadId ? "leadId" : body.email ? "email" : "phone"]: "matches no lead" });

  const key = req.headers.get("idempotency-key")?.trim() || createHash("sha256").update(raw).update(req.headers.get(SIGNATURE_HEADER) ?? "").digest("hex");
  const outcome = await asService(db, async (tx) => {
    const [workflow] = await activeWorkflows(tx, wf.orgId, "webhook", wf.id);
    if (!workflow) throw new HttpError(404, "not_found", "No enabled workflow with an inbound webhook trigger has this id");
    return startExecution(tx, wf.orgId, workflow, { leadId: lead.id, opportunityId: null }, { triggerKey: `webhook:${key.slice(0, 200)}`, event: { event: "webhook", depth: 0, workflowId: wf.id, leadId: lead.id, data: body.data } });
  });
  if (outcome.started) return { status: 202, body: { executionId: outcome.executionId, leadId: lead.id } };
  return { status: 200, body: { executionId: null, leadId: lead.id, reason: outcome.reason } };
}
