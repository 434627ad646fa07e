import { Link, useNavigate, useRouterState } from "@tanstack/react-router";
import { LogOut } from "lucide-react";
import { signOut } from "@/features/auth/signOut";
import { NotificationsBell } from "@/features/notifications/NotificationsBell";
import { OrgSwitcher } from "@/features/orgs/OrgSwitcher";
import { useActiveMembership } from "@/features/orgs/useActiveMembership";
import { useSession } from "@/lib/session";
import { BrandMark } from "@/ui/BrandMark";
import { Button } from "@/ui/Button";
import { activeNavTarget, navGroupsFor } from "./navigation";
import { ThemeToggle } from "./ThemeToggle";

export function Sidebar() {
  const membership = useActiveMembership();
  const email = useSession((s) => s.user?.email);
  const navigate = useNavigate();
  const groups = navGroupsFor(membership?.role);
  // Only the closest entry lights up: /leads/import is Import leads, not also Leads.
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const activeTo = activeNavTarget(groups.flatMap((g) => g.items), pathname);

  return (
    <aside className="flex flex-col gap-5 border-b border-zinc-200 bg-white px-4 py-4 md:sticky md:top-0 md:h-dvh md:w-64 md:shrink-0 md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="px-1">
        <BrandMark />
      </div>
      <OrgSwitcher />
      <nav aria-label="Main" className="flex flex-1 flex-wrap gap-1 md:flex-col md:flex-nowrap md:gap-5">
        {groups.map(({ group, label, items }) => (
          <div key={group} className="contents md:block">
            {label && (
              <h2
                id={`nav-${group}`}
                className="hidden px-2.5 pb-1.5 text-xs font-medium tracking-wide text-zinc-500 uppercase md:block dark:text-zinc-400"
              >
                {label}
              </h2>
            )}
            <ul className="flex gap-1 md:flex-col" aria-labelledby={label ? `nav-${group}` : undefined}>
              {items.map(({ to, label: itemLabel, icon: Icon }) => (
                <li key={to}>
                  <Link
                    to={to}
                    activeOptions={{ exact: to !== activeTo }}
                    className="flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 data-[status=active]:bg-accent-50 data-[status=active]:text-accent-700 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:data-[status=active]:bg-accent-950/50 dark:data-[status=active]:text-accent-300"
                  >
                    <Icon className="size-4" aria-hidden="true" />
                    {itemLabel}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="space-y-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <p className="truncate px-1 text-sm text-zinc-600 dark:text-zinc-400" title={email}>
          {email}
        </p>
        <div className="flex items-center justify-between gap-2">
          <div className="flex items-center gap-1">
            <ThemeToggle />
            <NotificationsBell />
          </div>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              signOut();
              void navigate({ to: "/login" });
            }}
          >
            <LogOut className="size-4" aria-hidden="true" />
            Sign out
          </Button>
        </div>
      </div>
    </aside>
  );
}
