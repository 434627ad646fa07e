import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { listenOnLoopback } from "./loopbackServer";

/**
 * A stand-in for Twilio's Messages API on 127.0.0.1, checking what Twilio checks:
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP Basic auth with the account sid and auth token
 * (401, Twilio error 20003), a form body with To, From and Body (400, errors 21604/21603/21602). Accepted
 * messages answer 201 with the message resource (`sid` SM…). `failNext(n, status)` makes the next n calls fail.
 */
export interface SentSms {
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
  sid: string;
}

export interface FakeTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  sent: SentSms[];
  calls: number;
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

export async function startFakeTwilio(accountSid = `AC${"a1".repeat(16)}`, authToken = "twilio-test-token-0123456789"): Promise<FakeTwilio> {
  const sent: SentSms[] = [];
  let failures = { count: 0, status: 500 };
  const state = { calls: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      state.calls++;
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, code: number, message: string) => send(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
      const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      if (req.method !== "POST" || path !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) return error(404, 20404, "The requested resource was not found");
      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
      if (req.headers.authorization !== expected) return error(401, 20003, "Authenticate");
      if (failures.count > 0) {
        failures.count--;
        return error(failures.status, 20500, "Internal Server Error");
      }
      if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return error(400, 20001, "Content-Type must be application/x-www-form-urlencoded");
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const to = form.get("To");
      const from = form.get("From");
      const body = form.get("Body");
      if (!to) return error(400, 21604, "A 'To' phone number is required.");
      if (!from) return error(400, 21603, "A 'From' phone number is required.");
      if (!body) return error(400, 21602, "Message body is required.");
      const sid = `SM${randomBytes(16).toString("hex")}`;
      sent.push({ to, from, body, statusCallback: form.get("StatusCallback"), sid });
      send(201, { sid, account_sid: accountSid, to, from, body, status: "queued", num_segments: "1", direction: "outbound-api", date_created: new Date().toUTCString(), uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json` });
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    accountSid,
    authToken,
    sent,
    get calls() {
      return state.calls;
    },
    failNext: (count, status) => (failures = { count, status }),
    close,
  };
}
