import { useCallback, useMemo, useRef, useState } from "react";

interface SelectionState {
  /** The list the selection belongs to (the filter query): another list starts with nothing selected. */
  scope: string;
  ids: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Which of the loaded rows are selected. `ids` are the loaded rows in order; ids no longer among them (deleted,
 * or gone after a refresh) don't count. Changing `scope` (the filters) clears the selection.
 */
export function useRowSelection(ids: readonly string[], scope: string) {
  const [state, setState] = useState<SelectionState>({ scope, ids: NONE });
  const chosen = state.scope === scope ? state.ids : NONE;
  // The row a shift-click extends from: the last one toggled without shift.
  const anchor = useRef<string | null>(null);

  const selected = useMemo(() => (chosen.size === 0 ? [] : ids.filter((id) => chosen.has(id))), [ids, chosen]);

  const update = useCallback(
    (change: (prev: Set<string>) => void) =>
      setState((s) => {
        const next = new Set(s.scope === scope ? s.ids : NONE);
        change(next);
        return { scope, ids: next };
      }),
    [scope],
  );

  /** Selects or unselects a row; with `range` (shift-click) every row from the last toggled one gets the same state. */
  const toggle = useCallback(
    (id: string, on: boolean, range = false) => {
      const all = ids;
      const from = range && anchor.current ? all.indexOf(anchor.current) : -1;
      const to = all.indexOf(id);
      update((next) => {
        const span = from >= 0 && to >= 0 ? all.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
        for (const x of span) {
          if (on) next.add(x);
          else next.delete(x);
        }
      });
      if (!range || from < 0) anchor.current = id;
    },
    [ids, update],
  );

  /** Selects every loaded row, or (when they all are) none. */
  const toggleAll = useCallback(() => {
    update((next) => {
      const every = ids.length > 0 && ids.every((id) => next.has(id));
      if (every) next.clear();
      else for (const id of ids) next.add(id);
    });
  }, [ids, update]);

  const clear = useCallback(() => {
    anchor.current = null;
    setState({ scope, ids: NONE });
  }, [scope]);

  const isSelected = useCallback((id: string) => chosen.has(id), [chosen]);

  return {
    /** The selected loaded rows, in list order. */
    selected,
    count: selected.length,
    allSelected: ids.length > 0 && selected.length === ids.length,
    isSelected,
    toggle,
    toggleAll,
    clear,
  };
}

export type RowSelection = ReturnType<typeof useRowSelection>;
