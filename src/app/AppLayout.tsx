import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { Building2 } from "lucide-react";
import { useEffect } from "react";
import { useMeStore } from "@/features/orgs/meStore";
import { useSession } from "@/lib/session";
import { Button } from "@/ui/Button";
import { Notice } from "@/ui/Notice";
import { Spinner } from "@/ui/Spinner";
import { ErrorBoundary } from "./ErrorBoundary";
import { Sidebar } from "./Sidebar";

/** The signed-in shell: sidebar, then the routed page once we know who you are and which org you are in. */
export function AppLayout() {
  const accessToken = useSession((s) => s.accessToken);
  const navigate = useNavigate();
  const status = useMeStore((s) => s.status);

  // Signed out elsewhere (another tab, an expired refresh token): leave for the sign-in page.
  useEffect(() => {
    if (!accessToken) void navigate({ to: "/login", replace: true });
  }, [accessToken, navigate]);

  useEffect(() => {
    if (accessToken && status === "idle") void useMeStore.getState().load();
  }, [accessToken, status]);

  return (
    <div className="min-h-dvh md:flex">
      <Sidebar />
      <main className="min-w-0 flex-1 px-4 py-6 sm:px-8 sm:py-8">
        <div className="mx-auto max-w-6xl">
          <Content />
        </div>
      </main>
    </div>
  );
}

function Content() {
  const { status, error, me } = useMeStore();
  const activeOrgId = useSession((s) => s.activeOrgId);
  const pathname = useRouterState({ select: (s) => s.location.pathname });

  if (status === "idle" || status === "loading") return <Spinner label="Loading your workspace" />;
  if (status === "error") {
    return (
      <Notice
        title="Couldn't load your workspace"
        action={
          <Button variant="secondary" onClick={() => void useMeStore.getState().load()}>
            Retry
          </Button>
        }
      >
        {error}
      </Notice>
    );
  }
  if (me && me.memberships.length === 0) {
    return (
      <Notice icon={<Building2 className="size-5" aria-hidden="true" />} title="You're not in an organization yet">
        Ask an owner or admin of your firm to add you as a member, then sign in again.
      </Notice>
    );
  }
  // Keyed by org: switching orgs remounts the page, which refetches everything for the new org.
  return (
    <ErrorBoundary key={activeOrgId ?? "none"} resetKey={pathname}>
      <Outlet />
    </ErrorBoundary>
  );
}
