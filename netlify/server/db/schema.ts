import type { ColumnType, Generated } from "kysely";

// Kysely's view of the tables, in camelCase (the CamelCasePlugin maps to the snake_case columns).
// Kept by hand beside supabase/migrations (the tests exercise every table through it).

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Numeric = ColumnType<string, number | string, number | string>;
// jsonb takes objects and arrays, never pre-serialised strings: postgres.js would store a string as a JSON
// string scalar (double-encoded) where PGlite parses it, so the type forbids strings outright.
export type JsonDocument = Record<string, unknown> | unknown[];
type Json = ColumnType<unknown, JsonDocument, JsonDocument>;

export interface OrgsTable {
  id: Generated<string>;
  name: string;
  timeZone: Generated<string>;
  agentsSeeAssignedOnly: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface ProfilesTable {
  id: string;
  email: string;
  fullName: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface OrgMembersTable {
  orgId: string;
  userId: string;
  role: "owner" | "admin" | "agent" | "investor";
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface LeadsTable {
  id: Generated<string>;
  orgId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  source: string | null;
  status: Generated<string>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  assigneeId: string | null;
  notes: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  propertyId: string | null;
  createdBy: string | null;
  attribution: ColumnType<Record<string, string>, JsonDocument | undefined, JsonDocument>;
  score: Numeric | null;
  deletedAt: Date | null;
  deletedBy: string | null;
  searchVector: ColumnType<string, never, never>;
  consentText: string | null;
  consentAt: Date | null;
  consentIp: string | null;
  /** Generated: lower(street) || '|' || zip, the property-address dedup key. */
  addressKey: ColumnType<string | null, never, never>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface PropertiesTable {
  id: Generated<string>;
  orgId: string;
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  propertyType: string | null;
  beds: Numeric | null;
  baths: Numeric | null;
  sqft: number | null;
  yearBuilt: number | null;
  lotSizeSqft: number | null;
  estimatedValue: Numeric | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface PipelineStagesTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  position: number;
  kind: Generated<"open" | "won" | "lost">;
  probability: ColumnType<string, number | string | undefined, number | string>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface InvestorsTable {
  id: Generated<string>;
  orgId: string;
  userId: string | null;
  firstName: string;
  lastName: string | null;
  company: string | null;
  email: string | null;
  phone: string | null;
  accreditationStatus: Generated<string>;
  minInvestment: Numeric | null;
  maxInvestment: Numeric | null;
  capitalCommitted: ColumnType<string, number | string | undefined, number | string>;
  capitalAvailable: ColumnType<string, number | string | undefined, number | string>;
  preferences: Json;
  propertyTypes: ColumnType<string[], string[] | undefined, string[]>;
  marketStates: ColumnType<string[], string[] | undefined, string[]>;
  marketCities: ColumnType<string[], string[] | undefined, string[]>;
  marketZips: ColumnType<string[], string[] | undefined, string[]>;
  targetReturn: Numeric | null;
  riskTolerance: number | null;
  holdPeriodMonths: number | null;
  leveragePreference: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface OpportunitiesTable {
  id: Generated<string>;
  orgId: string;
  title: string;
  stageId: string;
  position: Generated<number>;
  leadId: string | null;
  propertyId: string | null;
  ownerId: string | null;
  value: Numeric | null;
  probability: Numeric | null;
  expectedCloseDate: ColumnType<Date | null, string | null | undefined, string | null>;
  version: Generated<number>;
  stageEnteredAt: Generated<Date>;
  closedAt: Date | null;
  lostReason: string | null;
  analysis: ColumnType<unknown, JsonDocument | null | undefined, JsonDocument | null>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface OpportunityStageMovesTable {
  id: Generated<string>;
  orgId: string;
  opportunityId: string;
  fromStageId: string | null;
  toStageId: string | null;
  movedBy: string | null;
  movedAt: Generated<Date>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface OpportunitySharesTable {
  id: Generated<string>;
  orgId: string;
  opportunityId: string;
  investorId: string;
  sharedBy: string | null;
  sharedAt: Generated<Date>;
  response: string | null;
  comment: string | null;
  respondedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface InvestmentsTable {
  id: Generated<string>;
  orgId: string;
  investorId: string;
  opportunityId: string | null;
  amount: Numeric;
  investedAt: ColumnType<Date, string | undefined, string>;
  status: Generated<string>;
  realizedReturn: Numeric | null;
  projectedReturn: Numeric | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface LeadEnrichmentsTable {
  id: Generated<string>;
  orgId: string;
  leadId: string;
  kind: "contact" | "property";
  provider: string;
  status: "done" | "not_found" | "not_configured" | "failed";
  result: ColumnType<unknown, JsonDocument | undefined, JsonDocument>;
  costCents: Generated<number>;
  durationMs: Generated<number>;
  error: string | null;
  jobId: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  orgId: string;
  userId: string;
  type: string;
  title: string;
  body: string | null;
  link: string | null;
  readAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface MessageTemplatesTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  channel: "email" | "sms";
  subject: string | null;
  body: string;
  textBody: string | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export type MessageStatus = "queued" | "outbox" | "sent" | "delivered" | "failed" | "bounced" | "opened" | "clicked" | "suppressed" | "blocked";

export interface MessagesTable {
  id: Generated<string>;
  orgId: string;
  leadId: string;
  templateId: string | null;
  channel: "email" | "sms";
  toAddress: string;
  fromAddress: string | null;
  subject: string | null;
  bodyHtml: string | null;
  bodyText: string;
  bodyHash: string;
  status: ColumnType<MessageStatus, MessageStatus | undefined, MessageStatus>;
  provider: "sendgrid" | "twilio" | "outbox" | null;
  providerMessageId: string | null;
  idempotencyKey: string;
  error: string | null;
  scheduledFor: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sendStartedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sentAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface SuppressionListTable {
  id: Generated<string>;
  orgId: string;
  channel: "email" | "sms";
  address: string;
  reason: "stop" | "unsubscribe" | "bounce" | "spam_report" | "manual";
  source: string;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface ActivitiesTable {
  id: Generated<string>;
  orgId: string;
  leadId: string | null;
  opportunityId: string | null;
  actorId: string | null;
  type: string;
  body: string | null;
  data: Json;
  occurredAt: Timestamp;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface TasksTable {
  id: Generated<string>;
  orgId: string;
  title: string;
  status: Generated<string>;
  dueAt: Date | string | null;
  assigneeId: string | null;
  leadId: string | null;
  opportunityId: string | null;
  completedAt: Date | string | null;
  overdueNotifiedAt: Date | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface WebhookSourcesTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  type: Generated<string>;
  mapping: Json;
  enabled: Generated<boolean>;
  signingSecret: string;
  rateLimitPerMinute: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface WebhookEventsTable {
  id: Generated<string>;
  orgId: string;
  sourceId: string;
  idempotencyKey: string | null;
  status: string;
  reason: string | null;
  httpStatus: number;
  headers: Json;
  body: string | null;
  leadId: string | null;
  response: ColumnType<unknown, JsonDocument | null | undefined, JsonDocument | null>;
  receivedAt: Timestamp;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface JobOutboxTable {
  id: Generated<string>;
  orgId: string;
  queue: string;
  name: string;
  payload: Json;
  status: Generated<"pending" | "relayed" | "done" | "failed" | "retried" | "discarded">;
  /** Lower runs first (1 = most urgent), as in BullMQ. */
  priority: Generated<number>;
  attempts: Generated<number>;
  lastError: string | null;
  requestId: string | null;
  availableAt: Timestamp;
  relayedAt: Date | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  orgId: string;
  occurredAt: Date;
  actorId: string | null;
  action: string;
  tableName: string;
  recordId: string;
  oldData: unknown;
  newData: unknown;
  /** Place in the org's hash chain, given by the sealer (private.audit_seal); null until then, like the hashes. */
  seq: ColumnType<string | null, never, never>;
  prevHash: string | null;
  hash: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface LeadFormsTable {
  id: Generated<string>;
  orgId: string;
  slug: string;
  name: string;
  headline: string | null;
  enabled: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface AssignmentRulesTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  position: Generated<number>;
  enabled: Generated<boolean>;
  agentIds: string[];
  sources: ColumnType<string[], string[] | undefined, string[]>;
  zips: ColumnType<string[], string[] | undefined, string[]>;
  nextIndex: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface LeadImportsTable {
  id: Generated<string>;
  orgId: string;
  createdBy: string | null;
  filename: Generated<string>;
  status: Generated<"uploaded" | "queued" | "running" | "done" | "failed">;
  csv: string;
  headers: string[];
  mapping: Json;
  totalRows: Generated<number>;
  processedRows: Generated<number>;
  createdCount: Generated<number>;
  mergedCount: Generated<number>;
  rejectedCount: Generated<number>;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface LeadImportRejectionsTable {
  id: Generated<string>;
  orgId: string;
  importId: string;
  rowNumber: number;
  rowData: Json;
  reason: string;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface SavedViewsTable {
  id: Generated<string>;
  orgId: string;
  ownerId: string;
  name: string;
  query: Json;
  shared: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface AuthUsersTable {
  id: Generated<string>;
  email: string;
  encryptedPassword: string | null;
  rawAppMetaData: Json;
  rawUserMetaData: Json;
  lastSignInAt: Date | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface AuthRefreshTokensTable {
  id: Generated<string>;
  token: string;
  userId: string;
  family: string;
  revoked: Generated<boolean>;
  createdAt: CreatedAt;
  expiresAt: Date | string;
}

export interface WorkflowsTable {
  id: Generated<string>;
  orgId: string;
  name: string;
  description: string | null;
  enabled: Generated<boolean>;
  draftGraph: ColumnType<unknown, JsonDocument, JsonDocument>;
  draftUpdatedAt: Timestamp;
  activeVersionId: string | null;
  triggerEvent: string | null;
  /** Never readable by the API roles. */
  signingSecret: string;
  nextRunAt: Date | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface WorkflowVersionsTable {
  id: Generated<string>;
  orgId: string;
  workflowId: string;
  version: number;
  graph: ColumnType<unknown, JsonDocument, JsonDocument>;
  triggerEvent: string;
  publishedBy: string | null;
  publishedAt: CreatedAt;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export type ExecutionStatusColumn = "running" | "waiting" | "completed" | "failed" | "stopped";

export interface WorkflowExecutionsTable {
  id: Generated<string>;
  orgId: string;
  workflowId: string;
  versionId: string;
  triggerEvent: string;
  triggerKey: string;
  triggerData: ColumnType<Record<string, unknown>, JsonDocument | undefined, JsonDocument>;
  leadId: string | null;
  opportunityId: string | null;
  status: ColumnType<ExecutionStatusColumn, ExecutionStatusColumn | undefined, ExecutionStatusColumn>;
  depth: Generated<number>;
  stopOn: ColumnType<{ reply: boolean; statusChange: boolean } | null, JsonDocument | null | undefined, JsonDocument | null>;
  stopArmedAt: Date | null;
  statusWhenArmed: string | null;
  currentStepId: string | null;
  failedStepId: string | null;
  error: string | null;
  resumeAt: Date | null;
  startedAt: CreatedAt;
  finishedAt: Date | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface WorkflowStepRunsTable {
  id: Generated<string>;
  orgId: string;
  executionId: string;
  stepId: string;
  nodeType: string;
  seq: number;
  status: "running" | "done" | "skipped" | "failed";
  input: ColumnType<Record<string, unknown>, JsonDocument | undefined, JsonDocument>;
  output: ColumnType<Record<string, unknown> | null, JsonDocument | null | undefined, JsonDocument | null>;
  error: string | null;
  attempts: Generated<number>;
  startedAt: Timestamp;
  finishedAt: Date | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface MlModelsTable {
  id: Generated<string>;
  orgId: string;
  kind: Generated<"lead_conversion" | "expected_return" | "time_to_close" | "investor_match">;
  version: number;
  model: ColumnType<unknown, JsonDocument, JsonDocument>;
  metrics: ColumnType<Record<string, unknown>, JsonDocument | undefined, JsonDocument>;
  trainingWindowStart: Date | null;
  trainingWindowEnd: Date | null;
  trainingRows: Generated<number>;
  active: Generated<boolean>;
  note: string | null;
  jobId: string | null;
  promotedAt: Date | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface MlDriftReportsTable {
  id: Generated<string>;
  orgId: string;
  modelId: string;
  rows: number;
  scorePsi: number | null;
  report: ColumnType<Record<string, unknown>, JsonDocument, JsonDocument>;
  alert: Generated<boolean>;
  jobId: string | null;
  computedAt: CreatedAt;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface LeadScoreHistoryTable {
  id: Generated<string>;
  orgId: string;
  leadId: string;
  modelId: string;
  score: number;
  probability: number;
  grade: "A" | "B" | "C" | "D" | "F";
  factors: ColumnType<unknown, JsonDocument | undefined, JsonDocument>;
  jobId: string | null;
  scoredAt: Timestamp;
  createdAt: CreatedAt;
}

export interface Database {
  orgs: OrgsTable;
  profiles: ProfilesTable;
  orgMembers: OrgMembersTable;
  leads: LeadsTable;
  properties: PropertiesTable;
  pipelineStages: PipelineStagesTable;
  investors: InvestorsTable;
  opportunities: OpportunitiesTable;
  activities: ActivitiesTable;
  tasks: TasksTable;
  webhookSources: WebhookSourcesTable;
  webhookEvents: WebhookEventsTable;
  jobOutbox: JobOutboxTable;
  auditLog: AuditLogTable;
  leadForms: LeadFormsTable;
  assignmentRules: AssignmentRulesTable;
  leadImports: LeadImportsTable;
  savedViews: SavedViewsTable;
  leadImportRejections: LeadImportRejectionsTable;
  opportunityStageMoves: OpportunityStageMovesTable;
  opportunityShares: OpportunitySharesTable;
  investments: InvestmentsTable;
  notifications: NotificationsTable;
  leadEnrichments: LeadEnrichmentsTable;
  messageTemplates: MessageTemplatesTable;
  messages: MessagesTable;
  suppressionList: SuppressionListTable;
  workflows: WorkflowsTable;
  workflowVersions: WorkflowVersionsTable;
  workflowExecutions: WorkflowExecutionsTable;
  workflowStepRuns: WorkflowStepRunsTable;
  mlModels: MlModelsTable;
  leadScoreHistory: LeadScoreHistoryTable;
  mlDriftReports: MlDriftReportsTable;
  "auth.users": AuthUsersTable;
  "auth.refreshTokens": AuthRefreshTokensTable;
}
