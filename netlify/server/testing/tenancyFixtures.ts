import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { OrgRole } from "../../../src/domain/roles";
import { issueAccessToken } from "../auth/tokens";
import type { Database } from "../db/schema";
import { asService } from "../db/transactions";

export const ROLES: OrgRole[] = ["owner", "admin", "agent", "investor"];

export interface OrgFixture {
  orgId: string;
  users: Record<OrgRole, { id: string; email: string; token: string }>;
  /** One row per table, by table name: the row probes aim at. */
  rows: Record<string, string>;
  stageId: string;
  leadId: string;
  sourceId: string;
  /** An investor no deal is shared with yet (so a probe can insert a share). */
  spareInvestorId: string;
}

/** Every table in public, how to find one row of it, and which column an UPDATE may touch. */
export const TABLES: Record<string, { key: "id" | "org_member"; touch: string }> = {
  orgs: { key: "id", touch: "name" },
  profiles: { key: "id", touch: "full_name" },
  org_members: { key: "org_member", touch: "role" },
  properties: { key: "id", touch: "updated_at" },
  leads: { key: "id", touch: "updated_at" },
  pipeline_stages: { key: "id", touch: "updated_at" },
  investors: { key: "id", touch: "updated_at" },
  opportunities: { key: "id", touch: "updated_at" },
  activities: { key: "id", touch: "updated_at" },
  tasks: { key: "id", touch: "updated_at" },
  webhook_sources: { key: "id", touch: "name" },
  webhook_events: { key: "id", touch: "updated_at" },
  job_outbox: { key: "id", touch: "updated_at" },
  audit_log: { key: "id", touch: "updated_at" },
  lead_forms: { key: "id", touch: "name" },
  assignment_rules: { key: "id", touch: "updated_at" },
  lead_imports: { key: "id", touch: "status" },
  lead_import_rejections: { key: "id", touch: "updated_at" },
  saved_views: { key: "id", touch: "name" },
  opportunity_stage_moves: { key: "id", touch: "updated_at" },
  opportunity_shares: { key: "id", touch: "comment" },
  investments: { key: "id", touch: "updated_at" },
  notifications: { key: "id", touch: "read_at" },
  lead_enrichments: { key: "id", touch: "updated_at" },
  message_templates: { key: "id", touch: "name" },
  messages: { key: "id", touch: "updated_at" },
  suppression_list: { key: "id", touch: "updated_at" },
  org_sms_numbers: { key: "id", touch: "is_default" },
  workflows: { key: "id", touch: "name" },
  workflow_versions: { key: "id", touch: "updated_at" },
  workflow_executions: { key: "id", touch: "updated_at" },
  workflow_step_runs: { key: "id", touch: "updated_at" },
  ml_models: { key: "id", touch: "note" },
  lead_score_history: { key: "id", touch: "grade" },
  ml_drift_reports: { key: "id", touch: "alert" },
};

