import { sql } from "kysely";
import type { Member } from "../../../../src/domain/orgs";
import type { OrgRole } from "../../../../src/domain/roles";
import type { Tx } from "../../db/transactions";
import { HttpError, conflict, forbidden, notFound } from "../../http/errors";
import type { ActiveOrg } from "../../http/membership";
import { isUuid } from "../../http/ids";


function memberQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom("orgMembers as m")
    .innerJoin("profiles as p", "p.id", "m.userId")
    .select(["m.userId", "p.email", "p.fullName", "m.role", "m.createdAt"])
    .where("m.orgId", "=", orgId);
}

type MemberRow = { userId: string; email: string; fullName: string | null; role: OrgRole; createdAt: Date };
const toMember = (r: MemberRow): Member => ({ ...r, createdAt: new Date(r.createdAt).toISOString() });

export async function listMembers(tx: Tx, orgId: string): Promise<Member[]> {
  const rows = await memberQuery(tx, orgId).orderBy("m.createdAt").execute();
  return rows.map(toMember);
}

async function getMember(tx: Tx, orgId: string, userId: string): Promise<Member> {
  if (!isUuid(userId)) throw notFound("Member");
  const row = await memberQuery(tx, orgId).where("m.userId", "=", userId).executeTakeFirst();
  if (!row) throw notFound("Member");
  return toMember(row);
}

// Only an owner may make someone an owner or change what an owner is.
function assertMayTouch(actor: ActiveOrg, targetRole: OrgRole | undefined, newRole: OrgRole | undefined) {
  if (actor.role !== "owner" && (targetRole === "owner" || newRole === "owner")) {
    throw forbidden("Only an owner can grant or change the owner role");
  }
}

async function assertNotLastOwner(tx: Tx, orgId: string) {
  // Locks the owners' rows so two owners demoting each other at once can't both pass the count.
  const owners = await tx
    .selectFrom("orgMembers")
    .select("userId")
    .where("orgId", "=", orgId)
    .where("role", "=", "owner")
    .forUpdate()
    .execute();
  if (owners.length <= 1) throw conflict("last_owner", "An org needs at least one owner");
}

export async function addMember(tx: Tx, org: ActiveOrg, input: { email: string; role: OrgRole }): Promise<Member> {
  assertMayTouch(org, undefined, input.role);
  const found = await sql<{ id: string | null }>`select private.user_id_by_email(${input.email}) as id`.execute(tx);
  const userId = found.rows[0]?.id;
  if (!userId) {
    throw new HttpError(404, "user_not_found", "No user has this email; ask them to sign up first", {
      email: "no account with this email",
    });
  }
  const existing = await tx.selectFrom("orgMembers").select("role").where("orgId", "=", org.id).where("userId", "=", userId).executeTakeFirst();
  if (existing) throw conflict("already_member", "This user is already a member", { email: "is already a member" });
  await tx.insertInto("orgMembers").values({ orgId: org.id, userId, role: input.role }).execute();
  return getMember(tx, org.id, userId);
}

export async function changeMemberRole(tx: Tx, org: ActiveOrg, userId: string, role: OrgRole): Promise<Member> {
  const target = await getMember(tx, org.id, userId);
  assertMayTouch(org, target.role, role);
  if (target.role === "owner" && role !== "owner") await assertNotLastOwner(tx, org.id);
  await tx.updateTable("orgMembers").set({ role }).where("orgId", "=", org.id).where("userId", "=", userId).execute();
  return getMember(tx, org.id, userId);
}

export async function removeMember(tx: Tx, org: ActiveOrg, userId: string): Promise<void> {
  const target = await getMember(tx, org.id, userId);
  assertMayTouch(org, target.role, undefined);
  if (target.role === "owner") await assertNotLastOwner(tx, org.id);
  await tx.deleteFrom("orgMembers").where("orgId", "=", org.id).where("userId", "=", userId).execute();
}
