import type { ReactNode } from "react";
import { BrandMark } from "@/ui/BrandMark";
import { Card } from "@/ui/Card";

/** The centred card the sign-in and sign-up pages share. */
export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm space-y-6">
        <div className="flex flex-col items-center gap-3 text-center">
          <BrandMark />
          <div className="space-y-1">
            <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">{subtitle}</p>
          </div>
        </div>
        <Card className="p-6">{children}</Card>
        <div className="text-center text-sm text-zinc-600 dark:text-zinc-400">{footer}</div>
      </div>
    </main>
  );
}
