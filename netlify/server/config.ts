import { z } from "zod";

const booleanFromEnv = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v === "true" || v === "1"));

const envSchema = z.object({
  NODE_ENV: z.string().default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8888),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
  /** false for Supabase's transaction pooler (port 6543), which can't keep prepared statements. */
  DATABASE_PREPARED_STATEMENTS: booleanFromEnv,
  /** Behind a proxy you run (not Netlify): take the client IP from X-Forwarded-For. */
  TRUST_PROXY: booleanFromEnv,
  PGLITE_DIR: z.string().default(".data/pglite"),
  REDIS_URL: z.string().url().optional(),
  /** Days finished jobs (done, retried, discarded) stay in the outbox and on the Jobs screen; pruned nightly. */
  JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  SUPABASE_URL: z.string().url().optional(),
  SUPABASE_JWT_SECRET: z.string().min(32).optional(),
  JWT_SECRET: z.string().min(32, { error: "JWT_SECRET must be at least 32 characters" }).optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  DEMO_SEED: booleanFromEnv,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  APP_VERSION: z.string().optional(),
  /** ATTOM Property API key: property enrichment is "not configured" without it. */
  ATTOM_API_KEY: z.string().min(8).optional(),
  ATTOM_BASE_URL: z.string().url().optional(),
  /** What one property lookup costs on the org's ATTOM plan, in cents (for the enrichment monitor). */
  ATTOM_COST_CENTS: z.coerce.number().int().min(0).max(10_000).default(10),
  /** Look up email domains' MX records during enrichment (off where DNS is unreachable). */
  ENRICHMENT_MX_LOOKUP: booleanFromEnv,
  /** The site's public origin (https://…): links in emails and the URL Twilio signs. Netlify sets URL. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  URL: z.string().optional(),
  /** Signs unsubscribe links (falls back to JWT_SECRET / SUPABASE_JWT_SECRET). */
  MESSAGING_SIGNING_SECRET: z.string().min(32).optional(),
  /** SendGrid: email is sent when the key and the from address are set; otherwise it goes to the in-app outbox. */
  SENDGRID_API_KEY: z.string().min(8).optional(),
  SENDGRID_FROM: z.string().email().optional(),
  /** Tests only: where the SendGrid SDK sends (default https://api.sendgrid.com). */
  SENDGRID_BASE_URL: z.string().url().optional(),
  /** The ECDSA public key (base64 DER or PEM) of the signed event webhook. */
  SENDGRID_WEBHOOK_PUBLIC_KEY: z.string().min(20).optional(),
  /** Twilio: SMS is sent when all three are set; otherwise it goes to the in-app outbox. */
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, { error: "TWILIO_ACCOUNT_SID is AC followed by 32 hex digits" }).optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  TWILIO_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, { error: "TWILIO_FROM must be an E.164 number" }).optional(),
  /** The org that owns TWILIO_FROM (inbound replies land there); without it, the org that last texted the sender. */
  TWILIO_ORG_ID: z.string().uuid().optional(),
  /** Tests only: where the twilio SDK sends (default https://api.twilio.com). */
  TWILIO_BASE_URL: z.string().url().optional(),
  /** Outside this window (HH:MM, 24 h, the recipient's time zone) are quiet hours; and the duplicate window in hours. */
  MESSAGING_SEND_FROM: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default("08:00"),
  MESSAGING_SEND_UNTIL: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default("21:00"),
  MESSAGING_DUPLICATE_WINDOW_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
});

export type Config = z.infer<typeof envSchema> & {
  /** Local email+password auth issuing Supabase-shaped JWTs, used whenever SUPABASE_URL is not set. */
  localAuth: boolean;
  version: string;
};

let cached: Config | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const c = parsed.data;
  return {
    ...c,
    localAuth: !c.SUPABASE_URL,
    version: c.APP_VERSION ?? process.env.COMMIT_REF ?? process.env.npm_package_version ?? "dev",
  };
}

export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}

/** Tests and scripts that change process.env call this to read it again. */
export function resetConfig(): void {
  cached = undefined;
}
