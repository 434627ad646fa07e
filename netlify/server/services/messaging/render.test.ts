import { describe, expect, it } from "vitest";
import { htmlToText, renderTemplate, smsSegments, unknownVariables, checkTemplateSchema } from "../../../../src/domain/messaging";

describe("renderTemplate", () => {
  const context = { "lead.firstName": "Ana <b>", "agent.name": "Sam & Co", "org.name": "Acme", unsubscribeUrl: "https://x.test/u/1" };

  it("fills variables, escaping them in HTML but not in the subject or text", () => {
    const r = renderTemplate({ channel: "email", subject: "Hi {{lead.firstName}}", body: "<p>Hello {{ lead.firstName }}, {{agent.name}} here.</p>", textBody: "Hello {{lead.firstName}}" }, context);
    expect(r.subject).toBe("Hi Ana <b>");
    expect(r.html).toBe("<p>Hello Ana &lt;b&gt;, Sam &amp; Co here.</p>");
    expect(r.text).toBe("Hello Ana <b>");
  });

  it("generates the text part from the HTML when there is no fallback", () => {
    const r = renderTemplate({ channel: "email", subject: "S", body: '<h1>Offer</h1><p>Dear {{lead.firstName}},<br>see <a href="https://acme.test/o">our offer</a>.</p><ul><li>fast</li><li>cash</li></ul>' }, context);
    expect(r.text).toBe("Offer\n\nDear Ana <b>,\nsee our offer (https://acme.test/o).\n\n- fast\n- cash");
  });

  it("missing values render empty; SMS is plain text with segments counted", () => {
    const r = renderTemplate({ channel: "sms", body: "Hi {{lead.firstName}}{{lead.lastName}} from {{org.name}}" }, { "lead.firstName": "Bo" });
    expect(r).toMatchObject({ channel: "sms", subject: null, html: null, text: "Hi Bo from", sms: { encoding: "GSM-7", segments: 1 } });
  });
});

describe("htmlToText", () => {
  it("drops scripts and styles and decodes entities", () => {
    expect(htmlToText("<style>p{}</style><p>a &amp; b &lt;c&gt; &#233;</p><script>x()</script>")).toBe("a & b <c> é");
  });
});

describe("smsSegments", () => {
  it("GSM-7: 160 in one segment, 161 in two (153 each); extension characters count double", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(smsSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2 });
    expect(smsSegments("a".repeat(307)).segments).toBe(3);
    expect(smsSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(smsSegments("€".repeat(81)).segments).toBe(2);
  });
  it("UCS-2 when any character is outside GSM-7: 70 in one, 71 in two (67 each); emoji are two units", () => {
    expect(smsSegments("ł".repeat(70))).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
    expect(smsSegments("ł".repeat(71))).toEqual({ encoding: "UCS-2", units: 71, segments: 2 });
    expect(smsSegments("😀".repeat(35)).units).toBe(70);
    expect(smsSegments("").segments).toBe(0);
  });
});

describe("template validation", () => {
  it("names unknown variables, per field", () => {
    expect(unknownVariables("{{lead.firstName}} {{lead.nickname}} {{ foo }} {{lead.nickname}}")).toEqual(["lead.nickname", "foo"]);
    const r = checkTemplateSchema.safeParse({ name: "x", channel: "email", subject: "Hi {{lead.first}}", body: "{{agent.title}}" });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({ subject: "unknown variable: lead.first", body: "unknown variable: agent.title" });
  });
  it("email needs a subject; SMS takes none", () => {
    expect(checkTemplateSchema.safeParse({ name: "x", channel: "email", body: "b" }).success).toBe(false);
    expect(checkTemplateSchema.safeParse({ name: "x", channel: "sms", subject: "s", body: "b" }).success).toBe(false);
    expect(checkTemplateSchema.safeParse({ name: "x", channel: "sms", body: "b" }).success).toBe(true);
  });
});
