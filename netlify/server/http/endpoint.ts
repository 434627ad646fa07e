import { randomUUID } from "node:crypto";
import type { OrgRole } from "../../../src/domain/roles";
import { bearerToken, verifyAccessToken } from "../auth/tokens";
import type { DatabaseHandle } from "../db/connect";
import { getDatabase } from "../db/instance";
import { asUser, type JwtClaims, type Tx } from "../db/transactions";
import { log as rootLog, type Logger } from "../log";
import type { FunctionContext } from "./context";
import { HttpError, errorBody } from "./errors";
import { becomeUserAndListMemberships, pickActiveOrg, type ActiveOrg } from "./membership";
import { httpErrorFromPostgres } from "./pgErrors";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface BaseContext {
  req: Request;
  url: URL;
  params: Record<string, string>;
  requestId: string;
  ip: string;
  log: Logger;
}

/** No caller identity: sign-up, sign-in, health, signed webhooks. The database is opened on demand. */
export interface PublicContext extends BaseContext {
  database: () => Promise<DatabaseHandle>;
}

/** A verified caller, with no transaction opened for them: for the rare handler that must use the service role. */
export interface IdentityContext extends BaseContext {
  database: DatabaseHandle;
  claims: JwtClaims;
  userId: string;
}

/** A signed-in user, in a transaction as `authenticated` with their claims. */
export interface UserContext extends IdentityContext {
  tx: Tx;
}

/** A signed-in member of the active org (X-Org-Id), in a transaction as `authenticated`. */
export interface MemberContext extends UserContext {
  org: ActiveOrg;
}

type Result = Response | Promise<Response>;

export type Route =
  | { auth: "public"; handle: (ctx: PublicContext) => Result }
  | { auth: "identity"; handle: (ctx: IdentityContext) => Result }
  | { auth: "user"; handle: (ctx: UserContext) => Result }
  | { auth: "member"; roles?: readonly OrgRole[]; handle: (ctx: MemberContext) => Result };

export type FunctionHandler = (req: Request, context: FunctionContext) => Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/**
 * One Netlify v2 function serving several methods. Every response gets x-request-id; every failure the
 * error shape; bad input a 4xx, never a 500 or a stack trace. Authenticated routes run the whole handler in
 * one transaction as `authenticated` with the caller's verified claims, so RLS guards everything it reads.
 */
export function endpoint(routes: Partial<Record<Method, Route>>): FunctionHandler {
  const allow = Object.keys(routes).join(", ");
  return async (req, context) => {
    const requestId = validRequestId(req.headers.get("x-request-id")) ?? context.requestId ?? randomUUID();
    const url = new URL(req.url);
    const log = rootLog.child({ requestId, method: req.method, path: url.pathname });
    const started = performance.now();
    let response: Response;
    try {
      const route = routes[req.method as Method];
      if (!route) throw new HttpError(405, "method_not_allowed", `Use ${allow}`, undefined, { allow });
      const base: BaseContext = { req, url, params: context.params ?? {}, requestId, ip: context.ip ?? "unknown", log };
      response = await run(route, base);
    } catch (err) {
      response = toErrorResponse(err, requestId, log);
    }
    response.headers.set("x-request-id", requestId);
    log.info({ status: response.status, ms: Math.round((performance.now() - started) * 10) / 10 }, "request");
    return response;
  };
}

async function run(route: Route, base: BaseContext): Promise<Response> {
  if (route.auth === "public") return route.handle({ ...base, database: getDatabase });
  const claims = await verifyAccessToken(bearerToken(base.req));
  const log = base.log.child({ userId: claims.sub });
  const database = await getDatabase();
  const identity: IdentityContext = { ...base, database, log, claims, userId: claims.sub };
  if (route.auth === "identity") return route.handle(identity);
  if (route.auth === "user") return asUser(database.db, claims, async (tx) => route.handle({ ...identity, tx }));
  return database.db.transaction().execute(async (tx) => {
    const memberships = await becomeUserAndListMemberships(tx, claims);
    const org = pickActiveOrg(memberships, base.req.headers.get("x-org-id"), route.roles);
    return route.handle({ ...identity, tx, org, log: log.child({ orgId: org.id }) });
  });
}

function toErrorResponse(err: unknown, requestId: string, log: Logger): Response {
  const known = err instanceof HttpError ? err : httpErrorFromPostgres(err);
  if (known) {
    if (known.status >= 500) log.error({ err }, known.message);
    return json(errorBody(known.code, known.message, requestId, known.fields, known.details), known.status, known.headers);
  }
  log.error({ err }, "unhandled error");
  return json(errorBody("internal_error", "Something went wrong on our side", requestId), 500);
}

function validRequestId(value: string | null): string | undefined {
  return value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}
