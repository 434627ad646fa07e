import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import {
  hasErrors,
  starterTemplateById,
  triggerConfigSchema,
  triggerEventOf,
  triggerNode,
  validateGraph,
  workflowGraphSchema,
  type CreateWorkflowRequest,
  type GraphIssue,
  type TriggerEvent,
  type UpdateWorkflowRequest,
  type WorkflowDetail,
  type WorkflowGraph,
  type WorkflowSummary,
} from "../../../../src/domain/workflows";
import type { Tx } from "../../db/transactions";
import { conflict, HttpError, notFound, validationFailed } from "../../http/errors";
import { publicBaseUrl } from "../messaging/providers";
import { cronProblem, nextScheduledRun } from "./schedule";

// Workflows as the API sees them: drafts that managers edit (PUT autosaves), versions they publish, and the
// on/off switch. Runs as the caller (RLS); the signing secret is read with the service role, for managers only.

const newSecret = () => `whsec_${randomBytes(24).toString("hex")}`;

/** A new workflow's draft: a "Lead created" trigger, ready for its first step. */
export const EMPTY_GRAPH: WorkflowGraph = { nodes: [{ id: "trigger", type: "trigger", position: { x: 250, y: 0 }, config: { event: "lead.created" } }], edges: [] };

const COLUMNS = ["w.id", "w.name", "w.description", "w.enabled", "w.draftGraph", "w.draftUpdatedAt", "w.activeVersionId", "w.triggerEvent", "w.createdAt", "w.updatedAt"] as const;

type Row = {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  draftGraph: unknown;
  draftUpdatedAt: Date;
  activeVersionId: string | null;
  triggerEvent: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number | null;
  publishedGraph: unknown;
  running: number;
  completed: number;
  failed: number;
};

function baseQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom("workflows as w")
    .leftJoin("workflowVersions as v", "v.id", "w.activeVersionId")
    .select(COLUMNS)
    // The three run counts in one pass over the workflow's runs.
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("workflowExecutions as e")
          .select([
            sql<number>`count(*) filter (where e.status in ('running', 'waiting'))::int`.as("running"),
            sql<number>`count(*) filter (where e.status = 'completed')::int`.as("completed"),
            sql<number>`count(*) filter (where e.status = 'failed')::int`.as("failed"),
          ])
          .whereRef("e.workflowId", "=", "w.id")
          .where("e.orgId", "=", orgId)
          .as("c"),
      (join) => join.onTrue(),
    )
    .select(["v.version", "v.graph as publishedGraph", "c.running", "c.completed", "c.failed"])
    .where("w.orgId", "=", orgId);
}

