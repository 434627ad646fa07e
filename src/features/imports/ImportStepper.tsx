import { Check } from "lucide-react";
import { cn } from "@/lib/cn";
import { IMPORT_STEPS } from "./labels";

/** The wizard's steps, with the current one marked (aria-current="step") and the ones before it ticked. */
export function ImportStepper({ current, complete = false }: { current: number; /** The last step is reached and went well: tick it too. */ complete?: boolean }) {
  return (
    <ol aria-label="Import steps" className="mb-6 flex flex-wrap items-center gap-x-2 gap-y-2 text-sm">
      {IMPORT_STEPS.map((label, index) => {
        const done = index < current || (complete && index === current);
        const active = index === current && !done;
        return (
          <li key={label} aria-current={index === current ? "step" : undefined} className="flex items-center gap-2">
            {index > 0 && <span aria-hidden="true" className="hidden h-px w-6 bg-zinc-300 sm:block dark:bg-zinc-700" />}
            <span
              aria-hidden="true"
              className={cn(
                "grid size-6 shrink-0 place-items-center rounded-full text-xs font-semibold",
                done && "bg-accent-600 text-white",
                active && "bg-accent-100 text-accent-700 ring-2 ring-accent-600 dark:bg-accent-950 dark:text-accent-300",
                !done && !active && "bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400",
              )}
            >
              {done ? <Check className="size-3.5" /> : index + 1}
            </span>
            <span
              className={cn(
                "font-medium whitespace-nowrap",
                index === current ? "text-zinc-900 dark:text-zinc-50" : "text-zinc-500 dark:text-zinc-400",
              )}
            >
              {label}
              {done && index !== current && <span className="sr-only"> (done)</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
