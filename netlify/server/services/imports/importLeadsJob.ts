import { sql } from "kysely";
import { z } from "zod";
import type { ImportMapping } from "../../../../src/domain/imports";
import { asService } from "../../db/transactions";
import { defineJob } from "../../jobs/jobDefinition";
import { registerJob } from "../../jobs/jobRegistry";
import { upsertLead } from "../leads/upsertLead";
import { parseCsv } from "./parseCsv";
import { rowToLead } from "./rowToLead";

export const IMPORT_BATCH_SIZE = 250;

/**
 * Imports an uploaded CSV. Each batch of rows is one transaction that also records the progress, so a retry
 * after a crash resumes after the last committed batch. Each row runs inside a savepoint: a row that fails
 * anywhere (validation or database) leaves nothing behind and is kept, with its reason, as a rejection.
 */
export const importLeadsJob = defineJob({
  name: "leads.import",
  queue: "imports",
  schema: z.object({ importId: z.uuid() }),
  maxAttempts: 5,
  async handle({ importId }, { db, log }) {
    const job = await db.selectFrom("leadImports").selectAll().where("id", "=", importId).executeTakeFirst();
    if (!job || job.status === "done") return { skipped: true };
    await db.updateTable("leadImports").set({ status: "running", startedAt: job.startedAt ?? new Date(), error: null }).where("id", "=", importId).execute();
    const { rows } = parseCsv(job.csv);
    const mapping = (job.mapping ?? {}) as ImportMapping;
    const source = `CSV: ${job.filename}`;
    try {
      for (let offset = job.processedRows; offset < rows.length; offset += IMPORT_BATCH_SIZE) {
        const batch = rows.slice(offset, offset + IMPORT_BATCH_SIZE);
        await asService(db, async (tx) => {
          const counts = { created: 0, merged: 0, rejected: 0 };
          for (const [i, row] of batch.entries()) {
            const rowNumber = offset + i + 2; // line 1 is the header
            const reject = async (reason: string) => {
              counts.rejected++;
              await tx
                .insertInto("leadImportRejections")
                .values({ orgId: job.orgId, importId, rowNumber, rowData: row, reason: reason.slice(0, 1000) })
                .onConflict((oc) => oc.columns(["importId", "rowNumber"]).doNothing())
                .execute();
            };
            const parsed = rowToLead(row, mapping, source);
            if (!parsed.ok) {
              await reject(Object.entries(parsed.errors).map(([f, m]) => `${f}: ${m}`).join("; "));
              continue;
            }
            await sql`savepoint import_row`.execute(tx);
            try {
              const result = await upsertLead(tx, job.orgId, parsed.lead, { channel: "csv", actorId: job.createdBy, details: { importId, rowNumber } });
              await sql`release savepoint import_row`.execute(tx);
              if (result.duplicate) counts.merged++;
              else counts.created++;
            } catch (err) {
              await sql`rollback to savepoint import_row`.execute(tx);
              await reject(`could not be saved: ${(err as Error).message}`);
            }
          }
          await tx
            .updateTable("leadImports")
            .set((eb) => ({
              processedRows: offset + batch.length,
              createdCount: eb("createdCount", "+", counts.created),
              mergedCount: eb("mergedCount", "+", counts.merged),
              rejectedCount: eb("rejectedCount", "+", counts.rejected),
            }))
            .where("id", "=", importId)
            .execute();
        });
        // Let the event loop breathe between batches: PGlite answers on the main thread through microtasks, so
        // without this an in-process import would starve the server's requests (the progress bar among them).
        await new Promise((resolve) => setImmediate(resolve));
      }
      await db.updateTable("leadImports").set({ status: "done", finishedAt: new Date() }).where("id", "=", importId).execute();
      log.info({ importId, rows: rows.length }, "import finished");
      return { rows: rows.length };
    } catch (err) {
      await db.updateTable("leadImports").set({ error: (err as Error).message.slice(0, 1000) }).where("id", "=", importId).execute();
      throw err;
    }
  },
});

registerJob(importLeadsJob);
