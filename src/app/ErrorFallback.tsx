import { TriangleAlert } from "lucide-react";
import { Button } from "@/ui/Button";
import { Notice } from "@/ui/Notice";

/** What people see when a page crashes: no stack traces, one way forward. */
export function ErrorFallback({ onRetry }: { onRetry: () => void }) {
  return (
    <div role="alert">
      <Notice
        icon={<TriangleAlert className="size-5" aria-hidden="true" />}
        title="Something went wrong"
        action={<Button onClick={onRetry}>Try again</Button>}
      >
        This page hit an unexpected problem. We've been notified. Try again, or reload the page if it keeps happening.
      </Notice>
    </div>
  );
}
