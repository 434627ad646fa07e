import { KeyRound } from "lucide-react";
import { cn } from "@/lib/cn";

/** The app's name with its key mark. */
export function BrandMark({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <span className="grid size-7 place-items-center rounded-md bg-accent-600 text-white">
        <KeyRound className="size-4" aria-hidden="true" />
      </span>
      <span>Hidden Key</span>
    </span>
  );
}
