/** GET /api/jobs: the org's background jobs by queue and state, the dead letters, and failures waiting to retry. */
export interface JobsOverview {
  queues: { queue: string; counts: Partial<Record<"pending" | "relayed" | "done" | "failed" | "retried" | "discarded", number>> }[];
  deadLetters: { id: string; queue: string; name: string; attempts: number; lastError: string | null; payload: Record<string, unknown>; createdAt: string; failedAt: string }[];
  recentErrors: { id: string; queue: string; name: string; attempts: number; lastError: string | null; retryAt: string }[];
  /** Done, retried and discarded jobs are counted for this many days, then pruned (JOB_RETENTION_DAYS). */
  retentionDays: number;
}
