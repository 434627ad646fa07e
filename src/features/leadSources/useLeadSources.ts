import { useCallback, useEffect, useState } from "react";
import type { CreateLeadSourceRequest, LeadSource, LeadSourceWithSecret } from "@/domain/leadSources";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import {
  createLeadSource,
  listLeadSources,
  rotateLeadSourceSecret,
  updateLeadSource,
  type UpdateLeadSourceRequest,
} from "./leadSourcesApi";

type SourcesState =
  | { status: "loading"; sources: LeadSource[] }
  | { status: "ready"; sources: LeadSource[] }
  | { status: "error"; sources: LeadSource[]; error: string };

/** Keeps the secret out of the list: it is shown once, by whoever asked for it, and never stored. */
function withoutSecret({ secret: _secret, ...source }: LeadSourceWithSecret): LeadSource {
  return source;
}

/** The active org's lead sources and the actions on them; mutations throw ApiError for the caller to show. */
export function useLeadSources() {
  const [state, setState] = useState<SourcesState>({ status: "loading", sources: [] });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listLeadSources(controller.signal).then(
      (sources) => setState({ status: "ready", sources }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: "error", sources: [], error: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: "loading", sources: [] });
    setAttempt((n) => n + 1);
  }, []);

  const replace = useCallback((source: LeadSource) => {
    setState((s) => ({ ...s, sources: s.sources.map((x) => (x.id === source.id ? source : x)) }));
  }, []);

  /** Resolves with the new source and its signing secret. */
  const create = useCallback(async (request: CreateLeadSourceRequest): Promise<LeadSourceWithSecret> => {
    const created = await createLeadSource(request);
    setState((s) => ({ ...s, sources: [...s.sources.filter((x) => x.id !== created.id), withoutSecret(created)] }));
    return created;
  }, []);

  const update = useCallback(
    async (id: string, patch: UpdateLeadSourceRequest): Promise<LeadSource> => {
      const updated = await updateLeadSource(id, patch);
      replace(updated);
      return updated;
    },
    [replace],
  );

  /** Resolves with the source and its new signing secret. */
  const rotate = useCallback(
    async (id: string): Promise<LeadSourceWithSecret> => {
      const rotated = await rotateLeadSourceSecret(id);
      replace(withoutSecret(rotated));
      return rotated;
    },
    [replace],
  );

  return { ...state, retry, create, update, rotate };
}
