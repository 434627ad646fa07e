import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "@/lib/apiError";

export type SaveState = "saved" | "unsaved" | "saving" | "error";

/**
 * Saves `revision` of a draft `delay` ms after the last edit (one save at a time; edits made during a save are
 * saved after it). `flush` saves now and resolves to whether the draft is saved. Unmounting saves what is left;
 * closing or reloading the tab with unsaved edits asks first.
 */
export function useAutosave(save: () => Promise<void>, revision: number, delay = 800) {
  const [state, setState] = useState<SaveState>("saved");
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ save, revision });
  const savedRevision = useRef(revision);
  const running = useRef<Promise<unknown> | null>(null);
  useEffect(() => {
    latest.current = { save, revision };
  });

  const flush = useCallback(async (): Promise<boolean> => {
    while (running.current) await running.current.catch(() => {});
    const { save: run, revision: target } = latest.current;
    if (target === savedRevision.current) return true;
    setState("saving");
    const attempt = run().then(() => {
      savedRevision.current = target;
    });
    running.current = attempt;
    try {
      await attempt;
      setError(null);
      setState(latest.current.revision === savedRevision.current ? "saved" : "unsaved");
      return true;
    } catch (err) {
      setError(errorMessage(err));
      setState("error");
      return false;
    } finally {
      running.current = null;
    }
  }, []);

  useEffect(() => {
    if (revision === savedRevision.current) return;
    setState((s) => (s === "saving" ? s : "unsaved"));
    const timer = setTimeout(() => void flush(), delay);
    return () => clearTimeout(timer);
  }, [revision, delay, flush]);

  // Leaving the editor (another page of the app) saves what the timer has not saved yet.
  useEffect(() => () => void flush(), [flush]);

  useEffect(() => {
    if (state === "saved") return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [state]);

  return { state, error, flush };
}
