import Papa from "papaparse";
import { listLeadsQuerySchema, type Lead } from "../../src/domain/leads";
import { STAFF_ROLES } from "../../src/domain/roles";
import { asUser } from "../server/db/transactions";
import { endpoint } from "../server/http/endpoint";
import { resolveActiveOrg } from "../server/http/membership";
import { parseQuery } from "../server/http/validation";
import { listLeads } from "../server/services/leads/leadsService";

const COLUMNS = ["id", "firstName", "lastName", "email", "phone", "status", "source", "tags", "score", "street", "city", "state", "zip", "assigneeId", "createdAt", "updatedAt"] as const;
const PAGE = 1000;

function row(lead: Lead): string[] {
  const flat: Record<string, unknown> = { ...lead, ...lead.address, tags: lead.tags.join(", ") };
  return COLUMNS.map((c) => (flat[c] === null || flat[c] === undefined ? "" : String(flat[c])));
}

/**
 * GET /api/leads/export?<the list's filters>: the filtered list as CSV, streamed page by page. Each page is read
 * in its own short transaction as the caller (RLS applies), so a 100,000-lead export holds no transaction open.
 */
export default endpoint({
  GET: {
    auth: "identity",
    async handle({ database, claims, req, url, userId }) {
      const { cursor: _ignored, limit: _limit, ...query } = parseQuery(url, listLeadsQuerySchema);
      void _ignored;
      void _limit;
      const org = await asUser(database.db, claims, (tx) => resolveActiveOrg(tx, req.headers.get("x-org-id"), STAFF_ROLES));
      const encoder = new TextEncoder();
      let cursor: string | null | undefined;
      let started = false;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (!started) {
            started = true;
            controller.enqueue(encoder.encode(Papa.unparse([COLUMNS as unknown as string[]]) + "\r\n"));
          }
          if (cursor === null) return controller.close();
          const page = await asUser(database.db, claims, (tx) => listLeads(tx, org.id, { ...query, limit: PAGE, cursor: cursor ?? undefined }, userId));
          if (page.items.length) controller.enqueue(encoder.encode(Papa.unparse(page.items.map(row)) + "\r\n"));
          cursor = page.nextCursor;
          if (cursor === null) controller.close();
        },
      });
      const date = new Date().toISOString().slice(0, 10);
      return new Response(body, {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="leads-${date}.csv"`, "cache-control": "no-store" },
      });
    },
  },
});

export const config = { path: "/api/leads/export" };
