import { MessageSquare } from "lucide-react";
import type { InvestorActivity } from "@/domain/investors";
import { formatDate } from "@/lib/format";
import { Card, CardBody, CardHeader } from "@/ui/Card";

const KNOWN: Record<string, string> = {
  "opportunity.shared": "Deal shared",
  "investor.interested": "Said they're interested",
  "investor.passed": "Passed",
  opportunity_shared: "Deal shared",
  deal_shared: "Deal shared",
  shared: "Deal shared",
  interest_expressed: "Answered a shared deal",
  investor_response: "Answered a shared deal",
  note: "Note",
  note_added: "Note",
  investor_created: "Investor added",
  investor_updated: "Profile updated",
};

/** "opportunity_shared" → "Opportunity shared" for types this screen does not name. */
function typeLabel(type: string): string {
  if (KNOWN[type]) return KNOWN[type];
  const words = type.replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

/** What an entry is about, from the fields the API commonly puts in `data`. */
function details(a: InvestorActivity): { subject: string | null; answer: string | null; comment: string | null } {
  const d = a.data ?? {};
  const subject = str(d.opportunityTitle) ?? str(d.title) ?? str(d.dealTitle);
  const response = str(d.response) ?? (typeof d.interested === "boolean" ? (d.interested ? "interested" : "passed") : null);
  const answer = response === "interested" ? "Interested" : response === "passed" ? "Passed" : null;
  const comment = str(d.comment);
  return { subject, answer, comment: comment && comment !== a.body ? comment : null };
}

/** The investor's communication history: deals shared with them, their answers, notes. Newest first as the API sends it. */
export function ActivityCard({ items }: { items: InvestorActivity[] }) {
  return (
    <Card>
      <CardHeader>
        <h2 className="font-medium">Communication history</h2>
      </CardHeader>
      <CardBody>
        {items.length === 0 ? (
          <p className="flex items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400">
            <MessageSquare className="size-4" aria-hidden="true" />
            Nothing yet. Shared deals and their answers show up here.
          </p>
        ) : (
          <ol aria-label="Communication history" className="space-y-4">
            {items.map((a) => {
              const { subject, answer, comment } = details(a);
              return (
                <li key={a.id} className="border-l-2 border-zinc-200 pl-3 dark:border-zinc-700">
                  <p className="text-sm">
                    <span className="font-medium">{typeLabel(a.type)}</span>
                    {subject && <span className="text-zinc-600 dark:text-zinc-300"> · {subject}</span>}
                    {answer && <span className="text-zinc-600 dark:text-zinc-300"> · {answer}</span>}
                  </p>
                  {a.body &&
                    (a.type.startsWith("investor.") ? (
                      <p className="mt-0.5 text-sm text-zinc-700 italic dark:text-zinc-300">“{a.body}”</p>
                    ) : (
                      <p className="mt-0.5 text-sm whitespace-pre-line text-zinc-700 dark:text-zinc-300">{a.body}</p>
                    ))}
                  {comment && <p className="mt-0.5 text-sm text-zinc-700 italic dark:text-zinc-300">“{comment}”</p>}
                  <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                    {[a.actorName, formatDate(a.occurredAt)].filter(Boolean).join(" · ")}
                  </p>
                </li>
              );
            })}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}
