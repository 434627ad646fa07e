import type { Kysely } from "kysely";
import { escapeHtml, renderTemplate, usesVariable, type MessageChannel, type RenderedMessage, type TemplateContext, type TemplateSource } from "../../../../src/domain/messaging";
import type { Database } from "../../db/schema";
import { publicBaseUrl } from "./providers";
import { unsubscribeToken } from "./unsubscribe";

export interface LeadForMessage {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

export const LEAD_COLUMNS = ["id", "firstName", "lastName", "email", "phone", "street", "city", "state", "zip"] as const;

export interface Composed {
  /** The lead's address on the channel; null when it has none. */
  to: string | null;
  rendered: RenderedMessage;
  unsubscribeUrl: string | null;
}

export function unsubscribeUrlFor(orgId: string, email: string): string {
  return `${publicBaseUrl()}/api/unsubscribe/${unsubscribeToken({ orgId, channel: "email", address: email.toLowerCase() })}`;
}

/** The variables for one lead, sent by one member of one org. */
export async function templateContext(db: Kysely<Database>, orgId: string, lead: LeadForMessage, agentId: string | null, channel: MessageChannel): Promise<{ context: TemplateContext; to: string | null; unsubscribeUrl: string | null }> {
  const [org, agent] = await Promise.all([
    db.selectFrom("orgs").select("name").where("id", "=", orgId).executeTakeFirst(),
    agentId ? db.selectFrom("profiles").select(["fullName", "email"]).where("id", "=", agentId).executeTakeFirst() : undefined,
  ]);
  const to = channel === "email" ? lead.email : lead.phone;
  const unsubscribeUrl = channel === "email" && to ? unsubscribeUrlFor(orgId, to) : null;
  const context: TemplateContext = {
    "lead.firstName": lead.firstName,
    "lead.lastName": lead.lastName,
    "lead.fullName": [lead.firstName, lead.lastName].filter(Boolean).join(" "),
    "lead.email": lead.email,
    "lead.phone": lead.phone,
    "lead.city": lead.city,
    "lead.state": lead.state,
    "lead.street": lead.street,
    "lead.zip": lead.zip,
    "agent.name": agent?.fullName ?? agent?.email ?? "",
    "agent.email": agent?.email ?? "",
    "org.name": org?.name ?? "",
    unsubscribeUrl: unsubscribeUrl ?? "",
  };
  return { context, to, unsubscribeUrl };
}

/**
 * Renders a template for a lead. Every email carries an unsubscribe link: where the template does not place
 * `{{unsubscribeUrl}}` itself, a footer with it is added to both the HTML and the text part.
 */
export async function composeForLead(db: Kysely<Database>, orgId: string, lead: LeadForMessage, agentId: string | null, template: TemplateSource): Promise<Composed> {
  const { context, to, unsubscribeUrl } = await templateContext(db, orgId, lead, agentId, template.channel);
  const rendered = renderTemplate(template, context);
  if (rendered.channel === "email" && unsubscribeUrl) {
    if (!usesVariable(template.body, "unsubscribeUrl")) rendered.html = `${rendered.html}\n<p style="font-size:12px;color:#666"><a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p>`;
    if (!rendered.text.includes(unsubscribeUrl)) rendered.text = `${rendered.text}\n\nUnsubscribe: ${unsubscribeUrl}`;
    rendered.characters = [...rendered.text].length;
  }
  return { to, rendered, unsubscribeUrl };
}
