import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { listenOnLoopback } from "./loopbackServer";

/**
 * A stand-in for SendGrid's v3 Mail Send on 127.0.0.1, checking what SendGrid checks: `POST /v3/mail/send`,
 * `Authorization: Bearer <key>` (401 with SendGrid's error body), a JSON body with personalizations[].to[].email,
 * from.email, a subject and content[] of {type, value} (400 naming the field). Accepted mail answers 202 with an
 * empty body and `X-Message-Id`. `failNext(n, status)` makes the next n calls fail (429/500).
 */
export interface SentMail {
  authorization: string | undefined;
  body: {
    personalizations: { to: { email: string }[] }[];
    from: { email: string; name?: string };
    subject: string;
    content: { type: string; value: string }[];
    custom_args?: Record<string, string>;
    headers?: Record<string, string>;
  };
  messageId: string;
}

export interface FakeSendgrid {
  url: string;
  apiKey: string;
  sent: SentMail[];
  /** Every request that reached the server, accepted or not. */
  calls: number;
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

export async function startFakeSendgrid(apiKey = "SG.test-key-123456"): Promise<FakeSendgrid> {
  const sent: SentMail[] = [];
  let failures = { count: 0, status: 500 };
  const state = { calls: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      state.calls++;
      const error = (status: number, message: string, field: string | null = null) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message, field, help: null }] }));
      };
      if (req.method !== "POST" || req.url !== "/v3/mail/send") return error(404, "Not found");
      if (req.headers.authorization !== `Bearer ${apiKey}`) return error(401, "The provided authorization grant is invalid, expired, or revoked");
      if (failures.count > 0) {
        failures.count--;
        return error(failures.status, "Try again later");
      }
      if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return error(415, "Content-Type must be application/json");
      let body: SentMail["body"];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return error(400, "Bad Request", null);
      }
      const to = body.personalizations?.[0]?.to?.[0]?.email;
      if (!to) return error(400, "The personalizations field is required and must have at least one personalization.", "personalizations");
      if (!body.from?.email) return error(400, "The from object must be provided for every email send.", "from.email");
      if (!body.subject) return error(400, "The subject is required.", "subject");
      if (!Array.isArray(body.content) || body.content.length === 0 || body.content.some((c) => !c.type || typeof c.value !== "string")) return error(400, "The content value must be a string at least one character in length.", "content");
      const messageId = randomBytes(11).toString("base64url");
      sent.push({ authorization: req.headers.authorization, body, messageId });
      res.writeHead(202, { "x-message-id": messageId });
      res.end();
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    apiKey,
    sent,
    get calls() {
      return state.calls;
    },
    failNext: (count, status) => (failures = { count, status }),
    close,
  };
}
