import { useCallback, useEffect, useState } from "react";
import { formatDate } from "@/lib/format";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { toast } from "@/ui/toastStore";
import { enrichAgain, getEnrichment, type LeadEnrichment } from "../leadDetailApi";

const money = (v: unknown) => (typeof v === "number" ? `$${Math.round(v).toLocaleString("en-US")}` : "—");
const num = (v: unknown) => (typeof v === "number" ? v.toLocaleString("en-US") : "—");
const PHONE_TYPES: Record<string, string> = { MOBILE: "mobile", FIXED_LINE: "landline", FIXED_LINE_OR_MOBILE: "landline or mobile", VOIP: "VoIP", TOLL_FREE: "toll-free" };

type Email = { validSyntax: boolean; disposable: boolean; role: boolean; freeProvider: boolean; suggestion: string | null; hasMx: boolean | null };
type Phone = { valid: boolean; type: string | null; region: string | null };
type Address = { county: string | null; latitude: number | null; longitude: number | null; zipKnown: boolean; mismatches: string[] };

/** What enrichment found: contact checks (offline) and the property record (from the configured provider). */
export function EnrichmentCard({ leadId }: { leadId: string }) {
  const [data, setData] = useState<LeadEnrichment | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => getEnrichment(leadId).then(setData, () => toast({ title: "Couldn't load the enrichment", variant: "error" })), [leadId]);
  useEffect(() => void load(), [load]);

  const again = async () => {
    setBusy(true);
    try {
      await enrichAgain(leadId);
      toast({ title: "Enrichment queued", description: "Results appear here and on the timeline.", variant: "success" });
      setTimeout(() => void load(), 1500);
    } catch {
      toast({ title: "Couldn't queue the enrichment", variant: "error" });
    } finally {
      setBusy(false);
    }
  };

  const c = data?.contact?.result as { email?: Email | null; phone?: Phone | null; address?: Address | null } | undefined;
  const p = data?.property;
  const f = (p?.result ?? {}) as Record<string, unknown>;
  return (
    <Card>
      <CardHeader className="flex items-center justify-between">
        <h2 className="font-medium">Enrichment</h2>
        <Button variant="ghost" size="sm" loading={busy} onClick={() => void again()}>Enrich again</Button>
      </CardHeader>
      <CardBody className="space-y-4 text-sm">
        {!data ? (
          <p className="text-zinc-500">Loading…</p>
        ) : (
          <>
            <section aria-label="Contact checks">
              <h3 className="mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">Contact checks</h3>
              {!c ? (
                <p className="text-zinc-500">Queued — the checks run in the background.</p>
              ) : (
                <ul className="space-y-1">
                  {c.email && (
                    <li>
                      Email: {c.email.validSyntax ? (c.email.disposable ? "disposable address" : "looks valid") : "not a valid address"}
                      {c.email.role && " · a team mailbox"}
                      {c.email.freeProvider && " · personal provider"}
                      {c.email.hasMx === false && " · the domain takes no mail"}
                      {c.email.suggestion && <span className="block text-amber-700 dark:text-amber-400">Did you mean {c.email.suggestion}?</span>}
                    </li>
                  )}
                  {c.phone && <li>Phone: {c.phone.valid ? `valid ${PHONE_TYPES[c.phone.type ?? ""] ?? "number"}${c.phone.region ? ` (${c.phone.region})` : ""}` : "not a valid number"}</li>}
                  {c.address && (
                    <li>
                      Address: {c.address.zipKnown ? `${c.address.county ? `${c.address.county} County` : "ZIP found"}` : "ZIP not found"}
                      {c.address.mismatches.length > 0 && <span className="text-amber-700 dark:text-amber-400"> · {c.address.mismatches.join(" and ")} differ from the ZIP&apos;s</span>}
                    </li>
                  )}
                  {!c.email && !c.phone && !c.address && <li className="text-zinc-500">Nothing to check.</li>}
                </ul>
              )}
            </section>
            <section aria-label="Property record">
              <h3 className="mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">Property record</h3>
              {!data.propertyProviderConfigured && (!p || p.status === "not_configured") ? (
                <p className="text-zinc-500">Property enrichment is not configured. An admin sets ATTOM_API_KEY to turn it on.</p>
              ) : !p ? (
                <p className="text-zinc-500">Queued.</p>
              ) : p.status === "not_found" ? (
                <p className="text-zinc-500">{p.error ?? "No property record for this address."}</p>
              ) : p.status === "failed" ? (
                <p className="text-red-700 dark:text-red-400">Lookup failed: {p.error}</p>
              ) : p.status === "not_configured" ? (
                <p className="text-zinc-500">Not looked up (no provider was configured then). Enrich again to look it up.</p>
              ) : (
                <>
                  <dl className="grid grid-cols-2 gap-x-3 gap-y-1">
                    <dt className="text-zinc-500">Owner</dt><dd>{String(f.ownerName ?? "—")}</dd>
                    <dt className="text-zinc-500">Beds / baths</dt><dd>{num(f.beds)} / {num(f.baths)}</dd>
                    <dt className="text-zinc-500">Square feet</dt><dd>{num(f.sqft)}</dd>
                    <dt className="text-zinc-500">Year built</dt><dd>{String(f.yearBuilt ?? "—")}</dd>
                    <dt className="text-zinc-500">Lot (sq ft)</dt><dd>{num(f.lotSizeSqft)}</dd>
                    <dt className="text-zinc-500">Assessed / market</dt><dd>{money(f.assessedValue)} / {money(f.marketValue)}</dd>
                    <dt className="text-zinc-500">Last sale</dt><dd>{f.lastSaleDate ? `${String(f.lastSaleDate)} · ${money(f.lastSalePrice)}` : "—"}</dd>
                    <dt className="text-zinc-500">Tax</dt><dd>{money(f.taxAmount)}</dd>
                  </dl>
                  <p className="mt-1 text-xs text-zinc-500">{p.provider.toUpperCase()} · {formatDate(p.at)} · {(p.costCents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" })}</p>
                </>
              )}
            </section>
          </>
        )}
      </CardBody>
    </Card>
  );
}
