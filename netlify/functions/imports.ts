import { IMPORT_MAX_BYTES, importMappingRequestSchema } from "../../src/domain/imports";
import { STAFF_ROLES } from "../../src/domain/roles";
import { readBodyText, readJson } from "../server/http/body";
import { endpoint, json } from "../server/http/endpoint";
import { HttpError } from "../server/http/errors";
import { getImport, previewImport, rejectedRowsCsv, startImport, uploadImport } from "../server/services/imports/importsService";

const CSV_TYPES = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"];

export default endpoint({
  GET: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ tx, org, params }) {
      if (!params.id) throw new HttpError(405, "method_not_allowed", "Use GET /api/imports/:id");
      if (params.action === "rejected") {
        const { filename, csv } = await rejectedRowsCsv(tx, org.id, params.id);
        return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename.replace(/"/g, "")}"` } });
      }
      if (params.action) throw new HttpError(404, "not_found", "No such import resource");
      return json(await getImport(tx, org.id, params.id));
    },
  },
  POST: {
    auth: "member",
    roles: STAFF_ROLES,
    async handle({ req, url, tx, org, params, userId, requestId }) {
      if (!params.id) {
        const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
        if (!CSV_TYPES.includes(type)) throw new HttpError(415, "unsupported_media_type", "Upload the file as text/csv");
        const filename = (url.searchParams.get("filename") ?? "leads.csv").slice(0, 200);
        const csv = await readBodyText(req, IMPORT_MAX_BYTES);
        return json(await uploadImport(tx, org.id, userId, filename, csv), 201);
      }
      const { mapping } = await readJson(req, importMappingRequestSchema);
      if (params.action === "preview") return json(await previewImport(tx, org.id, params.id, mapping));
      if (params.action === "start") return json(await startImport(tx, org.id, params.id, mapping, requestId), 202);
      throw new HttpError(404, "not_found", "Use /api/imports/:id/preview or /start");
    },
  },
});

export const config = { path: ["/api/imports", "/api/imports/:id", "/api/imports/:id/:action"] };
