import { useCallback, useEffect, useState } from "react";
import type { AssignmentRule } from "@/domain/assignment";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import {
  createAssignmentRule,
  deleteAssignmentRule,
  listAssignmentRules,
  updateAssignmentRule,
  type AssignmentRuleBody,
  type AssignmentRulePatch,
} from "./assignmentApi";

type RulesState =
  | { status: "loading"; rules: AssignmentRule[] }
  | { status: "ready"; rules: AssignmentRule[] }
  | { status: "error"; rules: AssignmentRule[]; error: string };

/** The order the server tries rules in. */
export function sortRules(rules: AssignmentRule[]): AssignmentRule[] {
  return [...rules].sort((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt));
}

/** The active org's assignment rules and the actions on them; mutations throw ApiError for the caller to show. */
export function useAssignmentRules() {
  const [state, setState] = useState<RulesState>({ status: "loading", rules: [] });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listAssignmentRules(controller.signal).then(
      (rules) => setState({ status: "ready", rules: sortRules(rules) }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: "error", rules: [], error: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: "loading", rules: [] });
    setAttempt((n) => n + 1);
  }, []);

  const create = useCallback(async (body: AssignmentRuleBody): Promise<AssignmentRule> => {
    const created = await createAssignmentRule(body);
    setState((s) => ({ ...s, rules: sortRules([...s.rules.filter((r) => r.id !== created.id), created]) }));
    return created;
  }, []);

  const update = useCallback(async (id: string, patch: AssignmentRulePatch): Promise<AssignmentRule> => {
    const updated = await updateAssignmentRule(id, patch);
    setState((s) => ({ ...s, rules: sortRules(s.rules.map((r) => (r.id === updated.id ? updated : r))) }));
    return updated;
  }, []);

  const remove = useCallback(async (id: string): Promise<void> => {
    await deleteAssignmentRule(id);
    setState((s) => ({ ...s, rules: s.rules.filter((r) => r.id !== id) }));
  }, []);

  /** Swaps a rule with its neighbour (by renumbering every rule 0…n-1, so ties from the default position 0 sort out too). */
  const move = useCallback(
    async (id: string, direction: -1 | 1): Promise<void> => {
      const rules = state.rules;
      const index = rules.findIndex((r) => r.id === id);
      const target = index + direction;
      if (index < 0 || target < 0 || target >= rules.length) return;
      const reordered = [...rules];
      [reordered[index], reordered[target]] = [reordered[target], reordered[index]];
      const changes = reordered.map((rule, position) => ({ rule, position })).filter(({ rule, position }) => rule.position !== position);
      const saved = await Promise.all(changes.map(({ rule, position }) => updateAssignmentRule(rule.id, { position })));
      const byId = new Map(saved.map((r) => [r.id, r]));
      setState((s) => ({ ...s, rules: sortRules(s.rules.map((r) => byId.get(r.id) ?? r)) }));
    },
    [state.rules],
  );

  return { ...state, retry, create, update, remove, move };
}
