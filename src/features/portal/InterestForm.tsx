import { zodResolver } from "@hookform/resolvers/zod";
import { ThumbsUp, X } from "lucide-react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { portalInterestRequestSchema, type PortalOpportunity } from "@/domain/portal";
import { applyServerErrors } from "@/lib/serverErrors";
import { Button } from "@/ui/Button";
import { Field, FormError } from "@/ui/Field";
import { Textarea } from "@/ui/Input";
import { toast } from "@/ui/toastStore";
import { answerSharedDeal } from "./portalApi";

type Values = z.input<typeof portalInterestRequestSchema>;
type Output = z.output<typeof portalInterestRequestSchema>;

/** "I'm interested" / "Pass", with an optional comment for the deal's owner. */
export function InterestForm({ deal, onAnswered, onCancel }: { deal: PortalOpportunity; onAnswered: (deal: PortalOpportunity) => void; onCancel?: () => void }) {
  const {
    register,
    handleSubmit,
    setValue,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, Output>({
    resolver: zodResolver(portalInterestRequestSchema),
    defaultValues: { interested: true, comment: deal.comment ?? "" },
  });

  const answer = (interested: boolean) => {
    setValue("interested", interested);
    void handleSubmit(async ({ interested: yes, comment }) => {
      try {
        const saved = await answerSharedDeal(deal.id, comment ? { interested: yes, comment } : { interested: yes });
        toast(
          yes
            ? { title: "Thanks — we've let them know you're interested", description: "Your contact will be in touch about next steps.", variant: "success" }
            : { title: "Got it — you passed on this deal", description: "Thanks for letting us know.", variant: "success" },
        );
        onAnswered(saved);
      } catch (error) {
        applyServerErrors(error, setError, ["comment"]);
      }
    })();
  };

  return (
    <form aria-label="Your answer" noValidate onSubmit={(e) => e.preventDefault()} className="space-y-4">
      <FormError message={errors.root?.server?.message ?? errors.interested?.message} />
      <Field label="Comment (optional)" hint="Questions, conditions, or why it's not for you. Your contact will see it." error={errors.comment?.message}>
        {(c) => <Textarea {...c} rows={3} maxLength={2100} placeholder="e.g. Interested if we can close after January" {...register("comment")} />}
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" loading={isSubmitting} onClick={() => answer(true)}>
          <ThumbsUp className="size-4" aria-hidden="true" />
          I'm interested
        </Button>
        <Button type="button" variant="secondary" disabled={isSubmitting} onClick={() => answer(false)}>
          <X className="size-4" aria-hidden="true" />
          Pass
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" disabled={isSubmitting} onClick={onCancel}>
            Keep my answer
          </Button>
        )}
      </div>
    </form>
  );
}
