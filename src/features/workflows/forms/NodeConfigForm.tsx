import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, type ComponentType } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { cleanConfig, formValuesFor } from "@/domain/workflows/builderHelpers";
import { configSchemaFor, type NodeType } from "@/domain/workflows";
import { AssignFields } from "./AssignFields";
import type { EditorLookups, FieldsProps } from "./formKit";
import { MessageFields } from "./MessageFields";
import { AddNoteFields, BranchFields, ChangeStatusFields, CreateTaskFields, EnrichFields, MoveStageFields, StopOnFields, UpdateFieldFields, WebhookFields } from "./StepFields";
import { TriggerFields } from "./TriggerFields";
import { WaitFields } from "./WaitFields";

const FIELDS: Record<NodeType, ComponentType<FieldsProps>> = {
  trigger: TriggerFields,
  send_sms: (p) => <MessageFields {...p} channel="sms" />,
  send_email: (p) => <MessageFields {...p} channel="email" />,
  update_field: UpdateFieldFields,
  change_status: ChangeStatusFields,
  move_stage: MoveStageFields,
  assign: AssignFields,
  create_task: CreateTaskFields,
  add_note: AddNoteFields,
  wait: WaitFields,
  branch: BranchFields,
  webhook: WebhookFields,
  enrich: EnrichFields,
  stop_on: StopOnFields,
};

/** Checks the config the values stand for (not the raw form values) against the node type's schema. */
function resolverFor(type: NodeType): Resolver<FieldValues> {
  const check = zodResolver(configSchemaFor(type) as z.ZodType<FieldValues, FieldValues>);
  return (values, context, options) => check(cleanConfig(type, values), context, options);
}

export interface NodeConfigFormProps {
  type: NodeType;
  config: Record<string, unknown>;
  lookups: EditorLookups;
  /** Every edit, as the cleaned config (a draft may be incomplete: the node's card lists what is still wrong). */
  onChange: (config: Record<string, unknown>) => void;
}

/**
 * A node's settings, checked by its type's schema as they are typed: a field shows its error once changed, and
 * every change goes to the node. Mount it with key={node.id} so each node gets a fresh form.
 */
export function NodeConfigForm({ type, config, lookups, onChange }: NodeConfigFormProps) {
  const resolver = useMemo(() => resolverFor(type), [type]);
  // The form starts from the node's config; later changes come from the form itself.
  const form = useForm<FieldValues>({ resolver, mode: "onChange", defaultValues: formValuesFor(type, config) });
  const { subscribe } = form;
  useEffect(() => {
    let last = JSON.stringify(cleanConfig(type, formValuesFor(type, config)));
    return subscribe({
      formState: { values: true },
      callback: ({ values }) => {
        const next = cleanConfig(type, values);
        const text = JSON.stringify(next);
        if (text === last) return;
        last = text;
        onChange(next);
      },
    });
    // The starting config is read once, as the form's defaults are.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [subscribe, type, onChange]);
  const Fields = FIELDS[type];
  return (
    <form noValidate onSubmit={(e) => e.preventDefault()} aria-label="Step settings" className="space-y-4">
      <Fields form={form} lookups={lookups} />
    </form>
  );
}
