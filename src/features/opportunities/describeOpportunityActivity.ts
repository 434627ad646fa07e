import type { Activity } from "@/domain/leadWork";
import { money, signedPercent } from "./format";

const FIELD_LABELS: Record<string, string> = {
  title: "Title", value: "Value", probability: "Probability", expectedCloseDate: "Expected close", ownerId: "Owner",
  analysis: "Analysis", property: "Property", lostReason: "Lost reason",
};

const show = (field: string, value: unknown, nameOf: (id: string) => string | undefined): string => {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "ownerId") return nameOf(String(value)) ?? "a former member";
  if (field === "value" && typeof value === "number") return `$${value.toLocaleString("en-US")}`;
  if (field === "probability") return `${String(value)}%`;
  if (typeof value === "object") return "updated";
  return String(value);
};

/** One entry of a deal's timeline in words. */
export function describeOpportunityActivity(a: Activity, nameOf: (id: string) => string | undefined = () => undefined): { title: string; details: string[] } {
  const data = a.data ?? {};
  switch (a.type) {
    case "opportunity.created":
      return { title: "Deal created", details: a.body ? [a.body] : [] };
    case "opportunity.stage_changed":
      return { title: `Moved from ${String(data.fromStageName ?? "—")} to ${String(data.toStageName ?? "—")}`, details: data.lostReason ? [`Reason: ${String(data.lostReason)}`] : a.body ? [a.body] : [] };
    case "opportunity.updated": {
      const changes = (data.changes ?? {}) as Record<string, { from: unknown; to: unknown } | unknown>;
      const lines = Object.entries(changes).map(([field, change]) => {
        const label = FIELD_LABELS[field] ?? field;
        if (change && typeof change === "object" && "to" in change) {
          const c = change as { from: unknown; to: unknown };
          if (field === "analysis" || field === "property") return `${label} updated`;
          return `${label}: ${show(field, c.from, nameOf)} → ${show(field, c.to, nameOf)}`;
        }
        return `${label} updated`;
      });
      return { title: "Details changed", details: lines };
    }
    case "opportunity.exit_recorded": {
      const amount = (v: unknown) => money(typeof v === "number" ? v : null);
      return {
        title: `${data.previous ? "Exit corrected" : "Exit recorded"}: returned ${signedPercent(typeof data.realizedReturn === "number" ? data.realizedReturn : null)}`,
        details: [`Exited ${String(data.exitedOn ?? "—")} · cost ${amount(data.totalCost)} · proceeds ${amount(data.proceeds)}`],
      };
    }
    case "note":
      return { title: "Note", details: a.body ? [a.body] : [] };
    case "opportunity.shared": {
      const names = Array.isArray(data.investorNames) ? (data.investorNames as unknown[]).map(String) : [];
      return { title: `Shared with ${names.length ? names.join(", ") : "investors"}`, details: [] };
    }
    case "investor.interested":
      return { title: `${String(data.investorName ?? "An investor")} is interested`, details: a.body ? [a.body] : [] };
    case "investor.passed":
      return { title: `${String(data.investorName ?? "An investor")} passed`, details: a.body ? [a.body] : [] };
    case "task.created":
      return { title: "Task added", details: a.body ? [a.body] : [] };
    case "task.completed":
      return { title: "Task completed", details: a.body ? [a.body] : [] };
    default:
      return { title: a.type, details: a.body ? [a.body] : [] };
  }
}
