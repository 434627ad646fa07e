import { createHmac, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfig } from "../config";
import type { DatabaseHandle } from "../db/connect";
import { setDatabase } from "../db/instance";
import { executeJob } from "../jobs/executeJob";
import type { OutboxRow } from "../jobs/outboxStore";
import "../jobs/allJobs";
import { FunctionRouter } from "../local/functionRouter";
import { api } from "../testing/apiClient";
import { useTestEnv } from "../testing/env";
import { startFakeSendgrid, type FakeSendgrid } from "../testing/fakeSendgrid";
import { startFakeTwilio, type FakeTwilio } from "../testing/fakeTwilio";
import { signUp, uniqueEmail, type SignedUp } from "../testing/fixtures";
import { testBackends } from "../testing/testDatabase";

const silent = pino({ level: "silent" });
const PUBLIC = "https://hk.example.test";
const OUR_NUMBER = "+15125550000";
const MESSAGING_ENV = ["SENDGRID_API_KEY", "SENDGRID_FROM", "SENDGRID_BASE_URL", "SENDGRID_WEBHOOK_PUBLIC_KEY", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM", "TWILIO_BASE_URL", "TWILIO_ORG_ID", "PUBLIC_BASE_URL", "MESSAGING_SEND_FROM", "MESSAGING_SEND_UNTIL"];

/** The hour now in Chicago (the zone of the tests' Texas leads). */
const chicagoHour = (at = new Date()) => Number(new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", hour: "numeric", hourCycle: "h23" }).format(at));
const hh = (h: number) => `${String(((h % 24) + 24) % 24).padStart(2, "0")}:00`;

/** Twilio's request signature: base64 HMAC-SHA1 over the URL and the sorted fields (computed here, not by the SDK). */
function twilioSignature(token: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join("");
  return createHmac("sha1", token).update(data).digest("base64");
}

describe.each(testBackends())("messaging on $name", (backend) => {
  let handle: DatabaseHandle;
  let owner: SignedUp;
  let agent: SignedUp;
  let other: SignedUp;
  let sendgrid: FakeSendgrid;
  let twilio: FakeTwilio;
  let eventKey: KeyObject;
  let eventPublicKey: string;
  const asOwner = () => ({ token: owner.token, orgId: owner.orgId });
  const asAgent = () => ({ token: agent.token, orgId: owner.orgId });

  const setEnv = (vars: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetConfig();
  };
  /** A send window around now (in Chicago), so sends are not held for quiet hours unless a test wants them to be. */
  const openWindow = () => setEnv({ MESSAGING_SEND_FROM: hh(chicagoHour() - 3), MESSAGING_SEND_UNTIL: hh(chicagoHour() + 3) });
  const noProviders = () => setEnv({ SENDGRID_API_KEY: undefined, SENDGRID_FROM: undefined, TWILIO_ACCOUNT_SID: undefined, TWILIO_FROM: undefined });
  const withSendgrid = () => setEnv({ SENDGRID_API_KEY: sendgrid.apiKey, SENDGRID_FROM: "offers@acme.test", SENDGRID_BASE_URL: sendgrid.url });
  const withTwilio = () => setEnv({ TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_FROM: OUR_NUMBER, TWILIO_BASE_URL: twilio.url });

  let phoneSeq = 100;
  const newLead = async (over: Record<string, unknown> = {}, who = asOwner()) => {
    phoneSeq++;
    const res = await api("POST", "/api/leads", { ...who, body: { firstName: "Ana", lastName: "Ruiz", email: uniqueEmail("lead"), phone: `+1 512 842 ${String(7000 + phoneSeq)}`, address: { state: "TX", zip: "78704" }, ...over } });
    expect(res.status).toBe(201);
    return res.body as { id: string; email: string | null; phone: string | null };
  };
  const jobsFor = async (messageId: string): Promise<OutboxRow[]> =>
    (await handle.db.selectFrom("jobOutbox").select(["id", "orgId", "queue", "name", "payload", "attempts", "availableAt", "status"]).where("name", "=", "send-message").orderBy("createdAt").execute()).filter(
      (j) => (j.payload as { messageId: string }).messageId === messageId,
    );
  const runJob = async (messageId: string, which = 0) => executeJob(handle.db, silent, (await jobsFor(messageId))[which]);
  const message = (id: string) => handle.db.selectFrom("messages").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const timeline = async (leadId: string, prefix = "message.") =>
    ((await api("GET", `/api/leads/${leadId}/activities`, asOwner())).body.items as { type: string; body: string | null; data: Record<string, unknown> }[]).filter((a) => a.type.startsWith(prefix));
  const send = (leadId: string, body: Record<string, unknown>, who = asOwner()) => api("POST", `/api/leads/${leadId}/messages`, { ...who, body });
  const createTemplate = async (body: Record<string, unknown>) => {
    const res = await api("POST", "/api/message-templates", { ...asOwner(), body });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const postTwilio = (kind: "inbound" | "status", params: Record<string, string>, options: { query?: string; signature?: string } = {}) => {
    const path = `/api/webhooks/twilio/${kind}${options.query ?? ""}`;
    const signature = options.signature ?? twilioSignature(twilio.authToken, `${PUBLIC}${path}`, params);
    return rawApi("POST", path, new URLSearchParams(params).toString(), { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature });
  };
  const postEvents = (events: unknown[], options: { tamper?: boolean } = {}) => {
    const payload = JSON.stringify(events);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign("sha256", Buffer.from(timestamp + payload), eventKey).toString("base64");
    return api("POST", "/api/webhooks/sendgrid/events", {
      rawBody: options.tamper ? payload.replace(`"email":"`, `"email":"x`) : payload,
      headers: { "content-type": "application/json", "x-twilio-email-event-webhook-signature": signature, "x-twilio-email-event-webhook-timestamp": timestamp },
    });
  };

  beforeAll(async () => {
    useTestEnv();
    [sendgrid, twilio] = await Promise.all([startFakeSendgrid(), startFakeTwilio()]);
    const pair = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    eventKey = pair.privateKey;
    eventPublicKey = pair.publicKey.export({ type: "spki", format: "der" }).toString("base64");
    handle = await backend.open();
    setDatabase(handle);
    owner = await signUp("Messaging Co");
    agent = await signUp("Agent's own org");
    other = await signUp("Other Org");
    expect((await api("POST", "/api/org/members", { ...asOwner(), body: { email: agent.email, role: "agent" } })).status).toBe(201);
    setEnv({ PUBLIC_BASE_URL: PUBLIC, SENDGRID_WEBHOOK_PUBLIC_KEY: eventPublicKey, TWILIO_AUTH_TOKEN: twilio.authToken });
  });
  beforeEach(() => {
    openWindow();
    noProviders();
  });
  afterAll(async () => {
    setEnv(Object.fromEntries(MESSAGING_ENV.map((k) => [k, undefined])));
    await handle.close();
    await Promise.all([sendgrid.close(), twilio.close()]);
  });

  describe("templates", () => {
    it("managers create, change and delete them; staff list them; agents may not write them", async () => {
      const created = await createTemplate({ name: "Intro email", channel: "email", subject: "Hi {{lead.firstName}}", body: "<p>Hello {{lead.firstName}}, I'm {{agent.name}} at {{org.name}}.</p>" });
      const listed = await api("GET", "/api/message-templates", asAgent());
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(created.id);
      expect((await api("POST", "/api/message-templates", { ...asAgent(), body: { name: "Agent's", channel: "sms", body: "hey" } })).status).toBe(403);
      expect((await api("PATCH", `/api/message-templates/${created.id}`, { ...asAgent(), body: { name: "x" } })).status).toBe(403);

      const patched = await api("PATCH", `/api/message-templates/${created.id}`, { ...asOwner(), body: { subject: "Hello again {{lead.fullName}}" } });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ name: "Intro email", subject: "Hello again {{lead.fullName}}", channel: "email" });
      expect((await api("DELETE", `/api/message-templates/${created.id}`, asOwner())).status).toBe(204);
      expect((await api("DELETE", `/api/message-templates/${created.id}`, asOwner())).status).toBe(404);
    });

    it("refuses unknown variables and channel mistakes, naming the field", async () => {
      const bad = await api("POST", "/api/message-templates", { ...asOwner(), body: { name: "Bad", channel: "email", subject: "Hi {{lead.nickname}}", body: "{{agent.phone}} {{lead.firstName}}" } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: "validation_failed", fields: { subject: "unknown variable: lead.nickname", body: "unknown variable: agent.phone" } });
      const noSubject = await api("POST", "/api/message-templates", { ...asOwner(), body: { name: "No subject", channel: "email", body: "x" } });
      expect(noSubject.body.error.fields).toEqual({ subject: "is required for email" });
      const sms = await createTemplate({ name: "Sms for patch", channel: "sms", body: "Hi" });
      const patch = await api("PATCH", `/api/message-templates/${sms.id}`, { ...asOwner(), body: { body: "Hi {{lead.middleName}}" } });
      expect(patch.status).toBe(400);
      expect(patch.body.error.fields).toEqual({ body: "unknown variable: lead.middleName" });
      const dup = await api("POST", "/api/message-templates", { ...asOwner(), body: { name: "Sms for patch", channel: "sms", body: "Hi" } });
      expect(dup.status).toBe(409);
    });

    it("previews a template for a lead: escaped HTML, a generated text part with the unsubscribe link, SMS segments", async () => {
      const lead = await newLead({ firstName: "Zoë <script>", lastName: "Hart" });
      const t = await createTemplate({ name: "Preview", channel: "email", subject: "Offer for {{lead.fullName}}", body: "<p>Dear {{lead.firstName}},</p><p>{{org.name}}</p>" });
      const res = await api("POST", "/api/message-templates/preview", { ...asAgent(), body: { templateId: t.id, leadId: lead.id } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ channel: "email", to: lead.email, subject: "Offer for Zoë <script> Hart" });
      expect(res.body.html).toContain("<p>Dear Zoë &lt;script&gt;,</p><p>Messaging Co</p>");
      expect(res.body.html).toMatch(new RegExp(`<a href="${PUBLIC}/api/unsubscribe/[\\w-]+\\.[\\w-]+">Unsubscribe</a>`));
      expect(res.body.text).toMatch(/^Dear Zoë <script>,\n\nMessaging Co\n\nUnsubscribe: https:\/\/hk\.example\.test\/api\/unsubscribe\//);
      expect(res.body.characters).toBe([...res.body.text].length);

      const sms = await api("POST", "/api/message-templates/preview", { ...asOwner(), body: { template: { channel: "sms", body: "Hi {{lead.firstName}}! ".repeat(12) }, leadId: lead.id } });
      expect(sms.status).toBe(200);
      expect(sms.body).toMatchObject({ channel: "sms", to: lead.phone, html: null, sms: { encoding: "UCS-2", segments: 4 } }); // ë is not GSM-7
      const draft = await api("POST", "/api/message-templates/preview", { ...asOwner(), body: { template: { channel: "sms", body: "{{lead.ssn}}" }, leadId: lead.id } });
      expect(draft.status).toBe(400);
      expect(draft.body.error.fields).toEqual({ "template.body": "unknown variable: lead.ssn" });
      const bad = await api("POST", "/api/message-templates/preview", { ...asOwner(), body: { leadId: lead.id } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toHaveProperty("templateId");
      expect((await api("POST", "/api/message-templates/preview", { token: other.token, orgId: other.orgId, body: { templateId: t.id, leadId: lead.id } })).status).toBe(404);
    });
  });

  describe("sending", () => {
    it("without keys the message goes to the in-app outbox, exactly as it would have been sent, and on the timeline", async () => {
      const lead = await newLead();
      await api("PATCH", `/api/leads/${lead.id}`, { ...asOwner(), body: { address: { city: "Austin", state: "TX", zip: "78704" } } });
      const res = await send(lead.id, { channel: "email", subject: "Quick question", body: "<p>Still own {{lead.city}}?</p>" });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: "queued", channel: "email", to: lead.email, subject: "Quick question", createdBy: owner.userId });
      expect(await runJob(res.body.id)).toMatchObject({ status: "done", result: "outbox" });
      const outbox = await api("GET", "/api/messages?status=outbox", asAgent());
      expect(outbox.status).toBe(200);
      const item = outbox.body.items.find((m: { id: string }) => m.id === res.body.id);
      expect(item).toMatchObject({ status: "outbox", provider: "outbox", subject: "Quick question", to: lead.email });
      expect(item.bodyHtml).toContain("<p>Still own Austin?</p>");
      expect(item.bodyText).toContain("Unsubscribe: https://hk.example.test/api/unsubscribe/");
      expect(await timeline(lead.id)).toEqual([expect.objectContaining({ type: "message.outbox", data: expect.objectContaining({ channel: "email", subject: "Quick question", messageId: res.body.id }) })]);
      expect(sendgrid.sent.length + twilio.sent.length).toBe(0);
    });

    it("email goes through SendGrid's v3 API once, however often the job runs; the message id travels with it", async () => {
      withSendgrid();
      const lead = await newLead({ firstName: "Rosa" });
      const t = await createTemplate({ name: "SG intro", channel: "email", subject: "Hi {{lead.firstName}}", body: "<p>Hi {{lead.firstName}}, {{agent.email}}</p>", textBody: "Hi {{lead.firstName}} (text)" });
      const res = await send(lead.id, { channel: "email", templateId: t.id });
      expect(res.status).toBe(202);
      const before = sendgrid.sent.length;
      expect(await runJob(res.body.id)).toMatchObject({ status: "done", result: "sent" });
      expect(await runJob(res.body.id)).toMatchObject({ status: "done", result: "skipped" });
      expect(sendgrid.sent.length - before).toBe(1);
      const mail = sendgrid.sent.at(-1)!;
      expect(mail.authorization).toBe(`Bearer ${sendgrid.apiKey}`);
      expect(mail.body).toMatchObject({ personalizations: [{ to: [{ email: lead.email }] }], from: { email: "offers@acme.test" }, subject: "Hi Rosa", custom_args: { message_id: res.body.id } });
      expect(mail.body.content).toEqual([
        { type: "text/plain", value: expect.stringMatching(/^Hi Rosa \(text\)\n\nUnsubscribe: https:\/\/hk\.example\.test\/api\/unsubscribe\//) },
        { type: "text/html", value: expect.stringContaining(`<p>Hi Rosa, ${owner.email}</p>`) },
      ]);
      expect(mail.body.headers?.["List-Unsubscribe"]).toMatch(/^<https:\/\/hk\.example\.test\/api\/unsubscribe\/.+>$/);
      const row = await message(res.body.id);
      expect(row).toMatchObject({ status: "sent", provider: "sendgrid", providerMessageId: mail.messageId, fromAddress: "offers@acme.test" });
      expect(row.sentAt).not.toBeNull();
      expect((await timeline(lead.id)).map((a) => a.type)).toEqual(["message.sent"]);
    });

    it("a provider error is retried without a duplicate; an interrupted send is never repeated", async () => {
      withSendgrid();
      const lead = await newLead();
      const res = await send(lead.id, { channel: "email", subject: "Retry", body: "<p>retry</p>" });
      sendgrid.failNext(1, 503);
      const before = sendgrid.sent.length;
      expect(await runJob(res.body.id)).toMatchObject({ status: "retry" });
      expect(await message(res.body.id)).toMatchObject({ status: "queued", sendStartedAt: null, error: expect.stringContaining("503") });
      expect(await runJob(res.body.id)).toMatchObject({ status: "done", result: "sent" });
      expect(sendgrid.sent.length - before).toBe(1);

      // A worker that died after handing a message over: the mark is committed, the outcome never recorded.
      const lost = await send(lead.id, { channel: "email", subject: "Lost", body: "<p>lost</p>" });
      await handle.db.updateTable("messages").set({ sendStartedAt: new Date() }).where("id", "=", lost.body.id).execute();
      const calls = sendgrid.calls;
      expect(await runJob(lost.body.id)).toMatchObject({ status: "done", result: "failed" });
      expect(sendgrid.calls).toBe(calls);
      expect(await message(lost.body.id)).toMatchObject({ status: "failed", error: expect.stringContaining("outcome unknown") });
      expect((await timeline(lead.id)).map((a) => a.type).sort()).toEqual(["message.failed", "message.sent"]);
    });

    it("a refused key fails the message for good, with SendGrid's reason", async () => {
      setEnv({ SENDGRID_API_KEY: "SG.wrong-key-000", SENDGRID_FROM: "offers@acme.test", SENDGRID_BASE_URL: sendgrid.url });
      const lead = await newLead();
      const res = await send(lead.id, { channel: "email", subject: "Nope", body: "<p>x</p>" });
      expect(await runJob(res.body.id)).toMatchObject({ status: "done", result: "failed" });
      expect(await message(res.body.id)).toMatchObject({ status: "failed", error: expect.stringContaining("401") });
    });

    it("SMS goes through Twilio with Basic auth and a status callback naming the message; callbacks move it forward only", async () => {
      withTwilio();
      const lead = await newLead();
      const res = await send(lead.id, { channel: "sms", body: "Hi {{lead.firstName}}, still selling?" });
      expect(res.status).toBe(202);
      expect(await runJob(res.body.id)).toMatchObject({ status: "done", result: "sent" });
      const sms = twilio.sent.at(-1)!;
      expect(sms).toMatchObject({ to: lead.phone, from: OUR_NUMBER, body: "Hi Ana, still selling?", statusCallback: `${PUBLIC}/api/webhooks/twilio/status?messageId=${res.body.id}` });
      expect(await message(res.body.id)).toMatchObject({ status: "sent", provider: "twilio", providerMessageId: sms.sid });

      const query = `?messageId=${res.body.id}`;
      const delivered = await postTwilio("status", { MessageSid: sms.sid, MessageStatus: "delivered", To: lead.phone!, From: OUR_NUMBER }, { query });
      expect(delivered.status).toBe(200);
      expect(delivered.body).toEqual({ updated: true });
      const late = await postTwilio("status", { MessageSid: sms.sid, MessageStatus: "sent" }, { query });
      expect(late.body).toEqual({ updated: false });
      expect((await message(res.body.id)).status).toBe("delivered");
      // Found by its sid alone too.
      expect((await postTwilio("status", { MessageSid: sms.sid, MessageStatus: "undelivered", ErrorCode: "30003" })).body).toEqual({ updated: false });
      expect((await timeline(lead.id)).map((a) => a.type).sort()).toEqual(["message.delivered", "message.sent"]);
      // GET /api/messages?leadId= lists the lead's messages with their provider id and status history.
      const listed = await api("GET", `/api/messages?leadId=${lead.id}`, asOwner());
      expect(listed.status).toBe(200);
      const listedSms = listed.body.items.find((m: { id: string }) => m.id === res.body.id);
      expect(listedSms).toMatchObject({ providerMessageId: sms.sid, status: "delivered" });
      expect(listedSms.statusHistory.map((h: { status: string }) => h.status)).toEqual(["queued", "sent", "delivered"]);

      const forged = await postTwilio("status", { MessageSid: sms.sid, MessageStatus: "failed" }, { query, signature: twilioSignature("not-the-token-000000", `${PUBLIC}/api/webhooks/twilio/status${query}`, { MessageSid: sms.sid, MessageStatus: "failed" }) });
      expect(forged.status).toBe(403);
      expect(forged.body.error.code).toBe("invalid_signature");
      const badSid = await postTwilio("status", { MessageSid: "nope", MessageStatus: "delivered" });
      expect(badSid.status).toBe(400);
      expect(badSid.body.error.fields).toEqual({ MessageSid: "is not in the expected format" });
      const json = await api("POST", "/api/webhooks/twilio/status", { body: { MessageSid: sms.sid } });
      expect(json.status).toBe(415);
    });

    it("the same template to the same lead within 24 h is blocked with the reason; staff see it, it never sends", async () => {
      const lead = await newLead();
      const t = await createTemplate({ name: "Dup", channel: "sms", body: "Cash offer for {{lead.street}}?" });
      const first = await send(lead.id, { channel: "sms", templateId: t.id });
      expect(first.body.status).toBe("queued");
      const second = await send(lead.id, { channel: "sms", templateId: t.id }, asAgent());
      expect(second.status).toBe(202);
      expect(second.body).toMatchObject({ status: "blocked", error: expect.stringMatching(/^duplicate: the same template went to \+1512842\d{4} within 24 h/) });
      expect(await jobsFor(second.body.id)).toHaveLength(0);
      // The same body without the template is a duplicate too; a different body is not.
      const same = await send(lead.id, { channel: "sms", body: "Cash offer for ?" });
      expect(same.body.status).toBe("blocked");
      expect((await send(lead.id, { channel: "sms", body: "Something else" })).body.status).toBe("queued");
      const listed = await api("GET", `/api/leads/${lead.id}/messages`, asAgent());
      expect(listed.body.items.map((m: { status: string }) => m.status).sort()).toEqual(["blocked", "blocked", "queued", "queued"]);
      // Deleting a template keeps the messages made from it (their copy of the text), unlinked.
      expect((await api("DELETE", `/api/message-templates/${t.id}`, asOwner())).status).toBe(204);
      expect(await message(first.body.id)).toMatchObject({ templateId: null, bodyText: expect.stringMatching(/^Cash offer for /) });
    });

    it("an idempotency key makes a repeated request return the first message", async () => {
      const lead = await newLead();
      const a = await send(lead.id, { channel: "sms", body: "Once", idempotencyKey: "click-123" });
      const b = await send(lead.id, { channel: "sms", body: "Once", idempotencyKey: "click-123" });
      expect([a.status, b.status]).toEqual([202, 200]);
      expect(b.body.id).toBe(a.body.id);
      expect(await jobsFor(a.body.id)).toHaveLength(1);
    });

    it("in quiet hours where the lead lives the send is scheduled for the next allowed time, and the job holds it until then", async () => {
      const h = chicagoHour();
      setEnv({ MESSAGING_SEND_FROM: hh(h + 4), MESSAGING_SEND_UNTIL: hh(h + 5) });
      const lead = await newLead({ address: { state: "TX", zip: "78704" } });
      const res = await send(lead.id, { channel: "sms", body: "Later please" });
      expect(res.status).toBe(202);
      expect(res.body.status).toBe("queued");
      const at = new Date(res.body.scheduledFor);
      expect(at.getTime()).toBeGreaterThan(Date.now());
      expect(chicagoHour(at)).toBe((h + 4) % 24);
      expect(at.getUTCMinutes()).toBe(0);
      const [job] = await jobsFor(res.body.id);
      // Queued with a delay computed from the request's clock: available at the scheduled time (to the millisecond's drift).
      expect(Math.abs(job.availableAt.getTime() - at.getTime())).toBeLessThan(1000);
      // Run early (as if the clock were off): still quiet, so it re-queues for the allowed time and sends nothing.
      expect(await runJob(res.body.id)).toMatchObject({ status: "done", result: "rescheduled" });
      const jobs = await jobsFor(res.body.id);
      expect(jobs).toHaveLength(2);
      expect(Math.abs(jobs[1].availableAt.getTime() - at.getTime())).toBeLessThan(1000);
      expect((await message(res.body.id)).status).toBe("queued");
    });

    it("validates input and keeps orgs apart", async () => {
      const lead = await newLead();
      const bad = await send(lead.id, { channel: "fax", body: "x" });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toHaveProperty("channel");
      const unknownVar = await send(lead.id, { channel: "sms", body: "{{lead.ssn}}" });
      expect(unknownVar.body.error.fields).toEqual({ body: "unknown variable: lead.ssn" });
      const both = await send(lead.id, { channel: "sms", templateId: "00000000-0000-4000-8000-000000000000", body: "x" });
      expect(both.body.error.fields).toHaveProperty("templateId");
      const noEmail = await newLead({ email: undefined });
      const noAddress = await send(noEmail.id, { channel: "email", subject: "s", body: "b" });
      expect(noAddress.status).toBe(400);
      expect(noAddress.body.error.fields).toEqual({ channel: "the lead has no email address" });
      const smsTemplate = await createTemplate({ name: "Wrong channel", channel: "sms", body: "x" });
      expect((await send(lead.id, { channel: "email", templateId: smsTemplate.id })).body.error.fields).toEqual({ templateId: "is a sms template; channel is email" });
      expect((await send(lead.id, { channel: "sms", body: "x" }, { token: other.token, orgId: other.orgId })).status).toBe(404);
      expect((await api("GET", `/api/leads/${lead.id}/messages`, { token: other.token, orgId: other.orgId })).status).toBe(404);
      const otherList = await api("GET", "/api/messages", { token: other.token, orgId: other.orgId });
      expect(otherList.body.items).toEqual([]);
      expect((await api("GET", "/api/messages?status=nope", asOwner())).body.error.fields).toHaveProperty("status");
    });

    it("bulk: one template to many leads, each judged on its own", async () => {
      const t = await createTemplate({ name: "Bulk", channel: "email", subject: "News", body: "<p>Hi {{lead.firstName}}</p>" });
      const a = await newLead({ firstName: "Bea" });
      const b = await newLead({ firstName: "Cy" });
      const noEmail = await newLead({ email: undefined });
      const res = await api("POST", "/api/messages/bulk", { ...asAgent(), body: { leadIds: [a.id, b.id, noEmail.id], templateId: t.id } });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ queued: 2, blocked: 1 });
      expect(res.body.items).toEqual([
        { leadId: a.id, status: "queued", messageId: expect.any(String), reason: null },
        { leadId: b.id, status: "queued", messageId: expect.any(String), reason: null },
        { leadId: noEmail.id, status: "blocked", messageId: null, reason: "the lead has no email address" },
      ]);
      const again = await api("POST", "/api/messages/bulk", { ...asOwner(), body: { leadIds: [a.id], templateId: t.id } });
      expect(again.body.items[0]).toMatchObject({ status: "blocked", reason: expect.stringContaining("duplicate") });
      const unknown = await api("POST", "/api/messages/bulk", { ...asOwner(), body: { leadIds: [a.id, "00000000-0000-4000-8000-000000000000"], templateId: t.id } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.fields.leadIds).toContain("00000000-0000-4000-8000-000000000000");
    });
  });

  describe("compliance and two-way SMS", () => {
    it("STOP suppresses the number (checked again by the job); START lifts it; other replies land on the lead's timeline", async () => {
      withTwilio();
      const lead = await newLead();
      const first = await send(lead.id, { channel: "sms", body: "Opening line" });
      expect(await runJob(first.body.id)).toMatchObject({ result: "sent" });
      const queued = await send(lead.id, { channel: "sms", body: "Follow-up" });
      expect(queued.body.status).toBe("queued");

      const stop = await postTwilio("inbound", { From: lead.phone!, To: OUR_NUMBER, Body: "Stop", MessageSid: `SM${"b".repeat(32)}` });
      expect(stop.status).toBe(200);
      expect(stop.headers.get("content-type")).toBe("text/xml");
      const suppressed = await handle.db.selectFrom("suppressionList").selectAll().where("orgId", "=", owner.orgId).where("address", "=", lead.phone!).execute();
      expect(suppressed).toEqual([expect.objectContaining({ channel: "sms", reason: "stop", source: "twilio_inbound" })]);

      // Queued before the STOP: the job checks again and does not send.
      const sent = twilio.sent.length;
      expect(await runJob(queued.body.id)).toMatchObject({ result: "suppressed" });
      expect(twilio.sent.length).toBe(sent);
      expect(await message(queued.body.id)).toMatchObject({ status: "suppressed", error: expect.stringContaining("suppression list") });
      const refused = await send(lead.id, { channel: "sms", body: "Are you sure?" });
      expect(refused.body).toMatchObject({ status: "blocked", error: expect.stringContaining("suppression list (stop") });

      await postTwilio("inbound", { From: lead.phone!, To: OUR_NUMBER, Body: "START" });
      expect(await handle.db.selectFrom("suppressionList").selectAll().where("orgId", "=", owner.orgId).where("address", "=", lead.phone!).execute()).toEqual([]);
      expect((await send(lead.id, { channel: "sms", body: "Welcome back" })).body.status).toBe("queued");

      const reply = await postTwilio("inbound", { From: lead.phone!, To: OUR_NUMBER, Body: "Yes I'm interested, call me" });
      expect(reply.status).toBe(200);
      const received = await timeline(lead.id, "message.received");
      expect(received[0]).toMatchObject({ body: "Yes I'm interested, call me", data: { channel: "sms", from: lead.phone, keyword: null } });
      // …and in the org's inbox of replies.
      const inbox = await api("GET", "/api/messages/inbox", asOwner());
      expect(inbox.status).toBe(200);
      expect(inbox.body.items[0]).toMatchObject({ leadId: lead.id, from: lead.phone, body: "Yes I'm interested, call me", keyword: null });
      // A reply to another org's lead with the same number does not leak across: only the org that texted it.
      const otherLead = await api("POST", "/api/leads", { token: other.token, orgId: other.orgId, body: { firstName: "Same", phone: lead.phone } });
      expect(otherLead.status).toBe(201);
      const otherTimeline = await api("GET", `/api/leads/${otherLead.body.id}/activities`, { token: other.token, orgId: other.orgId });
      expect(otherTimeline.body.items.filter((a: { type: string }) => a.type === "message.received")).toEqual([]);
      expect((await api("GET", "/api/messages/inbox", { token: other.token, orgId: other.orgId })).body.items).toEqual([]);

      const forged = await postTwilio("inbound", { From: lead.phone!, To: OUR_NUMBER, Body: "STOP" }, { signature: "AAAA" });
      expect(forged.status).toBe(403);
      const missing = await postTwilio("inbound", { To: OUR_NUMBER, Body: "hi" });
      expect(missing.status).toBe(400);
      expect(missing.body.error.fields).toEqual({ From: "is required" });
    });

    it("the unsubscribe link in an email suppresses the address; a tampered link is refused", async () => {
      withSendgrid();
      const lead = await newLead();
      const res = await send(lead.id, { channel: "email", subject: "Unsub test", body: "<p>x</p>" });
      await runJob(res.body.id);
      const html = sendgrid.sent.at(-1)!.body.content.find((c) => c.type === "text/html")!.value;
      const link = /href="https:\/\/hk\.example\.test(\/api\/unsubscribe\/[^"]+)"/.exec(html)![1];
      // The page is HTML, not JSON: read it raw.
      const raw = await rawApi("GET", link);
      expect(raw.status).toBe(200);
      expect(raw.text).toContain(`${lead.email} will get no more email from Messaging Co`);
      expect(await handle.db.selectFrom("suppressionList").select(["reason", "source"]).where("orgId", "=", owner.orgId).where("address", "=", lead.email!).execute()).toEqual([{ reason: "unsubscribe", source: "unsubscribe_link" }]);
      expect((await send(lead.id, { channel: "email", subject: "Another", body: "<p>y</p>" })).body.status).toBe("blocked");
      const oneClick = await api("POST", link);
      expect(oneClick.body).toMatchObject({ unsubscribed: true, address: lead.email });
      const tampered = await api("POST", `${link.slice(0, -2)}xx`);
      expect(tampered.status).toBe(404);
    });

    it("SendGrid events (signed) move messages forward, never back; bounces and unsubscribes suppress", async () => {
      withSendgrid();
      const lead = await newLead();
      const res = await send(lead.id, { channel: "email", subject: "Events", body: "<p>e</p>" });
      await runJob(res.body.id);
      const sgId = (await message(res.body.id)).providerMessageId!;
      const ev = (event: string, extra: Record<string, unknown> = {}) => ({ email: lead.email, event, timestamp: 1_790_000_000, sg_message_id: `${sgId}.filterdrecv-1`, message_id: res.body.id, ...extra });

      const first = await postEvents([ev("processed"), ev("delivered"), ev("open")]);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ received: 3, updated: 2 });
      const late = await postEvents([ev("delivered", { message_id: undefined })]); // found by sg_message_id
      expect(late.body).toMatchObject({ updated: 0 });
      expect((await message(res.body.id)).status).toBe("opened");
      expect((await postEvents([ev("click", { url: "https://acme.test" })])).body.updated).toBe(1);
      expect((await message(res.body.id)).status).toBe("clicked");
      expect((await timeline(lead.id)).map((a) => a.type).sort()).toEqual(["message.clicked", "message.delivered", "message.opened", "message.sent"]);

      expect((await postEvents([ev("unsubscribe")])).body.suppressed).toBe(1);
      expect(await handle.db.selectFrom("suppressionList").select("reason").where("orgId", "=", owner.orgId).where("address", "=", lead.email!).execute()).toEqual([{ reason: "unsubscribe" }]);

      const forged = await postEvents([ev("bounce")], { tamper: true });
      expect(forged.status).toBe(403);
      const forgedDelivered = await postEvents([ev("delivered")], { tamper: true });
      expect(forgedDelivered.status).toBe(403);
      const notArray = await postEvents([]);
      expect(notArray.body).toMatchObject({ received: 0 });
      const bad = await postEvents([{ sg_message_id: "x" }]);
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toEqual({ "0.event": "is required" });
      const unsigned = await api("POST", "/api/webhooks/sendgrid/events", { body: [ev("open")] });
      expect(unsigned.status).toBe(403);
    });
  });
});

/** A call through the function router that reads any body (TwiML, the HTML unsubscribe page); JSON is parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rawApi(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; body: any; headers: Headers }> {
  const router = await FunctionRouter.load();
  const res = await router.handle(new Request(`http://hidden-key.test${path}`, { method, body, headers }), "198.51.100.1");
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, body: (res.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : undefined };
}
