/** Placeholder until the page is built. */
export function InvestorDetailPage({ investorId }: { investorId: string }) {
  return <p className="text-sm text-zinc-500">Loading {investorId}…</p>;
}
