import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { signUp, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

describe.each(testBackends())("saved views on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let agent: SignedUp;
  let other: SignedUp;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });

  beforeAll(async () => {
    useTestEnv();
    handle = await backend.open();
    setDatabase(handle);
    [owner, agent, other] = await Promise.all([signUp("Views Co"), signUp("Agent's"), signUp("Other's")]);
    for (const u of [agent, other]) await api("POST", "/api/org/members", { ...asOwner(), body: { email: u.email, role: "agent" } });
  });
  afterAll(() => handle.close());

  it("keeps personal views personal and shares shared ones with the staff", async () => {
    const asAgent = { token: agent.token, orgId: owner.orgId };
    const personal = await api("POST", "/api/saved-views", { ...asAgent, body: { name: "My hot leads", query: { status: ["new", "contacted"], q: "oak", sort: "score" } } });
    expect(personal.status).toBe(201);
    expect(personal.body).toMatchObject({ name: "My hot leads", shared: false, mine: true, query: { status: ["new", "contacted"], q: "oak", sort: "score" } });
    const shared = await api("POST", "/api/saved-views", { ...asOwner(), body: { name: "Probate TX", query: { tags: ["probate"], state: "TX" }, shared: true } });
    expect(shared.status).toBe(201);

    const agentSees = (await api("GET", "/api/saved-views", asAgent)).body.items.map((v: { name: string }) => v.name);
    expect(agentSees.sort()).toEqual(["My hot leads", "Probate TX"]);
    const otherSees = (await api("GET", "/api/saved-views", { token: other.token, orgId: owner.orgId })).body.items.map((v: { name: string }) => v.name);
    expect(otherSees).toEqual(["Probate TX"]);

    // An agent can't change the owner's shared view, nor see/delete another agent's personal one.
    expect((await api("PATCH", `/api/saved-views/${shared.body.id}`, { ...asAgent, body: { name: "Mine now" } })).status).toBe(404);
    expect((await api("DELETE", `/api/saved-views/${personal.body.id}`, { token: other.token, orgId: owner.orgId })).status).toBe(404);
    expect((await api("PATCH", `/api/saved-views/${personal.body.id}`, { ...asAgent, body: { shared: true } })).body.shared).toBe(true);
    expect((await api("DELETE", `/api/saved-views/${personal.body.id}`, asAgent)).status).toBe(204);
  });

  it("validates the stored query like the list's", async () => {
    const bad = await api("POST", "/api/saved-views", { ...asOwner(), body: { name: "", query: { status: ["hot"], zip: "1", scoreMin: 90, scoreMax: 10 } } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(["name", "query.status.0", "query.zip"]));
    const inverted = await api("POST", "/api/saved-views", { ...asOwner(), body: { name: "x", query: { scoreMin: 90, scoreMax: 10 } } });
    expect(inverted.body.error.fields).toHaveProperty("query.scoreMin");
  });
});
