import * as Sentry from "@sentry/react";

/** Turns on error reporting when VITE_SENTRY_DSN is set; otherwise Sentry calls are no-ops. */
export function initSentry(): void {
  const dsn = import.meta.env.VITE_SENTRY_DSN;
  if (!dsn) return;
  Sentry.init({
    dsn,
    environment: import.meta.env.MODE,
    release: import.meta.env.VITE_RELEASE,
  });
}
