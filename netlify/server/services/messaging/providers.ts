import { Client as SendgridClient } from "@sendgrid/client";
import { MailService } from "@sendgrid/mail";
import twilio from "twilio";
import type TwilioRequestClient from "twilio/lib/base/RequestClient";
import { getConfig } from "../../config";

// The email and SMS providers behind one small interface each. Without keys there is no provider and messages
// go to the in-app outbox.

/**
 * A provider refused or failed a send. `accepted: false` means the provider answered with an error, so the
 * message certainly was not sent and retrying cannot duplicate it; `retryable` says whether trying again may
 * help (rate limit, 5xx). Without an answer (timeout, connection reset) the outcome is unknown: not an error of
 * this class.
 */
export class ProviderRefused extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "ProviderRefused";
  }
}

export interface OutgoingEmail {
  messageId: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  unsubscribeUrl: string;
}

export interface OutgoingSms {
  messageId: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string;
}

export interface EmailProvider {
  name: "sendgrid";
  from: string;
  send(email: OutgoingEmail): Promise<{ providerMessageId: string | null }>;
}

export interface SmsProvider {
  name: "twilio";
  /** TWILIO_FROM: the deployment's number, used for orgs without a default number of their own (org_sms_numbers). */
  from: string | null;
  send(sms: OutgoingSms): Promise<{ providerMessageId: string }>;
}

const retryableStatus = (status: number) => status === 429 || status >= 500;

/** SendGrid v3 through @sendgrid/mail; its own client, so its key and base URL are not process-global. */
export function sendgridProvider(options: { apiKey: string; from: string; baseUrl?: string }): EmailProvider {
  const client = new SendgridClient();
  client.setApiKey(options.apiKey);
  if (options.baseUrl) client.setDefaultRequest("baseUrl", options.baseUrl);
  const mail = new MailService();
  mail.setClient(client);
  return {
    name: "sendgrid",
    from: options.from,
    async send(email) {
      try {
        const [response] = await mail.send({
          to: email.to,
          from: email.from,
          subject: email.subject,
          html: email.html,
          text: email.text,
          // Comes back on every event webhook: the event finds its message by it.
          customArgs: { message_id: email.messageId },
          headers: { "List-Unsubscribe": `<${email.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        });
        const headers = response.headers as Record<string, string | undefined>;
        return { providerMessageId: headers["x-message-id"] ?? null };
      } catch (err) {
        const status = (err as { code?: unknown; response?: unknown }).response ? Number((err as { code?: unknown }).code) : NaN;
        if (Number.isFinite(status)) throw new ProviderRefused(`SendGrid answered ${status}: ${sendgridReason(err)}`, retryableStatus(status));
        throw err;
      }
    },
  };
}

function sendgridReason(err: unknown): string {
  const body = (err as { response?: { body?: unknown } }).response?.body;
  const errors = (body as { errors?: { message?: string }[] } | undefined)?.errors;
  return errors?.map((e) => e.message).join("; ") || (err as Error).message;
}

/** Sends every twilio SDK request to another origin (tests' fake Twilio); everything else is the SDK's own. */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }
  override request<T>(opts: TwilioRequestClient.RequestOptions<T>) {
    const uri = new URL(opts.uri);
    const base = new URL(this.baseUrl);
    uri.protocol = base.protocol;
    uri.host = base.host;
    return super.request<T>({ ...opts, uri: uri.href });
  }
}

/** Twilio Programmable Messaging through the twilio SDK. */
export function twilioProvider(options: { accountSid: string; authToken: string; from: string | null; baseUrl?: string }): SmsProvider {
  const client = twilio(options.accountSid, options.authToken, options.baseUrl ? { httpClient: new RebasedRequestClient(options.baseUrl) } : {});
  return {
    name: "twilio",
    from: options.from,
    async send(sms) {
      try {
        const created = await client.messages.create({ to: sms.to, from: sms.from, body: sms.body, statusCallback: sms.statusCallback });
        return { providerMessageId: created.sid };
      } catch (err) {
        const status = Number((err as { status?: unknown }).status);
        if (Number.isFinite(status) && status > 0) throw new ProviderRefused(`Twilio answered ${status}: ${(err as Error).message}`, retryableStatus(status));
        throw err;
      }
    },
  };
}

export function emailProvider(): EmailProvider | null {
  const c = getConfig();
  return c.SENDGRID_API_KEY && c.SENDGRID_FROM ? sendgridProvider({ apiKey: c.SENDGRID_API_KEY, from: c.SENDGRID_FROM, baseUrl: c.SENDGRID_BASE_URL }) : null;
}

/**
 * Twilio when the account sid and auth token are set. Each text goes out from its org's default number
 * (org_sms_numbers), else from TWILIO_FROM; with neither, the message goes to the in-app outbox.
 */
export function smsProvider(): SmsProvider | null {
  const c = getConfig();
  return c.TWILIO_ACCOUNT_SID && c.TWILIO_AUTH_TOKEN
    ? twilioProvider({ accountSid: c.TWILIO_ACCOUNT_SID, authToken: c.TWILIO_AUTH_TOKEN, from: c.TWILIO_FROM ?? null, baseUrl: c.TWILIO_BASE_URL })
    : null;
}

/** The site's public origin, for links in messages and the URLs Twilio signs. */
export function publicBaseUrl(fallback?: string): string {
  const c = getConfig();
  const netlifyUrl = c.URL && /^https?:\/\/[^\s/]+/.test(c.URL) ? c.URL : undefined;
  return (c.PUBLIC_BASE_URL ?? netlifyUrl ?? fallback ?? `http://localhost:${c.PORT}`).replace(/\/+$/, "");
}
