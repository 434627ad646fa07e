import * as RadixToast from "@radix-ui/react-toast";
import { CircleAlert, CircleCheck, X } from "lucide-react";
import { cn } from "@/lib/cn";
import { useToastStore, type ToastItem } from "./toastStore";

const tone: Record<ToastItem["variant"], string> = {
  default: "border-zinc-200 dark:border-zinc-700",
  success: "border-emerald-300 dark:border-emerald-800",
  error: "border-red-300 dark:border-red-800",
};

function ToastIcon({ variant }: { variant: ToastItem["variant"] }) {
  if (variant === "success") return <CircleCheck className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden="true" />;
  if (variant === "error") return <CircleAlert className="mt-0.5 size-4 shrink-0 text-red-600" aria-hidden="true" />;
  return null;
}

/** Renders the toasts queued with toast(); mount once near the root. */
export function Toaster() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <RadixToast.Provider swipeDirection="right" duration={5000}>
      {toasts.map((t) => (
        <RadixToast.Root
          key={t.id}
          type={t.variant === "error" || t.action ? "foreground" : "background"}
          duration={t.duration}
          onOpenChange={(open) => {
            if (!open) dismiss(t.id);
          }}
          className={cn(
            "flex items-start gap-3 rounded-lg border bg-white p-4 text-sm shadow-lg data-[state=open]:animate-toast-in",
            "data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x) data-[swipe=end]:translate-x-(--radix-toast-swipe-end-x)",
            "dark:bg-zinc-900",
            tone[t.variant],
          )}
        >
          <ToastIcon variant={t.variant} />
          <div className="min-w-0 flex-1 space-y-0.5">
            <RadixToast.Title className="font-medium text-zinc-900 dark:text-zinc-50">{t.title}</RadixToast.Title>
            {t.description && (
              <RadixToast.Description className="text-zinc-600 dark:text-zinc-400">{t.description}</RadixToast.Description>
            )}
          </div>
          {t.action && (
            <RadixToast.Action
              altText={t.action.altText}
              onClick={t.action.onClick}
              className="-my-1 shrink-0 rounded-md border border-zinc-300 px-2.5 py-1 text-sm font-medium text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-800"
            >
              {t.action.label}
            </RadixToast.Action>
          )}
          <RadixToast.Close
            aria-label="Dismiss"
            className="-m-1 rounded p-1 text-zinc-400 hover:text-zinc-700 dark:hover:text-zinc-200"
          >
            <X className="size-3.5" aria-hidden="true" />
          </RadixToast.Close>
        </RadixToast.Root>
      ))}
      <RadixToast.Viewport className="fixed right-0 bottom-0 z-[100] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
    </RadixToast.Provider>
  );
}
