import { ShieldAlert } from "lucide-react";
import type { ReactNode } from "react";
import { canManageMembers, useActiveMembership } from "@/features/orgs/useActiveMembership";
import { Notice } from "@/ui/Notice";
import { PageHeader } from "@/ui/PageHeader";

/** Renders children for owners and admins; everyone else gets an explanation (and no requests are made). */
export function ManagersOnly({ title, children }: { title: string; children: ReactNode }) {
  const membership = useActiveMembership();
  if (!canManageMembers(membership?.role)) {
    return (
      <>
        <PageHeader title={title} />
        <Notice icon={<ShieldAlert className="size-5" aria-hidden="true" />} title="Owners and admins only">
          Ask an owner or admin of {membership?.orgName ?? "this organization"} to manage its lead sources.
        </Notice>
      </>
    );
  }
  return children;
}
