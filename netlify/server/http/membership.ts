import { sql } from "kysely";
import type { OrgRole } from "../../../src/domain/roles";
import type { Tx } from "../db/transactions";
import { HttpError, forbidden } from "./errors";
import { isUuid } from "./ids";

export interface ActiveOrg {
  id: string;
  name: string;
  role: OrgRole;
}


/** The caller's memberships, read under RLS (a user sees their own). */
export async function listMemberships(tx: Tx): Promise<ActiveOrg[]> {
  const rows = await tx
    .selectFrom("orgMembers as m")
    .innerJoin("orgs as o", "o.id", "m.orgId")
    .select(["o.id", "o.name", "m.role"])
    .where("m.userId", "=", sql<string>`auth.uid()`)
    .orderBy("m.createdAt")
    .orderBy("o.name")
    .execute();
  return rows;
}

/** The org picked by X-Org-Id (default: the first membership), with the caller's role in it. */
export async function resolveActiveOrg(tx: Tx, requestedOrgId: string | null, allowed?: readonly OrgRole[]): Promise<ActiveOrg> {
  if (requestedOrgId !== null && !isUuid(requestedOrgId)) {
    throw new HttpError(400, "validation_failed", "X-Org-Id must be an org id", { "X-Org-Id": "must be an org id" });
  }
  const memberships = await listMemberships(tx);
  const org = requestedOrgId ? memberships.find((m) => m.id === requestedOrgId) : memberships[0];
  if (!org) {
    throw requestedOrgId
      ? forbidden("You are not a member of this org", "not_a_member")
      : forbidden("You are not a member of any org", "no_org");
  }
  if (allowed && !allowed.includes(org.role)) throw forbidden(`This needs one of the roles: ${allowed.join(", ")}`);
  return org;
}
