import { resolveTheme, useTheme } from "@/app/theme";

/** React Flow's colour mode, following the app's theme. */
export function useFlowColorMode(): "light" | "dark" {
  const preference = useTheme((s) => s.preference);
  return resolveTheme(preference);
}
