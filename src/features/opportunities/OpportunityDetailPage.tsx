/** Placeholder until the page is built. */
export function OpportunityDetailPage({ opportunityId }: { opportunityId: string }) {
  return <p className="text-sm text-zinc-500">Loading {opportunityId}…</p>;
}
