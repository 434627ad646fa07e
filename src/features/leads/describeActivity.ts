import type { Activity } from "@/domain/leadWork";
import { LEAD_STATUS_LABELS } from "./leadStatus";

const CHANNELS: Record<string, string> = { api: "by hand", webhook: "from a webhook", form: "from a web form", csv: "from a CSV import" };
const FIELD_LABELS: Record<string, string> = {
  firstName: "First name", lastName: "Last name", email: "Email", phone: "Phone", source: "Source", status: "Status",
  tags: "Tags", assigneeId: "Assignee", notes: "Notes", street: "Street", city: "City", state: "State", zip: "ZIP",
};

/** A user's name for an id, when known. */
export type NameOf = (userId: string) => string | undefined;

const show = (field: string, value: unknown, nameOf: NameOf): string => {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "assigneeId") return nameOf(String(value)) ?? "a former member";
  if (field === "status") return LEAD_STATUS_LABELS[value as keyof typeof LEAD_STATUS_LABELS] ?? String(value);
  if (Array.isArray(value)) return value.join(", ") || "—";
  return String(value);
};

/** One timeline entry in words: "Created from a webhook (Zapier)", "Status: New → Contacted". */
export function describeActivity(a: Activity, nameOf: NameOf = () => undefined): { title: string; details: string[] } {
  const data = a.data ?? {};
  const via = (CHANNELS[String(data.channel)] ?? "") + (data.sourceName ? ` (${data.sourceName})` : data.formName ? ` (${data.formName})` : "");
  const changes = (data.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
  const changeLines = Object.entries(changes).map(([f, c]) => `${FIELD_LABELS[f] ?? f}: ${show(f, c.from, nameOf)} → ${show(f, c.to, nameOf)}`);
  switch (a.type) {
    case "lead.created":
      return { title: `Created ${via}`.trim(), details: [] };
    case "lead.touched":
      return { title: `Arrived again ${via}`.trim(), details: (data.filled as string[] | undefined)?.length ? [`Filled in: ${(data.filled as string[]).map((f) => FIELD_LABELS[f] ?? f).join(", ")}`] : [] };
    case "lead.status_changed":
      return { title: "Status changed", details: changeLines };
    case "lead.updated":
      return { title: "Details changed", details: changeLines };
    case "note":
      return { title: "Note", details: a.body ? [a.body] : [] };
    case "task.created":
      return { title: "Task added", details: a.body ? [a.body] : [] };
    case "task.completed":
      return { title: "Task completed", details: a.body ? [a.body] : [] };
    case "lead.converted":
      return { title: "Converted to an opportunity", details: a.body ? [a.body] : [] };
    case "lead.merged": {
      const m = (data.mergedLead ?? {}) as Record<string, unknown>;
      const name = [m.first_name ?? m.firstName, m.last_name ?? m.lastName].filter(Boolean).join(" ") || String(m.email ?? "a lead");
      return { title: `Merged ${name} into this lead`, details: [] };
    }
    case "lead.enriched": {
      if (data.kind === "contact") {
        const lines = [
          data.emailSuggestion
            ? `Email: did you mean ${String(data.emailSuggestion)}?`
            : data.emailValid === false
              ? "Email: not deliverable as written"
              : data.emailValid
                ? "Email: looks valid"
                : null,
          data.phoneValid === false ? "Phone: not a valid number" : data.phoneType ? `Phone: ${String(data.phoneType).toLowerCase().replace(/_/g, " ")}` : null,
          data.county ? `County: ${String(data.county)}` : null,
        ].filter((l): l is string => l !== null);
        return { title: "Contact details checked", details: lines };
      }
      const provider = String(data.provider ?? "").toUpperCase();
      if (data.status === "done") return { title: `Property record found (${provider})`, details: [] };
      if (data.status === "not_found") return { title: `No property record found (${provider})`, details: a.body ? [a.body] : [] };
      return { title: `Property lookup failed (${provider})`, details: a.body ? [a.body] : [] };
    }
    case "message.sent":
    case "message.outbox":
    case "message.failed":
    case "message.blocked":
    case "message.delivered":
    case "message.bounced":
    case "message.opened":
    case "message.clicked": {
      const kind = data.channel === "sms" ? "Text" : "Email";
      const what = data.subject ? `${kind} “${String(data.subject)}”` : kind;
      const verb: Record<string, string> = {
        "message.sent": "sent",
        "message.outbox": "put in the outbox (no provider configured)",
        "message.failed": "failed",
        "message.blocked": "not sent",
        "message.delivered": "delivered",
        "message.bounced": "bounced",
        "message.opened": "opened",
        "message.clicked": "clicked",
      };
      return { title: `${what} ${verb[a.type]}`, details: a.body ? [a.body] : [] };
    }
    case "message.received":
      return { title: data.channel === "sms" ? "Text received" : "Message received", details: a.body ? [a.body] : [] };
    default:
      return { title: a.type, details: a.body ? [a.body] : [] };
  }
}
