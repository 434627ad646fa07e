export const showDemoHint = import.meta.env.DEV || import.meta.env.VITE_SHOW_DEMO_HINT === "true";

/** The seeded demo account, shown in development and on demo deployments. */
export function DemoHint() {
  if (!showDemoHint) return null;
  return (
    <p className="rounded-md border border-dashed border-accent-300 bg-accent-50 px-3 py-2 text-center text-xs text-accent-900 dark:border-accent-800 dark:bg-accent-950/40 dark:text-accent-200">
      Demo: agent@demo.test / demo-pass-2026
    </p>
  );
}