/** The row a member of `org` would insert into `table` for `target` (their own org, or another). */
export function insertRow(table: string, target: OrgFixture, outsider: OrgFixture): Record<string, unknown> {
  const org_id = target.orgId;
  switch (table) {
    case "orgs": return { name: "Probe org" };
    case "profiles": return { id: randomUUID(), email: "probe@example.test" };
    case "org_members": return { org_id, user_id: outsider.users.owner.id, role: "agent" };
    case "properties": return { org_id, city: "Probe" };
    case "leads": return { org_id, first_name: "Probe" };
    case "pipeline_stages": return { org_id, name: "Probe", position: 99 };
    case "investors": return { org_id, first_name: "Probe" };
    case "opportunities": return { org_id, title: "Probe", stage_id: target.stageId };
    case "activities": return { org_id, type: "probe", lead_id: target.leadId };
    case "tasks": return { org_id, title: "Probe" };
    case "webhook_sources": return { org_id, name: "Probe", signing_secret: "probe-secret" };
    case "webhook_events": return { org_id, source_id: target.sourceId, status: "accepted", http_status: 202 };
    case "job_outbox": return { org_id, queue: "probe", name: "probe" };
    case "assignment_rules": return { org_id, name: "Probe", agent_ids: sql`array[${target.users.agent.id}]::uuid[]` };
    case "saved_views": return { org_id, owner_id: sql`auth.uid()`, name: "Probe", query: sql`'{}'::jsonb` };
    case "lead_imports": return { org_id, csv: "Email\na@b.co", headers: sql`array['Email']::text[]` };
    case "lead_import_rejections": return { org_id, import_id: target.rows.lead_imports, row_number: 99, row_data: sql`'{}'::jsonb`, reason: "probe" };
    case "lead_forms": return { org_id, slug: `probe-${randomUUID().slice(0, 8)}`, name: "Probe" };
    case "opportunity_stage_moves": return { org_id, opportunity_id: target.rows.opportunities, to_stage_id: target.stageId };
    case "opportunity_shares": return { org_id, opportunity_id: target.rows.opportunities, investor_id: target.spareInvestorId };
    case "investments": return { org_id, investor_id: target.rows.investors, amount: 1000 };
    case "lead_enrichments": return { org_id, lead_id: target.leadId, kind: "contact", provider: "probe", status: "done" };
    case "message_templates": return { org_id, name: `Probe ${randomUUID().slice(0, 8)}`, channel: "sms", body: "Probe" };
    case "messages": return { org_id, lead_id: target.leadId, channel: "sms", to_address: "+15125550199", body_text: "Probe", body_hash: "probe", idempotency_key: randomUUID(), created_by: sql`auth.uid()` };
    case "suppression_list": return { org_id, channel: "sms", address: `+1512555${String(Math.floor(Math.random() * 10000)).padStart(4, "0")}`, reason: "manual", source: "probe" };
    case "org_sms_numbers": return { org_id, phone: `+1737${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}` };
    case "notifications": return { org_id, user_id: target.users.agent.id, type: "probe", title: "Probe" };
    case "workflows": return { org_id, name: "Probe", draft_graph: sql`'{}'::jsonb`, signing_secret: "probe" };
    case "workflow_versions": return { org_id, workflow_id: target.rows.workflows, version: 1000 + Math.floor(Math.random() * 100000), graph: sql`'{}'::jsonb`, trigger_event: "manual" };
    case "workflow_executions": return { org_id, workflow_id: target.rows.workflows, version_id: target.rows.workflow_versions, trigger_event: "manual", trigger_key: randomUUID() };
    case "ml_models": return { org_id, version: 1000 + Math.floor(Math.random() * 100000), model: sql`'{}'::jsonb` };
    case "ml_drift_reports": return { org_id, model_id: target.rows.ml_models, rows: 1, report: sql`'{}'::jsonb` };
    case "lead_score_history": return { org_id, lead_id: target.leadId, model_id: target.rows.ml_models, score: 42, probability: 0.42, grade: "A" };
    case "workflow_step_runs": return { org_id, execution_id: target.rows.workflow_executions, step_id: `probe-${randomUUID().slice(0, 8)}`, node_type: "add_note", seq: 99, status: "done" };
    case "audit_log": return { org_id, action: "insert", table_name: "probe", record_id: "probe", hash: "forged" };
    default: throw new Error(`no insert row for ${table}`);
  }
}

async function one<T>(q: Promise<T[]>): Promise<T> {
  return (await q)[0];
}

