import { useEffect, useMemo, useState } from "react";
import type { SummaryLookups } from "@/domain/workflows/builderHelpers";
import type { TemplateInfo } from "@/domain/workflows";
import { EMPTY_LOOKUPS, memberName, type EditorLookups } from "../forms/formKit";
import { listMessageTemplates, listPipelineStages, listStaff } from "../workflowsApi";

/**
 * The org's message templates, pipeline stages and staff, for the pickers, the cards' summaries and validation.
 * Each loads on its own; one that fails stays empty (the pickers then offer nothing to choose).
 */
export function useEditorLookups(): { lookups: EditorLookups; summary: SummaryLookups; templates: TemplateInfo[] | undefined } {
  const [lookups, setLookups] = useState<EditorLookups>(EMPTY_LOOKUPS);
  const [templatesLoaded, setTemplatesLoaded] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const ignore = () => {};
    listMessageTemplates(signal).then((templates) => (setLookups((l) => ({ ...l, templates })), setTemplatesLoaded(true)), ignore);
    listPipelineStages(signal).then((stages) => setLookups((l) => ({ ...l, stages })), ignore);
    listStaff(signal).then((members) => setLookups((l) => ({ ...l, members })), ignore);
    return () => controller.abort();
  }, []);
  const summary = useMemo<SummaryLookups>(() => {
    const templates = new Map(lookups.templates.map((t) => [t.id, t.name]));
    const stages = new Map(lookups.stages.map((s) => [s.id, s.name]));
    const members = new Map(lookups.members.map((m) => [m.userId, memberName(m)]));
    return { templateName: (id) => templates.get(id), stageName: (id) => stages.get(id), memberName: (id) => members.get(id) };
  }, [lookups]);
  // Until the templates are known, validation does not judge the steps that name one.
  return { lookups, summary, templates: templatesLoaded ? lookups.templates : undefined };
}
