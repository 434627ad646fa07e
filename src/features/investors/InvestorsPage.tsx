/** Placeholder until the page is built. */
export function InvestorsPage() {
  return <p className="text-sm text-zinc-500">Loading…</p>;
}
