import { RouterProvider } from "@tanstack/react-router";
import { Toaster } from "@/ui/Toaster";
import type { AppRouter } from "./router";

export function App({ router }: { router: AppRouter }) {
  return (
    <>
      <RouterProvider router={router} />
      <Toaster />
    </>
  );
}
