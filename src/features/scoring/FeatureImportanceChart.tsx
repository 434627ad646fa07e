import { SrTable } from "@/features/investors/charts/SrTable";
import { featureLabel } from "./featureLabels";
import type { FeatureImportance } from "./scoringApi";

const W = 760;
const ROW = 24;
const PAD = { top: 8, right: 56, bottom: 8, left: 230 };
const MAX_BARS = 15;

const pct = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;

/** Gain-based feature importance as horizontal bars (largest first; the top 15), with every feature in a table for assistive tech. */
export function FeatureImportanceChart({ items, version, subject }: { items: FeatureImportance[]; version: number; /** The model's name in the caption (default: none, "v3"). */ subject?: string }) {
  if (items.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">This version splits on no feature.</p>;
  const sorted = [...items].sort((a, b) => b.gain - a.gain);
  const shown = sorted.slice(0, MAX_BARS);
  const top = shown[0].share || 1;
  const H = PAD.top + PAD.bottom + ROW * shown.length;
  const innerW = W - PAD.left - PAD.right;
  const caption = `Feature importance of ${subject ? `${subject} ` : ""}v${version} (share of total split gain)`;
  const short = (s: string) => (s.length > 32 ? `${s.slice(0, 31)}…` : s);

  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium">
        Feature importance <span className="font-normal text-zinc-500 dark:text-zinc-400">— share of the total split gain{sorted.length > MAX_BARS ? `, top ${MAX_BARS} of ${sorted.length}` : ""}</span>
      </figcaption>
      <svg role="img" aria-label={`${caption}: ${shown.slice(0, 3).map((f) => `${featureLabel(f.feature)} ${pct(f.share)}`).join(", ")}${shown.length > 3 ? ", …" : ""}`} viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-[760px]">
        {shown.map((f, i) => {
          const y = PAD.top + i * ROW;
          const w = Math.max(1, (f.share / top) * innerW);
          return (
            <g key={f.feature}>
              <text x={PAD.left - 8} y={y + ROW / 2} dy="0.32em" textAnchor="end" className="fill-zinc-600 text-[12px] dark:fill-zinc-300">
                {short(featureLabel(f.feature))}
              </text>
              <rect x={PAD.left} y={y + 4} width={w} height={ROW - 8} rx="2" className="fill-accent-500">
                <title>{`${featureLabel(f.feature)}: ${pct(f.share)} of the gain, ${f.splits} split${f.splits === 1 ? "" : "s"}`}</title>
              </rect>
              <text x={PAD.left + w + 6} y={y + ROW / 2} dy="0.32em" className="fill-zinc-500 text-[12px] tabular-nums">
                {pct(f.share)}
              </text>
            </g>
          );
        })}
      </svg>
      <SrTable
        caption={caption}
        columns={["Feature", "Share of gain", "Gain", "Splits"]}
        rows={sorted.map((f) => [featureLabel(f.feature), pct(f.share), f.gain.toFixed(1), f.splits])}
      />
    </figure>
  );
}
