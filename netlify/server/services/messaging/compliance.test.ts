import { describe, expect, it } from "vitest";
import { bodyHash, findDuplicate, nextAllowedSendTime, nextStatus, smsKeyword, timeZoneForLead, zonedTime, type RecentMessage } from "./compliance";

const CHICAGO = "America/Chicago";
const NEW_YORK = "America/New_York";

describe("quiet hours (08:00–21:00 in the recipient's zone)", () => {
  it("20:59 local may send now; 21:00 sharp waits for 08:00 the next day", () => {
    // 2026-07-15 20:59 CDT = 01:59Z on the 16th
    const at2059 = new Date("2026-07-16T01:59:00Z");
    expect(nextAllowedSendTime(at2059, CHICAGO)).toEqual(at2059);
    const at2100 = new Date("2026-07-16T02:00:00Z");
    expect(nextAllowedSendTime(at2100, CHICAGO).toISOString()).toBe("2026-07-16T13:00:00.000Z"); // 08:00 CDT
  });

  it("08:00 sharp is allowed, 07:59 waits one minute", () => {
    expect(nextAllowedSendTime(new Date("2026-07-16T13:00:00Z"), CHICAGO).toISOString()).toBe("2026-07-16T13:00:00.000Z");
    expect(nextAllowedSendTime(new Date("2026-07-16T12:59:00Z"), CHICAGO).toISOString()).toBe("2026-07-16T13:00:00.000Z");
  });

  it("crossing midnight: 23:30 waits for tomorrow's 08:00, 00:30 for the same (new) day's 08:00", () => {
    // 23:30 EDT on Jul 15 = 03:30Z Jul 16; 00:30 EDT on Jul 16 = 04:30Z Jul 16. Both → 08:00 EDT Jul 16 = 12:00Z.
    expect(nextAllowedSendTime(new Date("2026-07-16T03:30:00Z"), NEW_YORK).toISOString()).toBe("2026-07-16T12:00:00.000Z");
    expect(nextAllowedSendTime(new Date("2026-07-16T04:30:00Z"), NEW_YORK).toISOString()).toBe("2026-07-16T12:00:00.000Z");
  });

  it("across a DST change the wait ends at local 08:00, not at the old offset", () => {
    // US DST starts 2026-03-08 at 02:00. 22:00 CST Mar 7 (04:00Z Mar 8) → 08:00 CDT Mar 8 = 13:00Z (not 14:00Z).
    expect(nextAllowedSendTime(new Date("2026-03-08T04:00:00Z"), CHICAGO).toISOString()).toBe("2026-03-08T13:00:00.000Z");
    // DST ends 2026-11-01. 22:00 CDT Oct 31 (03:00Z Nov 1) → 08:00 CST Nov 1 = 14:00Z.
    expect(nextAllowedSendTime(new Date("2026-11-01T03:00:00Z"), CHICAGO).toISOString()).toBe("2026-11-01T14:00:00.000Z");
  });

  it("the same instant is quiet in one zone and allowed in another", () => {
    const t = new Date("2026-07-16T02:30:00Z"); // 22:30 EDT, 19:30 PDT
    expect(nextAllowedSendTime(t, NEW_YORK)).not.toEqual(t);
    expect(nextAllowedSendTime(t, "America/Los_Angeles")).toEqual(t);
  });

  it("a custom window is honoured, including one that wraps past midnight", () => {
    const t = new Date("2026-07-16T15:00:00Z"); // 10:00 CDT
    expect(nextAllowedSendTime(t, CHICAGO, { from: "12:00", until: "18:00" }).toISOString()).toBe("2026-07-16T17:00:00.000Z");
    expect(nextAllowedSendTime(new Date("2026-07-16T04:00:00Z"), CHICAGO, { from: "22:00", until: "02:00" }).toISOString()).toBe("2026-07-16T04:00:00.000Z"); // 23:00 CDT: inside
  });

  it("zonedTime resolves a wall-clock time in a zone", () => {
    expect(zonedTime(2026, 1, 15, 8 * 60, NEW_YORK).toISOString()).toBe("2026-01-15T13:00:00.000Z");
    expect(zonedTime(2026, 7, 15, 8 * 60, NEW_YORK).toISOString()).toBe("2026-07-15T12:00:00.000Z");
  });
});

describe("the recipient's time zone", () => {
  it("comes from the state, else the ZIP's state, else Chicago", () => {
    expect(timeZoneForLead({ state: "ca" })).toBe("America/Los_Angeles");
    expect(timeZoneForLead({ state: null, zip: "10001" })).toBe(NEW_YORK);
    expect(timeZoneForLead({ state: "AZ", zip: "10001" })).toBe("America/Phoenix");
    expect(timeZoneForLead({ state: "ZZ", zip: "00000" })).toBe(CHICAGO);
    expect(timeZoneForLead({})).toBe(CHICAGO);
  });
});

