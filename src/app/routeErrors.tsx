import * as Sentry from "@sentry/react";
import { useRouter, type ErrorComponentProps } from "@tanstack/react-router";
import type { ErrorInfo } from "react";
import { ErrorFallback } from "./ErrorFallback";

/** Last line of defence for errors outside the signed-in layout's boundary (e.g. the sign-in page). */
export function RootErrorComponent({ reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <div className="mx-auto max-w-lg px-4 py-16">
      <ErrorFallback
        onRetry={() => {
          reset();
          void router.invalidate();
        }}
      />
    </div>
  );
}

export function reportRouteError(error: unknown, info?: ErrorInfo): void {
  Sentry.captureException(error, { contexts: { react: { componentStack: info?.componentStack ?? "" } } });
}
