import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";
import type { User } from "@/domain/auth";

export const SESSION_STORAGE_KEY = "hk-session";

export interface SessionData {
  accessToken: string | null;
  refreshToken: string | null;
  user: User | null;
  /** The org sent as X-Org-Id; null until known (the server then uses the first membership). */
  activeOrgId: string | null;
}

export interface SessionState extends SessionData {
  setSession: (session: { accessToken: string; refreshToken: string; user: User; activeOrgId?: string | null }) => void;
  setTokens: (tokens: { accessToken: string; refreshToken: string }) => void;
  setActiveOrgId: (orgId: string | null) => void;
  clear: () => void;
}

const empty: SessionData = { accessToken: null, refreshToken: null, user: null, activeOrgId: null };

/** The signed-in session, persisted to localStorage so a reload keeps you signed in. */
export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      ...empty,
      setSession: ({ accessToken, refreshToken, user, activeOrgId = null }) =>
        set({ accessToken, refreshToken, user, activeOrgId }),
      setTokens: ({ accessToken, refreshToken }) => set({ accessToken, refreshToken }),
      setActiveOrgId: (activeOrgId) => set({ activeOrgId }),
      clear: () => set(empty),
    }),
    {
      name: SESSION_STORAGE_KEY,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ accessToken, refreshToken, user, activeOrgId }): SessionData => ({
        accessToken,
        refreshToken,
        user,
        activeOrgId,
      }),
    },
  ),
);

export function isSignedIn(): boolean {
  return Boolean(useSession.getState().accessToken);
}

// Keep tabs in step: a sign-out, refresh or org switch in one tab reaches the others.
if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === SESSION_STORAGE_KEY) void useSession.persist.rehydrate();
  });
}
