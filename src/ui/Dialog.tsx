import * as RadixDialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

export const Dialog = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

export interface DialogContentProps {
  title: string;
  description?: string;
  className?: string;
  /** Keeps the dialog open on a click outside it (Escape and the close button still work): for content shown only once. */
  preventOutsideClose?: boolean;
  children: ReactNode;
}

/** A centred modal with a title, optional description and a close button. */
export function DialogContent({ title, description, className, preventOutsideClose, children }: DialogContentProps) {
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/50 backdrop-blur-[1px] data-[state=open]:animate-overlay-in" />
      <RadixDialog.Content
        // Without a description Radix wants aria-describedby explicitly cleared.
        {...(description ? {} : { "aria-describedby": undefined })}
        onInteractOutside={preventOutsideClose ? (event) => event.preventDefault() : undefined}
        className={cn(
          "fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto",
          "rounded-lg border border-zinc-200 bg-white p-6 shadow-xl data-[state=open]:animate-dialog-in",
          "dark:border-zinc-800 dark:bg-zinc-900",
          className,
        )}
      >
        <div className="mb-5 flex items-start justify-between gap-4">
          <div className="space-y-1">
            <RadixDialog.Title className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">{title}</RadixDialog.Title>
            {description && (
              <RadixDialog.Description className="text-sm text-zinc-500 dark:text-zinc-400">{description}</RadixDialog.Description>
            )}
          </div>
          <RadixDialog.Close
            aria-label="Close"
            className="-m-1 rounded-md p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            <X className="size-4" aria-hidden="true" />
          </RadixDialog.Close>
        </div>
        {children}
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}
