import { describe, expect, it } from "vitest";
import { describeActivity } from "../../../../src/features/leads/describeActivity";

// The lead timeline's words for the activities the messaging job and provider webhooks write.
const activity = (type: string, data: Record<string, unknown>, body: string | null = null) => ({ id: "a", type, body, data, actorId: null, actorName: null, occurredAt: "2026-11-30T10:00:00Z" });

describe("messaging on the lead timeline", () => {
  it("names the channel, the subject and what happened", () => {
    expect(describeActivity(activity("message.sent", { channel: "email", subject: "Cash offer" })).title).toBe("Email “Cash offer” sent");
    expect(describeActivity(activity("message.outbox", { channel: "sms", subject: null })).title).toBe("Text put in the outbox (no provider configured)");
    expect(describeActivity(activity("message.opened", { channel: "email", subject: "Hi" })).title).toBe("Email “Hi” opened");
    expect(describeActivity(activity("message.failed", { channel: "sms" }, "Twilio answered 400"))).toEqual({ title: "Text failed", details: ["Twilio answered 400"] });
    expect(describeActivity(activity("message.received", { channel: "sms" }, "Call me"))).toEqual({ title: "Text received", details: ["Call me"] });
  });
});
