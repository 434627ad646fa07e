import { Check, CircleAlert } from "lucide-react";
import type { SaveState } from "./useAutosave";

/** "Saved" / "Saving…" / "Unsaved changes" / "Couldn't save", announced politely. */
export function SaveIndicator({ state, error }: { state: SaveState; error: string | null }) {
  return (
    <p role="status" aria-live="polite" data-testid="save-state" data-state={state} className="inline-flex items-center gap-1 text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">
      {state === "saved" && (
        <>
          <Check className="size-3.5 text-emerald-600" aria-hidden="true" /> Saved
        </>
      )}
      {state === "saving" && "Saving…"}
      {state === "unsaved" && "Unsaved changes"}
      {state === "error" && (
        <span className="inline-flex items-center gap-1 text-red-700 dark:text-red-400" title={error ?? undefined}>
          <CircleAlert className="size-3.5" aria-hidden="true" /> Couldn't save{error ? `: ${error}` : ""}
        </span>
      )}
    </p>
  );
}
