import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Building2, Check, ChevronsUpDown } from "lucide-react";
import type { Membership } from "@/domain/auth";
import { useSession } from "@/lib/session";
import { useMeStore } from "./meStore";
import { ROLE_LABELS } from "./roleLabels";
import { useActiveMembership } from "./useActiveMembership";

const NO_MEMBERSHIPS: Membership[] = [];

/** Lists the orgs you belong to; picking one makes it the active org (X-Org-Id) and reloads the page's data. */
export function OrgSwitcher() {
  const memberships = useMeStore((s) => s.me?.memberships ?? NO_MEMBERSHIPS);
  const active = useActiveMembership();
  const setActiveOrgId = useSession((s) => s.setActiveOrgId);

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={active ? `Switch organization (current: ${active.orgName})` : "Switch organization"}
        className="flex w-full items-center gap-2.5 rounded-md border border-zinc-200 bg-white px-2.5 py-2 text-left text-sm shadow-sm hover:bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:bg-zinc-800"
      >
        <Building2 className="size-4 shrink-0 text-zinc-500" aria-hidden="true" />
        <span className="min-w-0 flex-1">
          <span className="block truncate font-medium">{active?.orgName ?? "Select organization"}</span>
          {active && <span className="block text-xs text-zinc-500 dark:text-zinc-400">{ROLE_LABELS[active.role]}</span>}
        </span>
        <ChevronsUpDown className="size-4 shrink-0 text-zinc-400" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={6}
          className="z-50 min-w-(--radix-dropdown-menu-trigger-width) rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
        >
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">
            Organizations
          </DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={active?.orgId ?? ""} onValueChange={(orgId) => setActiveOrgId(orgId)}>
            {memberships.map((m) => (
              <DropdownMenu.RadioItem
                key={m.orgId}
                value={m.orgId}
                className="flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm outline-none select-none data-highlighted:bg-zinc-100 dark:data-highlighted:bg-zinc-800"
              >
                <span className="grid size-4 place-items-center">
                  <DropdownMenu.ItemIndicator>
                    <Check className="size-4 text-accent-600" aria-hidden="true" />
                  </DropdownMenu.ItemIndicator>
                </span>
                <span className="flex-1 truncate">{m.orgName}</span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">{ROLE_LABELS[m.role]}</span>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
