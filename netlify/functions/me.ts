import { endpoint, json } from "../server/http/endpoint";
import { listMemberships } from "../server/http/membership";
import { unauthorized } from "../server/http/errors";

export default endpoint({
  GET: {
    auth: "user",
    async handle({ tx, userId, claims }) {
      const profile = await tx.selectFrom("profiles").select(["id", "email", "fullName"]).where("id", "=", userId).executeTakeFirst();
      // A valid token for a user whose profile is gone (deleted account): treat as signed out.
      if (!profile) throw unauthorized("invalid_token", "This account no longer exists");
      const memberships = await listMemberships(tx);
      return json({
        user: { ...profile, email: profile.email || String(claims.email ?? "") },
        memberships: memberships.map((m) => ({ orgId: m.id, orgName: m.name, role: m.role })),
      });
    },
  },
});

export const config = { path: "/api/me" };
