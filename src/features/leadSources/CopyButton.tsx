import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { Button, type ButtonProps } from "@/ui/Button";
import { toast } from "@/ui/toastStore";

/**
 * Copies `text` to the clipboard. `label` ("Copy secret") is the button's text, or, with iconOnly, its
 * aria-label and tooltip (so a visible button's name never doubles as a label for a nearby field).
 */
export function CopyButton({
  text,
  label,
  iconOnly = false,
  variant = "secondary",
  size = "sm",
  className,
}: {
  text: string;
  label: string;
  /** Just the icon, with the label as aria-label and tooltip. */
  iconOnly?: boolean;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  className?: string;
}) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setCopied(true);
      toast({ title: "Copied to clipboard", variant: "success" });
    } catch {
      toast({ title: "Couldn't copy", description: "Select the text and copy it yourself.", variant: "error" });
    }
  }

  return (
    <Button
      variant={variant}
      size={size}
      aria-label={iconOnly ? label : undefined}
      title={iconOnly ? label : undefined}
      className={className}
      onClick={() => void copy()}
    >
      {copied ? <Check className="size-4 text-emerald-600" aria-hidden="true" /> : <Copy className="size-4" aria-hidden="true" />}
      {!iconOnly && label}
    </Button>
  );
}
