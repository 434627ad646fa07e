import type { ReactNode } from "react";
import { Card } from "./Card";

/** A centred message in a card: empty states, missing access, failed loads. */
export function Notice({ icon, title, children, action }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Card className="flex flex-col items-center gap-3 px-6 py-14 text-center">
      {icon && <div className="grid size-10 place-items-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">{icon}</div>}
      <div className="space-y-1">
        <h2 className="text-base font-semibold">{title}</h2>
        {children && <div className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">{children}</div>}
      </div>
      {action}
    </Card>
  );
}
