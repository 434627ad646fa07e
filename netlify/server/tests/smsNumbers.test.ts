import { createHmac } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfig } from "../config";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { executeJob } from "../jobs/executeJob";
import "../jobs/allJobs";
import { FunctionRouter } from "../local/functionRouter";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { startFakeTwilio, type FakeTwilio } from "../testing/fakeTwilio";
import { signUp, uniqueEmail, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

// Per-org texting numbers: the API (roles, validation, one org per number), texts going out from the org's default
// number, and inbound texts (replies, STOP/START) landing in the org that owns the number called.

const silent = pino({ level: "silent" });
const PUBLIC = "https://hk.example.test";
const DEPLOYMENT_NUMBER = "+15125550000";
const ENV = ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM", "TWILIO_BASE_URL", "TWILIO_ORG_ID", "PUBLIC_BASE_URL", "MESSAGING_SEND_FROM", "MESSAGING_SEND_UNTIL"];

const chicagoHour = (at = new Date()) => Number(new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", hour: "numeric", hourCycle: "h23" }).format(at));
const hh = (h: number) => `${String(((h % 24) + 24) % 24).padStart(2, "0")}:00`;

function twilioSignature(token: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join("");
  return createHmac("sha1", token).update(data).digest("base64");
}

describe.each(testBackends())("org texting numbers on $name", (backend) => {
  let handle: DatabaseHandle;
  let a: SignedUp;
  let b: SignedUp;
  let admin: SignedUp;
  let agent: SignedUp;
  let investor: SignedUp;
  let twilio: FakeTwilio;
  const asA = () => ({ token: a.token, orgId: a.orgId });
  const asB = () => ({ token: b.token, orgId: b.orgId });
  const inA = (u: SignedUp) => ({ token: u.token, orgId: a.orgId });

  const setEnv = (vars: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetConfig();
  };
  const withTwilio = (over: Record<string, string | undefined> = {}) =>
    setEnv({ TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_FROM: DEPLOYMENT_NUMBER, TWILIO_BASE_URL: twilio.url, TWILIO_ORG_ID: undefined, ...over });

  let seq = 0;
  /** A fresh valid US number, unique in this file. */
  const newNumber = (area = "737") => `+1${area}842${String(1000 + ++seq).padStart(4, "0")}`;
  const addNumber = async (who: { token: string; orgId: string }, phone: string, isDefault?: boolean) => {
    const res = await api("POST", "/api/org/sms-numbers", { ...who, body: { phone, ...(isDefault === undefined ? {} : { isDefault }) } });
    expect(res.status).toBe(201);
    return res.body as { id: string; phone: string; isDefault: boolean };
  };
  const list = async (who: { token: string; orgId: string }) => {
    const res = await api("GET", "/api/org/sms-numbers", who);
    expect(res.status).toBe(200);
    return res.body.items as { id: string; phone: string; isDefault: boolean }[];
  };
  const clearNumbers = async () => {
    await handle.db.deleteFrom("orgSmsNumbers").execute();
  };
  const newLead = async (who: { token: string; orgId: string }, phone: string) => {
    const res = await api("POST", "/api/leads", { ...who, body: { firstName: "Ana", email: uniqueEmail("lead"), phone, address: { state: "TX", zip: "78704" } } });
    expect(res.status).toBe(201);
    return res.body as { id: string; phone: string };
  };
  const send = async (who: { token: string; orgId: string }, leadId: string, body: string) => {
    const res = await api("POST", `/api/leads/${leadId}/messages`, { ...who, body: { channel: "sms", body } });
    expect([200, 202]).toContain(res.status);
    return res.body as { id: string; status: string; error: string | null };
  };
  const runSend = async (messageId: string) => {
    const jobs = (await handle.db.selectFrom("jobOutbox").select(["id", "orgId", "queue", "name", "payload", "attempts", "availableAt", "status"]).where("name", "=", "send-message").orderBy("createdAt").execute()).filter(
      (j) => (j.payload as { messageId: string }).messageId === messageId,
    );
    return executeJob(handle.db, silent, jobs[0]);
  };
  const message = (id: string) => handle.db.selectFrom("messages").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const received = async (who: { token: string; orgId: string }, leadId: string) =>
    ((await api("GET", `/api/leads/${leadId}/activities`, who)).body.items as { type: string; body: string | null; data: Record<string, unknown> }[]).filter((x) => x.type === "message.received");
  const suppressed = (orgId: string, address: string) => handle.db.selectFrom("suppressionList").select(["reason"]).where("orgId", "=", orgId).where("channel", "=", "sms").where("address", "=", address).execute();
  const inbound = async (params: Record<string, string>) => {
    const path = "/api/webhooks/twilio/inbound";
    const router = await FunctionRouter.load();
    const res = await router.handle(
      new Request(`http://hidden-key.test${path}`, {
        method: "POST",
        body: new URLSearchParams(params).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(twilio.authToken, `${PUBLIC}${path}`, params) },
      }),
      "198.51.100.1",
    );
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    useTestEnv();
    twilio = await startFakeTwilio();
    handle = await backend.open();
    setDatabase(handle);
    a = await signUp("Numbers A");
    b = await signUp("Numbers B");
    admin = await signUp("Admin's own org");
    agent = await signUp("Agent's own org");
    investor = await signUp("Investor's own org");
    for (const [u, role] of [[admin, "admin"], [agent, "agent"], [investor, "investor"]] as const) {
      expect((await api("POST", "/api/org/members", { ...asA(), body: { email: u.email, role } })).status).toBe(201);
    }
    setEnv({ PUBLIC_BASE_URL: PUBLIC, MESSAGING_SEND_FROM: hh(chicagoHour() - 3), MESSAGING_SEND_UNTIL: hh(chicagoHour() + 3) });
  });
  beforeEach(async () => {
    await clearNumbers();
    withTwilio();
  });
  afterAll(async () => {
    setEnv(Object.fromEntries(ENV.map((k) => [k, undefined])));
    await handle.close();
    await twilio.close();
  });

  describe("the API", () => {
    it("adds (normalised to E.164; the first is the default), lists, moves the default and removes", async () => {
      const first = await addNumber(asA(), "(737) 842-0001");
      expect(first).toEqual({ id: expect.any(String), phone: "+17378420001", isDefault: true, createdAt: expect.any(String) });
      const second = await addNumber(asA(), "+1 737 842 0002");
      expect(second.isDefault).toBe(false);
      expect((await list(asA())).map((n) => [n.phone, n.isDefault])).toEqual([["+17378420001", true], ["+17378420002", false]]);

      const moved = await api("PATCH", `/api/org/sms-numbers/${second.id}`, { ...asA(), body: { isDefault: true } });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ id: second.id, isDefault: true });
      expect((await list(asA())).map((n) => [n.phone, n.isDefault])).toEqual([["+17378420001", false], ["+17378420002", true]]);

      // Added as the default: takes it over.
      const third = await addNumber(asA(), "737-842-0003", true);
      expect(third.isDefault).toBe(true);
      expect((await list(asA())).filter((n) => n.isDefault).map((n) => n.id)).toEqual([third.id]);

      expect((await api("DELETE", `/api/org/sms-numbers/${first.id}`, asA())).status).toBe(204);
      expect((await list(asA())).map((n) => n.id)).toEqual([second.id, third.id]);
      expect((await api("DELETE", `/api/org/sms-numbers/${first.id}`, asA())).status).toBe(404);
      expect((await api("PATCH", `/api/org/sms-numbers/not-a-uuid`, { ...asA(), body: { isDefault: true } })).status).toBe(404);
      expect((await api("PATCH", "/api/org/sms-numbers", { ...asA(), body: { isDefault: true } })).status).toBe(405);
    });

    it("refuses a phone that is not a number, naming the field", async () => {
      for (const body of [{ phone: "555" }, { phone: "call me" }, {}, { phone: "" }]) {
        const res = await api("POST", "/api/org/sms-numbers", { ...asA(), body });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe("validation_failed");
        expect(Object.keys(res.body.error.fields)).toEqual(["phone"]);
      }
      const { id } = await addNumber(asA(), newNumber());
      const bad = await api("PATCH", `/api/org/sms-numbers/${id}`, { ...asA(), body: { isDefault: "yes" } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toHaveProperty("isDefault");
      expect(await list(asA())).toHaveLength(1);
    });

    it("a number belongs to one org: 409 number_taken for this org and any other", async () => {
      const phone = newNumber();
      await addNumber(asA(), phone);
      const again = await api("POST", "/api/org/sms-numbers", { ...asA(), body: { phone } });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: "number_taken", fields: { phone: expect.any(String) } });
      // Written differently, the same number.
      const elsewhere = await api("POST", "/api/org/sms-numbers", { ...asB(), body: { phone: phone.replace("+1", "").replace(/(\d{3})(\d{3})(\d{4})/, "($1) $2-$3") } });
      expect(elsewhere.status).toBe(409);
      expect(elsewhere.body.error.code).toBe("number_taken");
      expect(await list(asB())).toEqual([]);
      expect(await list(asA())).toHaveLength(1);
    });

    it("owners and admins write; agents and investors only read; other orgs see and touch nothing", async () => {
      const mine = await addNumber(inA(admin), newNumber());
      expect((await list(inA(agent))).map((n) => n.id)).toEqual([mine.id]);
      expect((await list(inA(investor))).map((n) => n.id)).toEqual([mine.id]);
      for (const u of [agent, investor]) {
        expect((await api("POST", "/api/org/sms-numbers", { ...inA(u), body: { phone: newNumber() } })).status).toBe(403);
        expect((await api("PATCH", `/api/org/sms-numbers/${mine.id}`, { ...inA(u), body: { isDefault: false } })).status).toBe(403);
        expect((await api("DELETE", `/api/org/sms-numbers/${mine.id}`, inA(u))).status).toBe(403);
      }
      expect(await list(asB())).toEqual([]);
      expect((await api("PATCH", `/api/org/sms-numbers/${mine.id}`, { ...asB(), body: { isDefault: false } })).status).toBe(404);
      expect((await api("DELETE", `/api/org/sms-numbers/${mine.id}`, asB())).status).toBe(404);
      expect((await api("GET", "/api/org/sms-numbers", { token: b.token, orgId: a.orgId })).status).toBe(403);
      expect(await list(asA())).toEqual([expect.objectContaining({ id: mine.id, isDefault: true })]);
    });
  });

  describe("sending", () => {
    it("an org's texts go out from its default number; an org without one from TWILIO_FROM; without either to the outbox", async () => {
      const numberA = (await addNumber(asA(), newNumber())).phone;
      const leadA = await newLead(asA(), newNumber("512"));
      const fromA = await send(asA(), leadA.id, "Hello from A");
      expect(await runSend(fromA.id)).toMatchObject({ result: "sent" });
      expect(twilio.sent.at(-1)).toMatchObject({ to: leadA.phone, from: numberA, body: "Hello from A" });
      expect(await message(fromA.id)).toMatchObject({ status: "sent", provider: "twilio", fromAddress: numberA });

      const leadB = await newLead(asB(), newNumber("512"));
      const fromB = await send(asB(), leadB.id, "Hello from B");
      expect(await runSend(fromB.id)).toMatchObject({ result: "sent" });
      expect(twilio.sent.at(-1)).toMatchObject({ to: leadB.phone, from: DEPLOYMENT_NUMBER });
      expect(await message(fromB.id)).toMatchObject({ fromAddress: DEPLOYMENT_NUMBER });

      // A multi-tenant deployment without TWILIO_FROM: A still texts from its number, B (no number) gets the outbox.
      withTwilio({ TWILIO_FROM: undefined });
      const again = await send(asA(), leadA.id, "Second from A");
      expect(await runSend(again.id)).toMatchObject({ result: "sent" });
      expect(twilio.sent.at(-1)).toMatchObject({ from: numberA, body: "Second from A" });
      const sentBefore = twilio.sent.length;
      const outboxed = await send(asB(), leadB.id, "Second from B");
      expect(await runSend(outboxed.id)).toMatchObject({ result: "outbox" });
      expect(twilio.sent.length).toBe(sentBefore);
      expect(await message(outboxed.id)).toMatchObject({ status: "outbox", fromAddress: null });
    });
  });

  describe("inbound", () => {
    it("a reply to A's number lands on A's lead, even when B texted the person later, TWILIO_ORG_ID names B and TWILIO_FROM is another number", async () => {
      const numberA = (await addNumber(asA(), newNumber())).phone;
      const numberB = (await addNumber(asB(), newNumber())).phone;
      const person = newNumber("512");
      const leadA = await newLead(asA(), person);
      const leadB = await newLead(asB(), person);
      expect(await runSend((await send(asA(), leadA.id, "A here")).id)).toMatchObject({ result: "sent" });
      expect(await runSend((await send(asB(), leadB.id, "B here")).id)).toMatchObject({ result: "sent" });
      expect(twilio.sent.slice(-2).map((s) => s.from)).toEqual([numberA, numberB]);

      withTwilio({ TWILIO_ORG_ID: b.orgId });
      await inbound({ From: person, To: numberA, Body: "Interested, call me", MessageSid: `SM${"c".repeat(32)}` });
      expect(await received(asA(), leadA.id)).toEqual([expect.objectContaining({ body: "Interested, call me", data: expect.objectContaining({ from: person, to: numberA }) })]);
      expect(await received(asB(), leadB.id)).toEqual([]);

      // B's number routes to B.
      await inbound({ From: person, To: numberB, Body: "Not you, sorry" });
      expect((await received(asB(), leadB.id)).map((r) => r.body)).toEqual(["Not you, sorry"]);
      expect(await received(asA(), leadA.id)).toHaveLength(1);

      // Not an org's number and not TWILIO_FROM: ignored, as before.
      await inbound({ From: person, To: newNumber("214"), Body: "Wrong number?" });
      expect(await received(asA(), leadA.id)).toHaveLength(1);
      expect(await received(asB(), leadB.id)).toHaveLength(1);
      // TWILIO_FROM (no org owns it) still falls back to TWILIO_ORG_ID.
      await inbound({ From: person, To: DEPLOYMENT_NUMBER, Body: "Via the shared number" });
      expect((await received(asB(), leadB.id)).map((r) => r.body)).toContain("Via the shared number");
      expect(await received(asA(), leadA.id)).toHaveLength(1);
    });

    it("STOP to A's number suppresses in A only; START to it lifts A's", async () => {
      const numberA = (await addNumber(asA(), newNumber())).phone;
      await addNumber(asB(), newNumber());
      const person = newNumber("512");
      const leadA = await newLead(asA(), person);
      const leadB = await newLead(asB(), person);
      expect(await runSend((await send(asB(), leadB.id, "B first")).id)).toMatchObject({ result: "sent" });
      expect(await runSend((await send(asA(), leadA.id, "A first")).id)).toMatchObject({ result: "sent" });

      await inbound({ From: person, To: numberA, Body: "STOP" });
      expect(await suppressed(a.orgId, person)).toEqual([{ reason: "stop" }]);
      expect(await suppressed(b.orgId, person)).toEqual([]);
      expect(await send(asA(), leadA.id, "Still there?")).toMatchObject({ status: "blocked", error: expect.stringContaining("suppression list") });
      const fromB = await send(asB(), leadB.id, "B again");
      expect(fromB.status).toBe("queued");
      expect(await runSend(fromB.id)).toMatchObject({ result: "sent" });

      await inbound({ From: person, To: numberA, Body: "START" });
      expect(await suppressed(a.orgId, person)).toEqual([]);
      expect((await send(asA(), leadA.id, "Welcome back")).status).toBe("queued");
    });
  });
});
