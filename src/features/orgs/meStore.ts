import { create } from "zustand";
import type { MeResponse } from "@/domain/auth";
import { errorMessage } from "@/lib/apiError";
import { useSession } from "@/lib/session";
import { getMe } from "./orgsApi";

interface MeState {
  me: MeResponse | null;
  status: "idle" | "loading" | "ready" | "error";
  error: string | null;
  /** Fetches GET /api/me and makes sure the active org is one of the memberships. */
  load: () => Promise<void>;
  reset: () => void;
}

let generation = 0;

export const useMeStore = create<MeState>()((set) => ({
  me: null,
  status: "idle",
  error: null,
  load: async () => {
    const mine = ++generation;
    set((s) => ({ status: s.me ? s.status : "loading", error: null }));
    try {
      const me = await getMe();
      if (mine !== generation) return;
      const session = useSession.getState();
      const active = me.memberships.some((m) => m.orgId === session.activeOrgId);
      if (!active) session.setActiveOrgId(me.memberships[0]?.orgId ?? null);
      set({ me, status: "ready", error: null });
    } catch (error) {
      if (mine !== generation) return;
      set({ status: "error", error: errorMessage(error) });
    }
  },
  reset: () => {
    generation++;
    set({ me: null, status: "idle", error: null });
  },
}));

// Whoever signs in next must not see the previous person's memberships.
useSession.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id || !state.accessToken) useMeStore.getState().reset();
});
