import { sql, type RawBuilder } from "kysely";
import type { OrgRole } from "../../../src/domain/roles";
import { becomeUser, type JwtClaims, type Tx } from "../db/transactions";
import { HttpError, forbidden } from "./errors";
import { isUuid } from "./ids";

export interface ActiveOrg {
  id: string;
  name: string;
  role: OrgRole;
}

/** The memberships of the user `whose` selects, oldest first, as one jsonb array: columns and order in one place. */
const membershipsOf = (whose: RawBuilder<unknown>) => sql`(
  select coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name, 'role', m.role) order by m.created_at, o.name), '[]'::jsonb)
    from public.org_members m join public.orgs o on o.id = m.org_id
   where ${whose})`;

/** The caller's memberships, read under RLS (a user sees their own). */
export async function listMemberships(tx: Tx): Promise<ActiveOrg[]> {
  const { rows } = await sql<{ memberships: ActiveOrg[] }>`select ${membershipsOf(sql`m.user_id = auth.uid()`)} as memberships`.execute(tx);
  return rows[0].memberships;
}

/**
 * Makes the transaction the caller's (as asUser does) and reads their memberships in the same statement: one round
 * trip instead of two on every member request. A statement runs with the privileges it started with — the role
 * switch applies from the next statement — so this one read is filtered by the verified subject explicitly instead
 * of by RLS (it returns exactly what RLS would show them); everything after it runs as `authenticated`.
 */
export async function becomeUserAndListMemberships(tx: Tx, claims: JwtClaims): Promise<ActiveOrg[]> {
  const { rows } = await sql<{ memberships: ActiveOrg[] }>`select ${becomeUser(claims)}, ${membershipsOf(sql`m.user_id::text = ${claims.sub}`)} as memberships`.execute(tx);
  return rows[0].memberships;
}

/** The org picked by X-Org-Id (default: the first membership), with the caller's role in it. */
export async function resolveActiveOrg(tx: Tx, requestedOrgId: string | null, allowed?: readonly OrgRole[]): Promise<ActiveOrg> {
  checkOrgHeader(requestedOrgId);
  return pickActiveOrg(await listMemberships(tx), requestedOrgId, allowed);
}

function checkOrgHeader(requestedOrgId: string | null) {
  if (requestedOrgId !== null && !isUuid(requestedOrgId)) {
    throw new HttpError(400, "validation_failed", "X-Org-Id must be an org id", { "X-Org-Id": "must be an org id" });
  }
}

/** Picks the org from the caller's memberships: 400 for a malformed X-Org-Id, 403 when not a member or not allowed. */
export function pickActiveOrg(memberships: ActiveOrg[], requestedOrgId: string | null, allowed?: readonly OrgRole[]): ActiveOrg {
  checkOrgHeader(requestedOrgId);
  const org = requestedOrgId ? memberships.find((m) => m.id === requestedOrgId) : memberships[0];
  if (!org) {
    throw requestedOrgId
      ? forbidden("You are not a member of this org", "not_a_member")
      : forbidden("You are not a member of any org", "no_org");
  }
  if (allowed && !allowed.includes(org.role)) throw forbidden(`This needs one of the roles: ${allowed.join(", ")}`);
  return org;
}
