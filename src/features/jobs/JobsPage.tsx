import { useCallback, useEffect, useState } from "react";
import type { JobsOverview } from "@/domain/jobs";
import { apiFetch } from "@/lib/api";
import { errorMessage } from "@/lib/apiError";
import { formatDate } from "@/lib/format";
import { Button } from "@/ui/Button";
import { Card, CardBody, CardHeader } from "@/ui/Card";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { toast } from "@/ui/toastStore";

const STATES = ["pending", "relayed", "done", "failed", "retried", "discarded"] as const;
const STATE_LABELS: Record<(typeof STATES)[number], string> = { pending: "Waiting", relayed: "Running", done: "Done", failed: "Dead letters", retried: "Retried", discarded: "Discarded" };

/** Background jobs for admins: counts per queue and state, failures waiting to retry, dead letters to retry or discard. */
export function JobsPage() {
  const [data, setData] = useState<JobsOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () => apiFetch<JobsOverview>("/api/jobs").then((d) => (setData(d), setError(null)), (err: unknown) => setError(errorMessage(err))),
    [],
  );
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 10_000);
    return () => clearInterval(timer);
  }, [load]);

  const act = async (id: string, action: "retry" | "discard") => {
    try {
      await apiFetch(`/api/jobs/${id}/${action}`, { method: "POST" });
      toast({ title: action === "retry" ? "Queued again" : "Discarded", variant: "success" });
    } catch (err) {
      toast({ title: errorMessage(err), variant: "error" });
    }
    void load();
  };

  return (
    <div className="space-y-6">
      <PageHeader title="Background jobs" description="Enrichment, imports and other work that runs after a request. Failed jobs retry with backoff; those that used up their attempts wait here." />
      {error && <Notice title="Couldn't load the jobs">{error}</Notice>}
      {data && (
        <>
          <Card>
            <CardHeader>
              <h2 className="font-medium">By queue</h2>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">Done, retried and discarded jobs are counted for {data.retentionDays} days; waiting, running and dead-lettered jobs stay until they are finished.</p>
            </CardHeader>
            <CardBody>
              {data.queues.length === 0 ? (
                <p className="text-sm text-zinc-500">No jobs yet.</p>
              ) : (
                <table className="w-full text-sm" aria-label="Jobs by queue">
                  <thead>
                    <tr className="text-left text-xs text-zinc-500">
                      <th className="py-1 font-medium">Queue</th>
                      {STATES.map((s) => <th key={s} className="py-1 text-right font-medium">{STATE_LABELS[s]}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {data.queues.map((q) => (
                      <tr key={q.queue} className="border-t border-zinc-200 dark:border-zinc-800">
                        <th scope="row" className="py-2 text-left font-medium">{q.queue}</th>
                        {STATES.map((s) => <td key={s} className={`py-2 text-right tabular-nums ${s === "failed" && q.counts[s] ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>{q.counts[s] ?? 0}</td>)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader><h2 className="font-medium">Dead letters</h2></CardHeader>
            <CardBody>
              {data.deadLetters.length === 0 ? (
                <p className="text-sm text-zinc-500">None — every job finished or is still retrying.</p>
              ) : (
                <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Dead letters">
                  {data.deadLetters.map((d) => (
                    <li key={d.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm">
                      <div className="min-w-0">
                        <p className="font-medium">{d.name} <span className="font-normal text-zinc-500">· {d.queue} · {d.attempts} attempts · {formatDate(d.failedAt)}</span></p>
                        <p className="break-words text-red-700 dark:text-red-400">{d.lastError ?? "no error recorded"}</p>
                        <p className="truncate font-mono text-xs text-zinc-500">{JSON.stringify(d.payload)}</p>
                      </div>
                      <div className="flex gap-2">
                        <Button size="sm" onClick={() => void act(d.id, "retry")}>Retry</Button>
                        <Button size="sm" variant="secondary" onClick={() => void act(d.id, "discard")}>Discard</Button>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
          {data.recentErrors.length > 0 && (
            <Card>
              <CardHeader><h2 className="font-medium">Failing, will retry</h2></CardHeader>
              <CardBody>
                <ul className="space-y-2 text-sm" aria-label="Failing jobs">
                  {data.recentErrors.map((e) => (
                    <li key={e.id}>
                      <span className="font-medium">{e.name}</span> <span className="text-zinc-500">· attempt {e.attempts} · next try {formatDate(e.retryAt)}</span>
                      <span className="block text-red-700 dark:text-red-400">{e.lastError}</span>
                    </li>
                  ))}
                </ul>
              </CardBody>
            </Card>
          )}
        </>
      )}
      {!data && !error && <p className="text-sm text-zinc-500">Loading…</p>}
    </div>
  );
}
