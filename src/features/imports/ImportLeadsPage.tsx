import { ShieldAlert } from "lucide-react";
import { useState } from "react";
import type { ImportMapping, LeadImport, UploadedImport } from "@/domain/imports";
import { isStaffRole } from "@/domain/roles";
import { useActiveMembership } from "@/features/orgs/useActiveMembership";
import { errorMessage, isApiError } from "@/lib/apiError";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";
import { toast } from "@/ui/toastStore";
import { ImportProgressStep, ImportSummaryStep } from "./ImportProgressStep";
import { getImport, startImport } from "./importsApi";
import { ImportStepper } from "./ImportStepper";
import { MappingStep } from "./MappingStep";
import { PreviewStep } from "./PreviewStep";
import { UploadStep } from "./UploadStep";
import { mappingErrorsOf, useImportPreview } from "./useImportPreview";
import { useImportProgress } from "./useImportProgress";

const TITLE = "Import leads";
const DESCRIPTION = "Bring leads in from a spreadsheet or another CRM. Rows that match a lead you already have are merged into it.";

export interface ImportTimings {
  /** Wait after the last mapping change before previewing. */
  previewDelayMs?: number;
  /** Time between progress polls. */
  pollIntervalMs?: number;
}

/** /leads/import: the CSV import wizard (staff). */
export function ImportLeadsPage(timings: ImportTimings) {
  const membership = useActiveMembership();
  if (!membership || !isStaffRole(membership.role)) {
    return (
      <>
        <PageHeader title={TITLE} />
        <Notice icon={<ShieldAlert className="size-5" aria-hidden="true" />} title="Importing isn't available to your role">
          Ask an owner, admin or agent of {membership?.orgName ?? "this organization"} to import leads.
        </Notice>
      </>
    );
  }
  return (
    <>
      <PageHeader title={TITLE} description={DESCRIPTION} />
      <ImportWizard {...timings} />
    </>
  );
}

type WizardState =
  | { step: "upload" }
  | { step: "mapping" | "preview"; upload: UploadedImport }
  | { step: "started"; upload: UploadedImport; job: LeadImport };

function ImportWizard({ previewDelayMs = 300, pollIntervalMs = 700 }: ImportTimings) {
  const [state, setState] = useState<WizardState>({ step: "upload" });
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [starting, setStarting] = useState(false);
  const previewing = state.step === "mapping" || state.step === "preview";
  const preview = useImportPreview(previewing ? state.upload.id : null, mapping, previewDelayMs);

  async function start(upload: UploadedImport) {
    setStarting(true);
    try {
      const job = await startImport(upload.id, mapping);
      setState({ step: "started", upload, job });
    } catch (error) {
      if (isApiError(error) && error.code === "already_started") {
        // Started already (another tab, a double click): follow that run.
        try {
          setState({ step: "started", upload, job: await getImport(upload.id) });
        } catch (e) {
          toast({ title: "Couldn't start the import", description: errorMessage(e), variant: "error" });
        }
      } else {
        toast({ title: "Couldn't start the import", description: errorMessage(error), variant: "error" });
        if (mappingErrorsOf(error)) setState({ step: "mapping", upload });
      }
    } finally {
      setStarting(false);
    }
  }

  return (
    <>
      {state.step !== "started" && <ImportStepper current={STEP_INDEX[state.step]} />}
      {state.step === "upload" && (
        <UploadStep
          onUploaded={(upload) => {
            setMapping(upload.guessedMapping);
            setState({ step: "mapping", upload });
          }}
        />
      )}
      {state.step === "mapping" && (
        <MappingStep
          upload={state.upload}
          mapping={mapping}
          preview={preview}
          onChange={setMapping}
          onBack={() => setState({ step: "upload" })}
          onNext={() => setState({ step: "preview", upload: state.upload })}
        />
      )}
      {state.step === "preview" && (
        <PreviewStep
          upload={state.upload}
          preview={preview}
          starting={starting}
          onBack={() => setState({ step: "mapping", upload: state.upload })}
          onStart={() => void start(state.upload)}
        />
      )}
      {state.step === "started" && (
        <StartedImport
          key={state.job.id}
          started={state.job}
          pollIntervalMs={pollIntervalMs}
          onAnother={() => {
            setMapping({});
            setState({ step: "upload" });
          }}
        />
      )}
    </>
  );
}

function StartedImport({ started, pollIntervalMs, onAnother }: { started: LeadImport; pollIntervalMs: number; onAnother: () => void }) {
  const { job, running, pollError } = useImportProgress(started, pollIntervalMs);
  return (
    <>
      <ImportStepper current={running ? 3 : 4} complete={job.status === "done"} />
      {running ? <ImportProgressStep job={job} pollError={pollError} /> : <ImportSummaryStep job={job} onAnother={onAnother} />}
    </>
  );
}

const STEP_INDEX = { upload: 0, mapping: 1, preview: 2 } as const;
