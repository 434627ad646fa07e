/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Supabase project URL. With VITE_SUPABASE_ANON_KEY, switches sign-in to Supabase Auth. */
  readonly VITE_SUPABASE_URL?: string;
  readonly VITE_SUPABASE_ANON_KEY?: string;
  /** Sentry DSN for the browser; Sentry stays off without it. */
  readonly VITE_SENTRY_DSN?: string;
  /** "true" shows the demo credentials on the sign-in page outside development. */
  readonly VITE_SHOW_DEMO_HINT?: string;
  /** Release name reported to Sentry (e.g. the commit). */
  readonly VITE_RELEASE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
