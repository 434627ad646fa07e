import { useCallback, useEffect, useState } from "react";
import type { OrgSettings } from "@/domain/assignment";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { getOrgSettings, updateOrgSettings } from "./assignmentApi";

type OrgState = { status: "loading" } | { status: "ready"; org: OrgSettings } | { status: "error"; error: string };

/** GET /api/org, and the PATCH of its agentsSeeAssignedOnly flag (throws ApiError for the caller to show). */
export function useOrgSettings() {
  const [state, setState] = useState<OrgState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getOrgSettings(controller.signal).then(
      (org) => setState({ status: "ready", org }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: "error", error: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);

  const setAgentsSeeAssignedOnly = useCallback(async (agentsSeeAssignedOnly: boolean) => {
    const org = await updateOrgSettings({ agentsSeeAssignedOnly });
    setState({ status: "ready", org });
    return org;
  }, []);

  return { state, retry, setAgentsSeeAssignedOnly };
}
