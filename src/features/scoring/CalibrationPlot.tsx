import { useId } from "react";
import { SrTable } from "@/features/investors/charts/SrTable";
import type { ReliabilityBin, ReliabilityDiagram } from "./scoringApi";

const SIZE = 320;
const PAD = { top: 12, right: 16, bottom: 44, left: 52 };
const INNER = SIZE - PAD.left - PAD.right;
const MIN_R = 3;
const MAX_R = 11;

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 && x > 0 ? 1 : 0)}%`;
const range = (b: ReliabilityBin) => `${pct(b.lower)}–${pct(b.upper)}`;

/** The axes' upper end: the data's largest mean or rate rounded up to a tenth (at least 0.1, at most 1). */
export function calibrationAxisMax(bins: ReliabilityBin[]): number {
  let max = 0;
  for (const b of bins) if (b.count) max = Math.max(max, b.meanPredicted!, b.observedRate!);
  return Math.min(1, Math.max(0.1, Math.ceil(max * 10 - 1e-9) / 10));
}

/**
 * A reliability diagram: per probability bin of the held-out window, the mean predicted probability (x) against the
 * observed rate (y), the point's area by the bin's size, with the diagonal a perfectly calibrated model would follow.
 * Empty bins are left out of the plot; the bins are also a table for assistive tech.
 */
export function CalibrationPlot({
  diagram,
  version,
  subject = "the model",
  outcome = "positive",
}: {
  diagram: ReliabilityDiagram | null | undefined;
  version: number;
  /** What the model is, in the title ("lead conversion"). */
  subject?: string;
  /** What an observed positive is called ("converted"). */
  outcome?: string;
}) {
  const id = useId();
  if (!diagram) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No calibration data for this version: it was trained before the predicted-vs-observed bins were kept. Train a new version to see the plot.</p>;
  const shown = diagram.bins.filter((b) => b.count > 0);
  if (shown.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No calibration data for this version: its held-out window has no rows.</p>;

  const max = calibrationAxisMax(shown);
  const ticks = Array.from({ length: 6 }, (_, i) => (max * i) / 5);
  const x = (v: number) => PAD.left + (v / max) * INNER;
  const y = (v: number) => PAD.top + INNER - (v / max) * INNER;
  const largest = Math.max(...shown.map((b) => b.count));
  const radius = (count: number) => MIN_R + (MAX_R - MIN_R) * Math.sqrt(count / largest);
  const title = `Calibration of ${subject} v${version}: predicted probability vs observed ${outcome} rate`;
  const worst = shown.reduce((w, b) => (Math.abs(b.observedRate! - b.meanPredicted!) > Math.abs(w.observedRate! - w.meanPredicted!) ? b : w));
  const desc =
    `${shown.length} bins of ${diagram.rows.toLocaleString("en-US")} held-out rows. ` +
    shown.map((b) => `Predicted ${pct(b.meanPredicted!)}, observed ${pct(b.observedRate!)} (${b.count.toLocaleString("en-US")} rows)`).join("; ") +
    `. Largest gap: predicted ${pct(worst.meanPredicted!)} vs observed ${pct(worst.observedRate!)}.`;
  const line = shown.map((b) => `${x(b.meanPredicted!).toFixed(1)},${y(Math.min(max, b.observedRate!)).toFixed(1)}`).join(" ");

  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium">
        Predicted vs observed <span className="font-normal text-zinc-500 dark:text-zinc-400">— held-out window; dot size is the number of rows in the bin</span>
      </figcaption>
      <svg role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} viewBox={`0 0 ${SIZE} ${SIZE}`} className="h-auto w-full max-w-[360px]">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={PAD.left + INNER} y1={y(t)} y2={y(t)} className="stroke-zinc-200 dark:stroke-zinc-800" strokeDasharray={t === 0 ? undefined : "3 3"} />
            <line x1={x(t)} x2={x(t)} y1={PAD.top} y2={PAD.top + INNER} className="stroke-zinc-200 dark:stroke-zinc-800" strokeDasharray={t === 0 ? undefined : "3 3"} />
            <text x={PAD.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="fill-zinc-500 text-[11px] tabular-nums">
              {pct(t)}
            </text>
            <text x={x(t)} y={PAD.top + INNER + 14} textAnchor="middle" className="fill-zinc-500 text-[11px] tabular-nums">
              {pct(t)}
            </text>
          </g>
        ))}
        <text x={PAD.left + INNER / 2} y={SIZE - 6} textAnchor="middle" className="fill-zinc-600 text-[12px] dark:fill-zinc-300">
          Predicted probability
        </text>
        <text transform={`translate(12 ${PAD.top + INNER / 2}) rotate(-90)`} textAnchor="middle" className="fill-zinc-600 text-[12px] dark:fill-zinc-300">
          Observed rate
        </text>
        <line x1={x(0)} y1={y(0)} x2={x(max)} y2={y(max)} className="stroke-zinc-400 dark:stroke-zinc-500" strokeDasharray="5 4" data-testid="calibration-diagonal">
          <title>Perfect calibration</title>
        </line>
        <polyline points={line} fill="none" className="stroke-accent-500" strokeWidth="1.5" />
        {shown.map((b) => (
          <circle
            key={b.lower}
            cx={x(b.meanPredicted!)}
            cy={y(Math.min(max, b.observedRate!))}
            r={radius(b.count)}
            className="fill-accent-500/70 stroke-accent-700 dark:stroke-accent-300"
            data-testid="calibration-bin"
          >
            <title>{`Bin ${range(b)}: ${b.count.toLocaleString("en-US")} rows, predicted ${pct(b.meanPredicted!)}, observed ${pct(b.observedRate!)}`}</title>
          </circle>
        ))}
      </svg>
      <SrTable
        caption={`Calibration bins of ${subject} v${version}`}
        columns={["Predicted range", "Rows", "Mean predicted", `Observed ${outcome} rate`]}
        rows={shown.map((b) => [range(b), b.count.toLocaleString("en-US"), pct(b.meanPredicted!), pct(b.observedRate!)])}
      />
    </figure>
  );
}
