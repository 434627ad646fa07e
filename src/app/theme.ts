import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

export type ThemePreference = "light" | "dark" | "system";

interface ThemeState {
  preference: ThemePreference;
  setPreference: (preference: ThemePreference) => void;
}

/** Kept in step with public/theme-init.js, which applies the theme before the first paint. */
export const THEME_STORAGE_KEY = "hk-theme";

export const useTheme = create<ThemeState>()(
  persist((set) => ({ preference: "system", setPreference: (preference) => set({ preference }) }), {
    name: THEME_STORAGE_KEY,
    storage: createJSONStorage(() => localStorage),
  }),
);

const darkQuery = () => window.matchMedia?.("(prefers-color-scheme: dark)");

export function resolveTheme(preference: ThemePreference): "light" | "dark" {
  if (preference !== "system") return preference;
  return darkQuery()?.matches ? "dark" : "light";
}

function apply(): void {
  document.documentElement.classList.toggle("dark", resolveTheme(useTheme.getState().preference) === "dark");
}

/** Puts `dark` on <html> now and whenever the preference (or, on "system", the OS setting) changes. */
export function startTheme(): void {
  apply();
  useTheme.subscribe(apply);
  darkQuery()?.addEventListener?.("change", apply);
}

/** Flips between light and dark, starting from what is on screen now. */
export function toggleTheme(): void {
  const current = resolveTheme(useTheme.getState().preference);
  useTheme.getState().setPreference(current === "dark" ? "light" : "dark");
}
