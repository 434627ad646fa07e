import { Moon, Sun } from "lucide-react";
import { Button } from "@/ui/Button";
import { resolveTheme, toggleTheme, useTheme } from "./theme";

export function ThemeToggle() {
  const dark = useTheme((s) => resolveTheme(s.preference) === "dark");
  return (
    <Button variant="ghost" size="sm" aria-label="Dark mode" aria-pressed={dark} onClick={toggleTheme} title="Toggle dark mode">
      {dark ? <Moon className="size-4" aria-hidden="true" /> : <Sun className="size-4" aria-hidden="true" />}
    </Button>
  );
}
