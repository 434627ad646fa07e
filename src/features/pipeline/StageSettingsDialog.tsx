import { ArrowDown, ArrowUp, Settings2, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { replaceStagesRequestSchema, STAGE_KINDS, type PipelineStage, type StageKind } from "@/domain/pipeline";
import { errorMessage, isApiError } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { Dialog, DialogContent, DialogTrigger } from "@/ui/Dialog";
import { FormError } from "@/ui/Field";
import { Input, Select } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { replaceStages } from "./pipelineApi";

interface Row {
  key: string;
  id?: string;
  name: string;
  kind: StageKind;
  probability: string;
}

const KIND_LABELS: Record<StageKind, string> = { open: "Open", won: "Won", lost: "Lost" };
let nextKey = 0;
const toRows = (stages: readonly PipelineStage[]): Row[] => stages.map((s) => ({ key: s.id, id: s.id, name: s.name, kind: s.kind, probability: String(s.probability) }));

/** Owners and admins: rename, reorder, add and remove stages, set their kind and default probability (PUT /api/pipeline/stages). */
export function StageSettingsDialog({ stages, onSaved }: { stages: readonly PipelineStage[]; onSaved: (stages: PipelineStage[]) => void }) {
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const update = (key: string, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const shift = (index: number, by: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row);
      return next;
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { stages: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.name.trim(), kind: r.kind, probability: r.probability.trim() === "" ? NaN : Number(r.probability) })) };
    const parsed = replaceStagesRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = typeof issue.path[1] === "number" ? `Stage ${issue.path[1] + 1}${issue.path[2] ? ` ${String(issue.path[2])}` : ""}: ` : "";
      return setError(`${at}${issue.message}`);
    }
    setSaving(true);
    setError(undefined);
    try {
      const saved = await replaceStages(parsed.data.stages);
      onSaved(saved.stages);
      toast({ title: "Stages saved", variant: "success" });
      setOpen(false);
    } catch (err) {
      setError(isApiError(err) && err.code === "stage_not_empty" ? `${err.message} Move its deals to another stage first.` : errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setRows(toRows(stages));
          setError(undefined);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">
          <Settings2 className="size-4" aria-hidden="true" />
          Stages
        </Button>
      </DialogTrigger>
      <DialogContent title="Pipeline stages" description="In board order. Probability is each stage's default chance of winning a deal." className="max-w-2xl">
        <form onSubmit={submit} className="space-y-4" noValidate aria-label="Pipeline stages">
          <FormError message={error} />
          <ol className="space-y-2">
            {rows.map((row, index) => (
              <li key={row.key} className="flex items-center gap-2">
                <Input aria-label={`Stage ${index + 1} name`} value={row.name} onChange={(e) => update(row.key, { name: e.target.value })} className="flex-1" />
                <Select aria-label={`Stage ${index + 1} kind`} value={row.kind} onChange={(e) => update(row.key, { kind: e.target.value as StageKind })} className="w-24">
                  {STAGE_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
                </Select>
                <div className="flex items-center gap-1">
                  <Input aria-label={`Stage ${index + 1} probability (%)`} value={row.probability} onChange={(e) => update(row.key, { probability: e.target.value })} inputMode="numeric" className="w-16" />
                  <span className="text-sm text-zinc-500" aria-hidden="true">%</span>
                </div>
                <Button variant="ghost" size="sm" aria-label={`Move ${row.name || `stage ${index + 1}`} up`} disabled={index === 0} onClick={() => shift(index, -1)}>
                  <ArrowUp className="size-4" aria-hidden="true" />
                </Button>
                <Button variant="ghost" size="sm" aria-label={`Move ${row.name || `stage ${index + 1}`} down`} disabled={index === rows.length - 1} onClick={() => shift(index, 1)}>
                  <ArrowDown className="size-4" aria-hidden="true" />
                </Button>
                <Button variant="ghost" size="sm" aria-label={`Remove ${row.name || `stage ${index + 1}`}`} onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}>
                  <Trash2 className="size-4" aria-hidden="true" />
                </Button>
              </li>
            ))}
          </ol>
          <Button variant="secondary" size="sm" disabled={rows.length >= 20} onClick={() => setRows((rs) => [...rs, { key: `new-${nextKey++}`, name: "", kind: "open", probability: "50" }])}>
            Add stage
          </Button>
          <div className="flex justify-end gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
            <Button variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" loading={saving}>Save stages</Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
