// Lead scoring through the API: one lead per request through the real function handler (`POST /api/ml/score`,
// auth, the caller's transaction with RLS, the active model from the in-memory cache, the lead's history, features,
// TreeSHAP factors, the score and its history row written back), in this process on the bench database — its time
// is the function's server time. Baseline in the same run: `GET /api/me` through the same handler machinery (auth, a
// transaction as the caller, one query). The org's model is trained on the synthetic histories (ml/data) and
// registered like any version; the scored leads have a history (enrichment, messages, a reply); the org has 2,000
// investors, whose buy boxes the scoring path reads (from a one-minute cache after the first call).

import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { generateLeadHistories } from "../../ml/data/syntheticHistories";
import me from "../../netlify/functions/me";
import ml from "../../netlify/functions/ml";
import { issueAccessToken } from "../../netlify/server/auth/tokens";
import { openPostgres } from "../../netlify/server/db/connect";
import { setDatabase } from "../../netlify/server/db/instance";
import { asService } from "../../netlify/server/db/transactions";
import { log as appLog } from "../../netlify/server/log";
import { trainAndRegister } from "../../netlify/server/services/ml/modelRegistry";
import { fmt, summarize, table, type LatencySummary } from "./stats";

export interface MlEndpointOptions {
  requests: number;
  warmup: number;
  leads: number;
  /** Investors of the org (their buy boxes feed a lead feature). */
  investors: number;
}
export const DEFAULT_ML_ENDPOINT_OPTIONS: MlEndpointOptions = { requests: 1000, warmup: 100, leads: 50, investors: 2000 };
export const ML_ENDPOINT_TARGET_P99_MS = 10;

export interface MlEndpointResult {
  options: MlEndpointOptions;
  subject: LatencySummary;
  baseline: LatencySummary;
  trainSeconds: number;
  target: number;
}

type Handler = (req: Request, context: { params: Record<string, string>; ip?: string }) => Promise<Response>;

export async function runMlEndpoint(url: string, options: MlEndpointOptions = DEFAULT_ML_ENDPOINT_OPTIONS): Promise<MlEndpointResult> {
  const handle = openPostgres(url, { max: 5 });
  const previousLevel = appLog.level;
  appLog.level = "warn";
  setDatabase(handle);
  try {
    const { orgId, token, leadIds } = await asService(handle.db, async (tx) => {
      const org = await tx.insertInto("orgs").values({ name: "Scoring bench" }).returning("id").executeTakeFirstOrThrow();
      const email = `agent.${randomUUID().slice(0, 8)}@scoring.bench.test`;
      const user = await tx.insertInto("auth.users").values({ email, rawAppMetaData: {}, rawUserMetaData: {} }).returning("id").executeTakeFirstOrThrow();
      await tx.insertInto("orgMembers").values({ orgId: org.id, userId: user.id, role: "agent" }).execute();
      const ids: string[] = [];
      for (let i = 0; i < options.leads; i++) {
        const lead = await tx
          .insertInto("leads")
          .values({ orgId: org.id, firstName: `Score${i}`, phone: `+1512842${String(5000 + i)}`, source: i % 2 ? "ppc" : "referral", state: "TX", zip: "78704" })
          .returning("id")
          .executeTakeFirstOrThrow();
        await tx.insertInto("leadEnrichments").values({ orgId: org.id, leadId: lead.id, kind: "contact", provider: "offline", status: "done", result: { phone: { valid: true, type: "MOBILE" }, email: null } }).execute();
        await tx.insertInto("activities").values([
          { orgId: org.id, leadId: lead.id, type: "message.sent", data: { channel: "sms" } },
          { orgId: org.id, leadId: lead.id, type: "message.received", body: "Call me", data: {} },
        ]).execute();
        ids.push(lead.id);
      }
      // A firm's investor list: their buy boxes are a lead feature (how many fit the lead's property).
      await sql`insert into public.investors (org_id, first_name, min_investment, max_investment, preferences)
        select ${org.id}::uuid, 'Investor ' || g, 50000 + (g % 20) * 10000, 300000 + (g % 30) * 25000,
               jsonb_build_object('propertyTypes', case when g % 3 = 0 then '["single_family"]'::jsonb else '[]'::jsonb end)
        from generate_series(1, ${options.investors}) g`.execute(tx);
      return { orgId: org.id, token: (await issueAccessToken({ id: user.id, email }, randomUUID())).token, leadIds: ids };
    });
    const synthetic = generateLeadHistories({ leads: 2500, seed: 7 });
    const cutoffOf = new Map(synthetic.truth.map((t) => [t.leadId, t.cutoff]));
    const started = performance.now();
    const trained = await trainAndRegister(handle.db, orgId, { histories: synthetic.histories, context: synthetic.context }, { now: synthetic.asOf, train: { cutoffs: (h) => [cutoffOf.get(h.leadId)!] } });
    const trainSeconds = (performance.now() - started) / 1000;
    if (trained.status !== "trained") throw new Error(`the bench model did not train: ${JSON.stringify(trained)}`);

    const headers = { authorization: `Bearer ${token}`, "x-org-id": orgId, "content-type": "application/json" };
    const score = async (i: number) => {
      const res = await (ml as Handler)(new Request("http://bench.test/api/ml/score", { method: "POST", headers, body: JSON.stringify({ leadId: leadIds[i % leadIds.length] }) }), { params: { part: "score" } });
      if (res.status !== 200) throw new Error(`score answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    const whoAmI = async () => {
      const res = await (me as Handler)(new Request("http://bench.test/api/me", { headers }), { params: {} });
      if (res.status !== 200) throw new Error(`me answered ${res.status}`);
      await res.arrayBuffer();
    };
    const time = async (fn: (i: number) => Promise<void>) => {
      const ms: number[] = [];
      for (let i = 0; i < options.warmup; i++) await fn(i);
      for (let i = 0; i < options.requests; i++) {
        const t = performance.now();
        await fn(i);
        ms.push(performance.now() - t);
      }
      return summarize(ms);
    };
    const subject = await time(score);
    const baseline = await time(whoAmI);
    return { options, subject, baseline, trainSeconds, target: ML_ENDPOINT_TARGET_P99_MS };
  } finally {
    appLog.level = previousLevel;
    await handle.close();
  }
}

export function printMlEndpoint(r: MlEndpointResult) {
  console.log(`\nLead scoring endpoint — POST /api/ml/score {leadId} through the function handler, one request at a time, ${r.options.requests} requests after ${r.options.warmup} warm-up, ${r.options.leads} leads with a history; model trained on 2,500 synthetic leads in ${r.trainSeconds.toFixed(1)} s.`);
  console.log("baseline = GET /api/me through the same machinery (token check, a transaction as the caller with RLS, one query)");
  const row = (label: keyof LatencySummary) => [label, fmt(r.subject[label] as number), fmt(r.baseline[label] as number), fmt((r.subject[label] as number) / (r.baseline[label] as number))];
  console.log(
    table(["metric (ms)", "score one lead", "GET /api/me", "ratio", "target"], [
      [...row("p50"), ""],
      [...row("p95"), ""],
      [...row("p99"), `< ${r.target} ${r.subject.p99 < r.target ? "ok" : "MISSED"}`],
    ]),
  );
}
