// Run by hand, never by the app: registers a lead-conversion model trained on SYNTHETIC histories
// (ml/data/syntheticHistories.ts) for one org, so a local demo can show scoring — the demo data is far below the
// training threshold. Stop the dev server first (PGlite allows one process per data directory):
//
//   PGLITE_DIR=/tmp/hk npm run db:seed
//   PGLITE_DIR=/tmp/hk npx tsx netlify/server/services/ml/registerDemoModel.ts ["Demo Capital"]
//   PORT=8888 PGLITE_DIR=/tmp/hk npm run dev
//
// The model is stored like any trained version (note "synthetic demo model") and promoted if it beats the active one.
import { generateLeadHistories } from "../../../../ml/data/syntheticHistories";
import { closeDatabase, getDatabase } from "../../db/instance";
import { migrate } from "../../db/migrate";
import { trainAndRegister } from "./modelRegistry";

const orgName = process.argv[2] ?? "Demo Capital";
const handle = await getDatabase();
await migrate(handle);
const org = await handle.db.selectFrom("orgs").select(["id", "name"]).where("name", "=", orgName).executeTakeFirst();
if (!org) {
  console.error(`No org named "${orgName}" (seed the demo first: npm run db:seed)`);
  process.exit(1);
}
const synthetic = generateLeadHistories({ leads: 4000, seed: 11 });
const cutoffOf = new Map(synthetic.truth.map((t) => [t.leadId, t.cutoff]));
const outcome = await trainAndRegister(
  handle.db,
  org.id,
  { histories: synthetic.histories, context: synthetic.context },
  { now: synthetic.asOf, note: "synthetic demo model (ml/data/syntheticHistories, 4,000 leads, seed 11)", train: { cutoffs: (h) => [cutoffOf.get(h.leadId)!] } },
);
console.log(JSON.stringify({ org: org.name, ...outcome }, null, 2));
await closeDatabase();
