import { useCallback, useEffect, useRef, useState } from "react";
import type { OpportunityCard, PipelineColumn } from "@/domain/pipeline";
import { errorMessage, isApiError } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { toast } from "@/ui/toastStore";
import { addCard, findCard, moveCard, updateCard } from "./boardState";
import { getPipeline, moveOpportunity } from "./pipelineApi";

/** Where a card was before a move: enough to put it back exactly as it was. */
export interface MoveOrigin {
  card: OpportunityCard;
  stageId: string;
  index: number;
}

type Status = "loading" | "ready" | "error";

/**
 * The board for a filter query: its columns, and moves that show at once and are undone (with a message) when the
 * server refuses. A card with a move in flight is `pending` (not draggable until the server answers, so the
 * version it sends is never one it has just made stale itself).
 */
export function usePipeline(query: string) {
  const [columns, setColumnsState] = useState<PipelineColumn[]>([]);
  // Which load the columns come from; the board is "loading" while the latest one has not answered.
  const [loaded, setLoaded] = useState<{ key: string; error: string | null } | null>(null);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [attempt, setAttempt] = useState(0);
  const columnsRef = useRef(columns);
  const setColumns = useCallback((update: (c: PipelineColumn[]) => PipelineColumn[]) => {
    columnsRef.current = update(columnsRef.current);
    setColumnsState(columnsRef.current);
  }, []);

  const key = `${attempt}:${query}`;
  useEffect(() => {
    const controller = new AbortController();
    getPipeline(query, controller.signal).then(
      (response) => {
        setColumns(() => response.stages);
        setLoaded({ key, error: null });
      },
      (err: unknown) => {
        if (!isAbortError(err)) setLoaded({ key, error: errorMessage(err) });
      },
    );
    return () => controller.abort();
  }, [key, query, setColumns]);
  const status: Status = loaded?.key !== key ? "loading" : loaded.error ? "error" : "ready";
  const error = loaded?.key === key ? loaded.error : null;

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  /** Shows the card at its new place (no request yet); the origin puts it back. */
  const place = useCallback(
    (cardId: string, toStageId: string, toIndex: number): MoveOrigin | null => {
      const at = findCard(columnsRef.current, cardId);
      if (!at) return null;
      const origin = { card: at.card, stageId: at.column.id, index: at.index };
      const patch = toStageId === at.column.id ? {} : { stageEnteredAt: new Date().toISOString() };
      setColumns((c) => moveCard(c, cardId, toStageId, toIndex, patch));
      return origin;
    },
    [setColumns],
  );

  const revert = useCallback((origin: MoveOrigin) => setColumns((c) => moveCard(c, origin.card.id, origin.stageId, origin.index, origin.card)), [setColumns]);

  /** Sends the placed card's new stage and position; on refusal puts it back and says why. */
  const save = useCallback(
    async (origin: MoveOrigin, lostReason?: string) => {
      const id = origin.card.id;
      const at = findCard(columnsRef.current, id);
      if (!at) return;
      setPending((p) => new Set(p).add(id));
      try {
        const card = await moveOpportunity(id, { stageId: at.column.id, position: at.index, version: origin.card.version, ...(lostReason ? { lostReason } : {}) });
        // The server's card (new version, stageEnteredAt), kept where the user put it.
        setColumns((c) => updateCard(c, { ...card, stageId: findCard(c, id)?.column.id ?? card.stageId }));
      } catch (err) {
        revert(origin);
        const title = `Couldn't move “${origin.card.title}”`;
        if (isApiError(err) && err.status === 409) {
          toast({ title, description: "Someone else changed this deal in the meantime. It's back where it was; the board has been refreshed.", variant: "error" });
          reload();
        } else {
          const reason = isApiError(err) ? err.fields?.lostReason : undefined;
          toast({ title, description: reason ? `Lost reason ${reason}` : errorMessage(err), variant: "error" });
        }
      } finally {
        setPending((p) => {
          const next = new Set(p);
          next.delete(id);
          return next;
        });
      }
    },
    [revert, reload, setColumns],
  );

  const move = useCallback(
    (cardId: string, toStageId: string, toIndex: number) => {
      const origin = place(cardId, toStageId, toIndex);
      if (origin) void save(origin);
    },
    [place, save],
  );

  const add = useCallback((card: OpportunityCard) => setColumns((c) => addCard(c, card)), [setColumns]);

  return { columns, status, error, pending, reload, place, revert, save, move, add };
}
