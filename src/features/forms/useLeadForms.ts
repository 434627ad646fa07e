import { useCallback, useEffect, useState } from "react";
import type { LeadForm } from "@/domain/leadForms";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { createLeadForm, listLeadForms, updateLeadForm, type CreateLeadFormBody, type UpdateLeadFormBody } from "./leadFormsApi";

type FormsState =
  | { status: "loading"; forms: LeadForm[] }
  | { status: "ready"; forms: LeadForm[] }
  | { status: "error"; forms: LeadForm[]; error: string };

/** The active org's lead forms and the actions on them; mutations throw ApiError for the caller to show. */
export function useLeadForms() {
  const [state, setState] = useState<FormsState>({ status: "loading", forms: [] });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listLeadForms(controller.signal).then(
      (forms) => setState({ status: "ready", forms }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: "error", forms: [], error: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: "loading", forms: [] });
    setAttempt((n) => n + 1);
  }, []);

  const create = useCallback(async (body: CreateLeadFormBody): Promise<LeadForm> => {
    const created = await createLeadForm(body);
    setState((s) => ({ ...s, forms: [...s.forms.filter((f) => f.id !== created.id), created] }));
    return created;
  }, []);

  const update = useCallback(async (id: string, body: UpdateLeadFormBody): Promise<LeadForm> => {
    const updated = await updateLeadForm(id, body);
    setState((s) => ({ ...s, forms: s.forms.map((f) => (f.id === updated.id ? updated : f)) }));
    return updated;
  }, []);

  return { ...state, retry, create, update };
}
