import { X } from "lucide-react";
import { useId, useState, type KeyboardEvent } from "react";
import * as Label from "@radix-ui/react-label";
import { cn } from "@/lib/cn";

export interface ChipInputProps {
  label: string;
  value: string[];
  onChange: (next: string[]) => void;
  /** Turns typed text into a chip value, or returns an error message for text that can't be one. */
  parse: (text: string) => { value: string } | { error: string };
  placeholder?: string;
  hint?: string;
  /** A validation error from the form (e.g. the server's). */
  error?: string;
  inputMode?: "text" | "numeric";
  maxLength?: number;
  /** A comma separates values (off for cities: "Austin, TX" is one). */
  commaSeparates?: boolean;
}

/**
 * A list of short values (states, cities, ZIPs) typed one at a time: Enter, a comma (where it separates) or leaving the box adds what
 * was typed as a chip; Backspace in an empty box removes the last one; each chip has its own remove button.
 */
export function ChipInput({ label, value, onChange, parse, placeholder, hint, error, inputMode, maxLength, commaSeparates = true }: ChipInputProps) {
  const id = useId();
  const [text, setText] = useState("");
  const [local, setLocal] = useState<string | null>(null);
  const message = local ?? error;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  function commit(raw: string): boolean {
    const parts = raw.split(commaSeparates ? /[,;\n]/ : /[;\n]/).map((p) => p.trim()).filter(Boolean);
    if (parts.length === 0) return true;
    const next = [...value];
    for (const part of parts) {
      const parsed = parse(part);
      if ("error" in parsed) {
        setLocal(`"${part}" ${parsed.error}`);
        onChange(next);
        setText(part);
        return false;
      }
      if (!next.some((v) => v.toLowerCase() === parsed.value.toLowerCase())) next.push(parsed.value);
    }
    setLocal(null);
    setText("");
    onChange(next);
    return true;
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || (commaSeparates && event.key === ",")) {
      event.preventDefault();
      commit(text);
    } else if (event.key === "Backspace" && text === "" && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div className="space-y-1.5">
      <Label.Root htmlFor={id} className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </Label.Root>
      <div
        className={cn(
          "flex min-h-9 flex-wrap items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-2 py-1 shadow-sm focus-within:border-accent-500 focus-within:ring-2 focus-within:ring-accent-500/30",
          "dark:border-zinc-700 dark:bg-zinc-900",
          message && "border-red-500 focus-within:ring-red-500/30",
        )}
      >
        {value.length > 0 && (
          <ul aria-label={`Selected ${label.toLowerCase()}`} className="contents">
            {value.map((item) => (
              <li key={item} className="inline-flex items-center gap-1 rounded-full bg-zinc-100 py-0.5 pr-1 pl-2.5 text-xs font-medium text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100">
                {item}
                <button
                  type="button"
                  aria-label={`Remove ${item}`}
                  onClick={() => onChange(value.filter((v) => v !== item))}
                  className="rounded-full p-0.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
                >
                  <X className="size-3" aria-hidden="true" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          value={text}
          inputMode={inputMode}
          maxLength={maxLength}
          placeholder={value.length === 0 ? placeholder : undefined}
          aria-invalid={message ? true : undefined}
          aria-describedby={[hint && !message ? hintId : null, message ? errorId : null].filter(Boolean).join(" ") || undefined}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value);
            if (local) setLocal(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => commit(text)}
          className="h-7 min-w-24 flex-1 border-0 bg-transparent p-0 text-sm text-zinc-900 placeholder:text-zinc-400 focus:ring-0 focus:outline-none dark:text-zinc-100"
        />
      </div>
      {hint && !message && (
        <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {message && (
        <p id={errorId} className="text-xs font-medium text-red-600 dark:text-red-400">
          {message}
        </p>
      )}
    </div>
  );
}

/** Chip parsers matching the API's rules for markets. */
export const parseState = (text: string) => (/^[A-Za-z]{2}$/.test(text) ? { value: text.toUpperCase() } : { error: "isn't a two-letter state code" });
export const parseZip = (text: string) => (/^\d{5}$/.test(text) ? { value: text } : { error: "isn't a 5-digit ZIP code" });
export const parseCity = (text: string) => (text.length <= 100 ? { value: text } : { error: "is too long" });