const sameGraph = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function toSummary(r: Row): WorkflowSummary {
  const draft = r.draftGraph as WorkflowGraph;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    triggerEvent: (r.triggerEvent as TriggerEvent | null) ?? triggerEventOf(draft),
    version: r.version ?? null,
    hasUnpublishedChanges: r.publishedGraph === null || r.publishedGraph === undefined ? true : !sameGraph(r.publishedGraph, draft),
    executions: { running: r.running ?? 0, completed: r.completed ?? 0, failed: r.failed ?? 0 },
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

export async function listWorkflows(tx: Tx, orgId: string): Promise<WorkflowSummary[]> {
  const rows = (await baseQuery(tx, orgId).orderBy("w.createdAt", "desc").execute()) as Row[];
  return rows.map(toSummary);
}

async function templatesFor(tx: Tx, orgId: string) {
  return tx.selectFrom("messageTemplates").select(["id", "name", "channel", "subject", "body", "textBody"]).where("orgId", "=", orgId).execute();
}

/** validateGraph plus what needs the server: the org's templates, and a schedule's cron must parse. */
export async function issuesOf(tx: Tx, orgId: string, graph: WorkflowGraph): Promise<GraphIssue[]> {
  const issues = validateGraph(graph, { templates: await templatesFor(tx, orgId) });
  const trigger = triggerNode(graph);
  if (trigger?.config.event === "schedule" && typeof trigger.config.cron === "string") {
    const problem = cronProblem(trigger.config.cron);
    if (problem) issues.push({ nodeId: trigger.id, severity: "error", message: `cron: ${problem}` });
  }
  return issues;
}

export async function getWorkflow(tx: Tx, orgId: string, id: string): Promise<WorkflowDetail> {
  const row = (await baseQuery(tx, orgId).where("w.id", "=", id).executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound("Workflow");
  const graph = workflowGraphSchema.parse(row.draftGraph);
  const versions = await tx.selectFrom("workflowVersions").select(["version", "publishedAt", "publishedBy"]).where("orgId", "=", orgId).where("workflowId", "=", id).orderBy("version", "desc").execute();
  let webhook: WorkflowDetail["webhook"] = null;
  // Null unless the caller manages the org (the function checks, in the database).
  const secret = (await sql<{ secret: string | null }>`select private.workflow_signing_secret(${id}::uuid) as secret`.execute(tx)).rows[0]?.secret;
  if (secret) webhook = { url: `${publicBaseUrl()}/api/webhooks/workflows/${id}`, secret };
  return {
    ...toSummary(row),
    graph,
    draftUpdatedAt: new Date(row.draftUpdatedAt).toISOString(),
    versions: versions.map((v) => ({ version: v.version, publishedAt: new Date(v.publishedAt).toISOString(), publishedBy: v.publishedBy })),
    issues: await issuesOf(tx, orgId, graph),
    webhook,
  };
}

export async function createWorkflow(tx: Tx, orgId: string, userId: string, req: CreateWorkflowRequest): Promise<string> {
  const row = await tx
    .insertInto("workflows")
    .values({ orgId, name: req.name, description: req.description || null, draftGraph: (req.graph ?? EMPTY_GRAPH) as unknown as Record<string, unknown>, signingSecret: newSecret(), createdBy: userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function current(tx: Tx, orgId: string, id: string) {
  const row = await tx.selectFrom("workflows").select(["id", "enabled", "activeVersionId", "triggerEvent"]).where("orgId", "=", orgId).where("id", "=", id).forUpdate().executeTakeFirst();
  if (!row) throw notFound("Workflow");
  return row;
}

/** PUT: the draft and the switch. Turning a workflow on needs a published version; the draft may be incomplete. */
export async function updateWorkflow(tx: Tx, orgId: string, id: string, patch: UpdateWorkflowRequest): Promise<void> {
  const row = await current(tx, orgId, id);
  if (patch.enabled === true && !row.activeVersionId) throw conflict("not_published", "Publish the workflow before turning it on", { enabled: "publish a version first" });
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.description !== undefined) set.description = patch.description || null;
  if (patch.graph !== undefined) {
    set.draftGraph = patch.graph;
    set.draftUpdatedAt = new Date();
  }
  if (patch.enabled !== undefined) set.enabled = patch.enabled;
  if (Object.keys(set).length === 0) return;
  await tx.updateTable("workflows").set(set).where("orgId", "=", orgId).where("id", "=", id).execute();
  if (patch.enabled === true && row.triggerEvent === "schedule") await scheduleNextRun(tx, orgId, id);
}

/** Publishes the draft as the next version (refused with the issues while it has errors) and, unless told not to, turns the workflow on. */
export async function publishWorkflow(tx: Tx, orgId: string, id: string, userId: string, options: { enable?: boolean } = {}): Promise<void> {
  await current(tx, orgId, id);
  const draft = await tx.selectFrom("workflows").select(["draftGraph"]).where("orgId", "=", orgId).where("id", "=", id).executeTakeFirstOrThrow();
  const graph = workflowGraphSchema.parse(draft.draftGraph);
  const issues = await issuesOf(tx, orgId, graph);
  if (hasErrors(issues)) {
    const errors = issues.filter((i) => i.severity === "error");
    throw new HttpError(422, "workflow_invalid", `The workflow has ${errors.length} problem${errors.length > 1 ? "s" : ""} to fix before it can be published: ${errors[0].message}`, undefined, undefined, { issues });
  }
  const event = triggerEventOf(graph)!;
  const last = await tx.selectFrom("workflowVersions").select(sql<number>`coalesce(max(version), 0)::int`.as("v")).where("orgId", "=", orgId).where("workflowId", "=", id).executeTakeFirstOrThrow();
  const version = await tx
    .insertInto("workflowVersions")
    .values({ orgId, workflowId: id, version: last.v + 1, graph: graph as unknown as Record<string, unknown>, triggerEvent: event, publishedBy: userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .updateTable("workflows")
    .set({ activeVersionId: version.id, triggerEvent: event, enabled: options.enable ?? true, nextRunAt: null })
    .where("orgId", "=", orgId)
    .where("id", "=", id)
    .execute();
  if (event === "schedule") await scheduleNextRun(tx, orgId, id);
}

/** A schedule-triggered workflow's next run, from its published cron in the org's time zone. */
export async function scheduleNextRun(tx: Tx, orgId: string, id: string, after = new Date()): Promise<void> {
  const row = await tx
    .selectFrom("workflows as w")
    .innerJoin("workflowVersions as v", "v.id", "w.activeVersionId")
    .innerJoin("orgs as o", "o.id", "w.orgId")
    .select(["v.graph", "o.timeZone"])
    .where("w.orgId", "=", orgId)
    .where("w.id", "=", id)
    .executeTakeFirst();
  if (!row) return;
  const trigger = triggerConfigSchema.safeParse(triggerNode(workflowGraphSchema.parse(row.graph))?.config);
  if (!trigger.success || trigger.data.event !== "schedule") return;
  await tx.updateTable("workflows").set({ nextRunAt: nextScheduledRun(trigger.data.cron, row.timeZone, after) }).where("orgId", "=", orgId).where("id", "=", id).execute();
}

export async function deleteWorkflow(tx: Tx, orgId: string, id: string): Promise<void> {
  const gone = await tx.deleteFrom("workflows").where("orgId", "=", orgId).where("id", "=", id).returning("id").executeTakeFirst();
  if (!gone) throw notFound("Workflow");
}

/** A starter template as a new workflow of the org (published and on when asked). */
export async function instantiateTemplate(tx: Tx, orgId: string, userId: string, templateId: string, options: { publish?: boolean; name?: string }): Promise<string> {
  const template = starterTemplateById(templateId);
  if (!template) throw notFound("Starter template");
  const id = await createWorkflow(tx, orgId, userId, { name: options.name ?? template.name, description: template.description, graph: template.graph });
  if (options.publish) await publishWorkflow(tx, orgId, id, userId);
  return id;
}

/** For manual runs: the workflow must be published, on, and triggered by hand. */
export async function assertRunnableByHand(tx: Tx, orgId: string, id: string, leadIds: string[]): Promise<void> {
  const row = await tx.selectFrom("workflows").select(["enabled", "activeVersionId", "triggerEvent"]).where("orgId", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Workflow");
  if (!row.activeVersionId || !row.enabled) throw conflict("not_enabled", "Publish and turn on the workflow before running it");
  if (row.triggerEvent !== "manual") throw conflict("not_manual", "Only workflows with the “Run by hand” trigger can be run on chosen leads");
  const found = await tx.selectFrom("leads").select("id").where("orgId", "=", orgId).where("id", "in", leadIds).where("deletedAt", "is", null).execute();
  if (found.length !== new Set(leadIds).size) {
    const known = new Set(found.map((l) => l.id));
    throw validationFailed({ leadIds: `not found: ${leadIds.filter((l) => !known.has(l)).join(", ")}` });
  }
}
