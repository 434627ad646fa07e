import { useState } from "react";
import type { Lead } from "@/domain/leads";
import { ApiError } from "@/lib/apiError";
import { Button } from "@/ui/Button";
import { toast } from "@/ui/toastStore";
import { convertLead, getLead } from "../leadDetailApi";

/** Turns the lead into an opportunity in the pipeline's first stage (once). */
export function ConvertButton({ lead, onConverted }: { lead: Lead; onConverted: (lead: Lead) => void }) {
  const [busy, setBusy] = useState(false);
  const convert = async () => {
    setBusy(true);
    try {
      await convertLead(lead.id, {});
      onConverted(await getLead(lead.id));
      toast({ title: "Converted to an opportunity", variant: "success" });
    } catch (err) {
      toast({ title: err instanceof ApiError ? err.message : "Couldn't convert the lead", variant: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void convert()} loading={busy} disabled={lead.status === "converted"} title={lead.status === "converted" ? "Already an opportunity" : undefined}>
      Convert to opportunity
    </Button>
  );
}
