// First: configures zod before any schema module is evaluated.
import "./zodConfig";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "@/app/App";
import { createAppRouter } from "@/app/router";
import { initSentry } from "@/app/sentry";
import { startTheme } from "@/app/theme";
import { setSessionExpiredHandler } from "@/lib/api";
import "./styles.css";

initSentry();
startTheme();

const router = createAppRouter();
setSessionExpiredHandler(() => {
  if (router.state.location.pathname !== "/login") void router.navigate({ to: "/login", replace: true });
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App router={router} />
  </StrictMode>,
);