describe("duplicates", () => {
  const now = new Date("2026-07-16T15:00:00Z");
  const day = 24 * 3_600_000;
  const recent = (over: Partial<RecentMessage>): RecentMessage => ({ id: "m1", channel: "sms", to: "+15125550100", templateId: "t1", bodyHash: "h1", status: "sent", createdAt: new Date(now.getTime() - 3_600_000), ...over });
  const candidate = { channel: "sms" as const, to: "+15125550100", templateId: "t1", bodyHash: "h2" };

  it("the same template to the same address within the window is a duplicate", () => {
    expect(findDuplicate(candidate, [recent({})], now, day)?.id).toBe("m1");
  });
  it("the same body without a template is a duplicate; a different body and template is not", () => {
    expect(findDuplicate({ ...candidate, templateId: null, bodyHash: "h1" }, [recent({})], now, day)).not.toBeNull();
    expect(findDuplicate({ ...candidate, templateId: "t2" }, [recent({})], now, day)).toBeNull();
  });
  it("the window's edge: 23:59 ago is a duplicate, exactly 24 h ago is not", () => {
    expect(findDuplicate(candidate, [recent({ createdAt: new Date(now.getTime() - day + 60_000) })], now, day)).not.toBeNull();
    expect(findDuplicate(candidate, [recent({ createdAt: new Date(now.getTime() - day) })], now, day)).toBeNull();
  });
  it("another address or channel, or an original that never went out (blocked, failed, bounced, suppressed), is not", () => {
    expect(findDuplicate(candidate, [recent({ to: "+15125550101" })], now, day)).toBeNull();
    expect(findDuplicate(candidate, [recent({ channel: "email" })], now, day)).toBeNull();
    for (const status of ["blocked", "failed", "bounced", "suppressed"] as const) expect(findDuplicate(candidate, [recent({ status })], now, day)).toBeNull();
    expect(findDuplicate(candidate, [recent({ status: "outbox" })], now, day)).not.toBeNull();
  });
  it("email addresses compare case-insensitively", () => {
    expect(findDuplicate({ channel: "email", to: "Ann@Example.com", templateId: null, bodyHash: "x" }, [recent({ channel: "email", to: "ann@example.com", templateId: null, bodyHash: "x" })], now, day)).not.toBeNull();
  });
  it("bodyHash tells subjects and channels apart", () => {
    expect(bodyHash("email", "A", "hi")).not.toBe(bodyHash("email", "B", "hi"));
    expect(bodyHash("sms", null, "hi")).not.toBe(bodyHash("email", null, "hi"));
    expect(bodyHash("sms", null, "hi")).toBe(bodyHash("sms", null, "hi"));
  });
});

describe("delivery status never goes backwards", () => {
  it("moves forward through sent → delivered → opened → clicked", () => {
    expect(nextStatus("queued", "sent")).toBe("sent");
    expect(nextStatus("sent", "delivered")).toBe("delivered");
    expect(nextStatus("delivered", "opened")).toBe("opened");
    expect(nextStatus("opened", "clicked")).toBe("clicked");
    expect(nextStatus("queued", "delivered")).toBe("delivered"); // a callback that beats the job's own write
  });
  it("a late delivered after opened, or a sent after delivered, changes nothing", () => {
    expect(nextStatus("opened", "delivered")).toBeNull();
    expect(nextStatus("clicked", "opened")).toBeNull();
    expect(nextStatus("delivered", "sent")).toBeNull();
  });
  it("failures end an undelivered message; after delivery a failure is ignored; blocked stays blocked", () => {
    expect(nextStatus("sent", "failed")).toBe("failed");
    expect(nextStatus("sent", "bounced")).toBe("bounced");
    expect(nextStatus("delivered", "bounced")).toBeNull();
    expect(nextStatus("bounced", "delivered")).toBeNull();
    expect(nextStatus("bounced", "opened")).toBe("opened"); // an open proves it arrived
    expect(nextStatus("blocked", "sent")).toBeNull();
  });
});

describe("SMS keywords", () => {
  it("knows Twilio's opt-out and opt-in words, any case, with trailing punctuation", () => {
    for (const w of ["STOP", "stop", " Stop. ", "STOPALL", "unsubscribe", "CANCEL", "end", "QUIT!"]) expect(smsKeyword(w)).toBe("stop");
    for (const w of ["START", "unstop", "Yes"]) expect(smsKeyword(w)).toBe("start");
    for (const w of ["stop texting me please", "yes I'm interested", "", "STOP STOP"]) expect(smsKeyword(w)).toBeNull();
  });
});
