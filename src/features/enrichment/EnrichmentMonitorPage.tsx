import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/api";
import { errorMessage } from "@/lib/apiError";
import { Card, CardBody } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";

interface EnrichmentMonitor {
  queued: number;
  running: number;
  doneToday: number;
  failed: number;
  costTodayCents: number;
  propertyLookupsToday: number;
  propertyProviderConfigured: boolean;
}

const REFRESH_MS = 10_000;

/** The org's enrichment at a glance: jobs queued, running, done today and failed, and what the provider cost today. */
export function EnrichmentMonitorPage() {
  const [data, setData] = useState<EnrichmentMonitor | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      apiFetch<EnrichmentMonitor>("/api/enrichment/monitor").then(
        (m) => alive && (setData(m), setError(null)),
        (err: unknown) => alive && setError(errorMessage(err)),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);

  const stats: [string, string][] = data
    ? [
        ["Queued", data.queued.toLocaleString("en-US")],
        ["Running", data.running.toLocaleString("en-US")],
        ["Done today", data.doneToday.toLocaleString("en-US")],
        ["Failed", data.failed.toLocaleString("en-US")],
        ["Provider cost today", (data.costTodayCents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" })],
        ["Property lookups today", data.propertyLookupsToday.toLocaleString("en-US")],
      ]
    : [];
  return (
    <div className="space-y-6">
      <PageHeader title="Enrichment" description="Every new lead is checked (phone, email, address) and, with a provider configured, matched to its property record." />
      {error && <Notice title="Couldn't load the monitor">{error}</Notice>}
      {data && !data.propertyProviderConfigured && (
        <Notice title="Property enrichment is not configured">Contact checks run offline. Set ATTOM_API_KEY (docs/DEPLOYMENT.md) to look up owners, values and sales.</Notice>
      )}
      <dl className="grid gap-4 sm:grid-cols-3" aria-label="Enrichment monitor">
        {stats.map(([label, value]) => (
          <Card key={label}>
            <CardBody>
              <dt className="text-sm text-zinc-500">{label}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
            </CardBody>
          </Card>
        ))}
      </dl>
      {!data && !error && <p className="text-sm text-zinc-500">Loading…</p>}
    </div>
  );
}