/** An org with one user per role and a row in every table, created as the service role. */
export async function createOrgFixture(db: Kysely<Database>, label: string): Promise<OrgFixture> {
  const fixture = await asService(db, async (tx) => {
    const users = {} as OrgFixture["users"];
    for (const role of ROLES) {
      const email = `${role}-${label}-${randomUUID().slice(0, 8)}@tenancy.test`;
      const u = await tx.insertInto("auth.users").values({ email, rawAppMetaData: {}, rawUserMetaData: {} }).returning("id").executeTakeFirstOrThrow();
      users[role] = { id: u.id, email, token: (await issueAccessToken({ id: u.id, email }, randomUUID())).token };
    }
    const org = await tx.insertInto("orgs").values({ name: `Org ${label}` }).returning("id").executeTakeFirstOrThrow();
    const orgId = org.id;
    await tx.insertInto("orgMembers").values(ROLES.map((role) => ({ orgId, userId: users[role].id, role }))).execute();
    const stage = await tx.insertInto("pipelineStages").values({ orgId, name: "New", position: 0 }).returning("id").executeTakeFirstOrThrow();
    // A stage no opportunity uses, so deleting it is possible for those allowed to.
    const spareStage = await tx.insertInto("pipelineStages").values({ orgId, name: "Spare", position: 1 }).returning("id").executeTakeFirstOrThrow();
    const property = await tx.insertInto("properties").values({ orgId, city: "Austin" }).returning("id").executeTakeFirstOrThrow();
    const lead = await tx.insertInto("leads").values({ orgId, firstName: `Lead ${label}`, propertyId: property.id }).returning("id").executeTakeFirstOrThrow();
    const investor = await tx.insertInto("investors").values({ orgId, firstName: `Investor ${label}`, preferences: {} }).returning("id").executeTakeFirstOrThrow();
    const opp = await tx.insertInto("opportunities").values({ orgId, title: `Deal ${label}`, stageId: stage.id, leadId: lead.id }).returning("id").executeTakeFirstOrThrow();
    const activity = await tx.insertInto("activities").values({ orgId, leadId: lead.id, type: "note", body: "secret note", data: {} }).returning("id").executeTakeFirstOrThrow();
    const task = await tx.insertInto("tasks").values({ orgId, title: "Call back", leadId: lead.id }).returning("id").executeTakeFirstOrThrow();
    const source = await tx.insertInto("webhookSources").values({ orgId, name: "Zapier", mapping: {}, signingSecret: "whsec" }).returning("id").executeTakeFirstOrThrow();
    const event = await tx.insertInto("webhookEvents").values({ orgId, sourceId: source.id, status: "accepted", httpStatus: 202, headers: {} }).returning("id").executeTakeFirstOrThrow();
    const form = await tx.insertInto("leadForms").values({ orgId, slug: `form-${label}-${randomUUID().slice(0, 8)}`, name: "Sell your house" }).returning("id").executeTakeFirstOrThrow();
    const rule = await tx.insertInto("assignmentRules").values({ orgId, name: "Round robin", agentIds: [users.agent.id] }).returning("id").executeTakeFirstOrThrow();
    const upload = await tx.insertInto("leadImports").values({ orgId, csv: "Email\na@b.co", headers: ["Email"], mapping: {} }).returning("id").executeTakeFirstOrThrow();
    const rejection = await tx.insertInto("leadImportRejections").values({ orgId, importId: upload.id, rowNumber: 2, rowData: { Email: "a@b.co" }, reason: "test" }).returning("id").executeTakeFirstOrThrow();
    // A view the owner shared with the org's staff.
    const view = await tx.insertInto("savedViews").values({ orgId, ownerId: users.owner.id, name: "Hot probate", query: { status: ["new"] }, shared: true }).returning("id").executeTakeFirstOrThrow();
    const spareInvestor = await tx.insertInto("investors").values({ orgId, firstName: `Spare investor ${label}`, preferences: {} }).returning("id").executeTakeFirstOrThrow();
    const move = await tx.selectFrom("opportunityStageMoves").select("id").where("opportunityId", "=", opp.id).executeTakeFirstOrThrow(); // written by the trigger
    const share = await tx.insertInto("opportunityShares").values({ orgId, opportunityId: opp.id, investorId: investor.id }).returning("id").executeTakeFirstOrThrow();
    const investment = await tx.insertInto("investments").values({ orgId, investorId: investor.id, opportunityId: opp.id, amount: 50_000 }).returning("id").executeTakeFirstOrThrow();
    const notification = await tx.insertInto("notifications").values({ orgId, userId: users.owner.id, type: "investor.interested", title: "Someone is interested" }).returning("id").executeTakeFirstOrThrow();
    const enrichment = await tx.insertInto("leadEnrichments").values({ orgId, leadId: lead.id, kind: "contact", provider: "offline", status: "done", result: {} }).returning("id").executeTakeFirstOrThrow();
    const template = await tx.insertInto("messageTemplates").values({ orgId, name: "Welcome", channel: "sms", body: "Hi {{lead.firstName}}" }).returning("id").executeTakeFirstOrThrow();
    const message = await tx.insertInto("messages").values({ orgId, leadId: lead.id, channel: "sms", toAddress: "+15125550100", bodyText: "Hi", bodyHash: "h", idempotencyKey: randomUUID(), createdBy: users.agent.id }).returning("id").executeTakeFirstOrThrow();
    const suppression = await tx.insertInto("suppressionList").values({ orgId, channel: "sms", address: "+15125550101", reason: "manual", source: "manual" }).returning("id").executeTakeFirstOrThrow();
    const smsNumber = await tx.insertInto("orgSmsNumbers").values({ orgId, phone: `+1512${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`, isDefault: true }).returning("id").executeTakeFirstOrThrow();
    const workflow = await tx.insertInto("workflows").values({ orgId, name: "Speed to lead", draftGraph: { nodes: [], edges: [] }, signingSecret: "whsec-probe", createdBy: users.owner.id }).returning("id").executeTakeFirstOrThrow();
    const workflowVersion = await tx.insertInto("workflowVersions").values({ orgId, workflowId: workflow.id, version: 1, graph: { nodes: [], edges: [] }, triggerEvent: "manual" }).returning("id").executeTakeFirstOrThrow();
    const execution = await tx.insertInto("workflowExecutions").values({ orgId, workflowId: workflow.id, versionId: workflowVersion.id, triggerEvent: "manual", triggerKey: "probe", leadId: lead.id }).returning("id").executeTakeFirstOrThrow();
    const stepRun = await tx.insertInto("workflowStepRuns").values({ orgId, executionId: execution.id, stepId: "trigger", nodeType: "trigger", seq: 1, status: "done", startedAt: new Date() }).returning("id").executeTakeFirstOrThrow();
    const mlModel = await tx.insertInto("mlModels").values({ orgId, version: 1, model: { formatVersion: 1 }, metrics: {}, note: "probe" }).returning("id").executeTakeFirstOrThrow();
    const drift = await tx.insertInto("mlDriftReports").values({ orgId, modelId: mlModel.id, rows: 10, scorePsi: 0.01, report: {} }).returning("id").executeTakeFirstOrThrow();
    const leadScore = await tx.insertInto("leadScoreHistory").values({ orgId, leadId: lead.id, modelId: mlModel.id, score: 12, probability: 0.12, grade: "C", factors: [] }).returning("id").executeTakeFirstOrThrow();
    const job = await tx.insertInto("jobOutbox").values({ orgId, queue: "enrichment", name: "enrich", payload: {} }).returning("id").executeTakeFirstOrThrow();
    return {
      orgId,
      users,
      stageId: stage.id,
      leadId: lead.id,
      sourceId: source.id,
      spareInvestorId: spareInvestor.id,
      rows: {
        orgs: orgId,
        profiles: users.owner.id,
        org_members: users.agent.id,
        properties: property.id,
        leads: lead.id,
        pipeline_stages: spareStage.id,
        investors: investor.id,
        opportunities: opp.id,
        activities: activity.id,
        tasks: task.id,
        webhook_sources: source.id,
        webhook_events: event.id,
        job_outbox: job.id,
        lead_forms: form.id,
        assignment_rules: rule.id,
        lead_imports: upload.id,
        saved_views: view.id,
        lead_import_rejections: rejection.id,
        opportunity_stage_moves: move.id,
        opportunity_shares: share.id,
        investments: investment.id,
        notifications: notification.id,
        lead_enrichments: enrichment.id,
        message_templates: template.id,
        messages: message.id,
        suppression_list: suppression.id,
        org_sms_numbers: smsNumber.id,
        workflows: workflow.id,
        workflow_versions: workflowVersion.id,
        workflow_executions: execution.id,
        workflow_step_runs: stepRun.id,
        ml_models: mlModel.id,
        lead_score_history: leadScore.id,
        ml_drift_reports: drift.id,
        audit_log: "", // filled in below: audit entries are written at commit
      },
    };
  });
  const audit = await one(sql<{ id: string }>`select id::text as id from public.audit_log where org_id = ${fixture.orgId} order by id desc limit 1`.execute(db).then((r) => r.rows));
  fixture.rows.audit_log = audit.id;
  return fixture;
}
