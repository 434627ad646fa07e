import { useCallback, useEffect, useState } from "react";
import type { AddMemberRequest, Member } from "@/domain/orgs";
import type { OrgRole } from "@/domain/roles";
import { errorMessage } from "@/lib/apiError";
import { isAbortError } from "@/lib/http";
import { addMember, listMembers, removeMember, updateMemberRole } from "./orgsApi";

type MembersState =
  | { status: "loading"; members: Member[] }
  | { status: "ready"; members: Member[] }
  | { status: "error"; members: Member[]; error: string };

/** The active org's members and the actions on them; mutations throw ApiError for the caller to show. */
export function useMembers() {
  const [state, setState] = useState<MembersState>({ status: "loading", members: [] });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listMembers(controller.signal).then(
      (members) => setState({ status: "ready", members }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: "error", members: [], error: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: "loading", members: [] });
    setAttempt((n) => n + 1);
  }, []);

  const add = useCallback(async (request: AddMemberRequest) => {
    const member = await addMember(request);
    setState((s) => ({ ...s, members: [...s.members.filter((m) => m.userId !== member.userId), member] }));
    return member;
  }, []);

  const changeRole = useCallback(async (userId: string, role: OrgRole) => {
    const member = await updateMemberRole(userId, role);
    setState((s) => ({ ...s, members: s.members.map((m) => (m.userId === userId ? { ...m, ...member } : m)) }));
    return member;
  }, []);

  const remove = useCallback(async (userId: string) => {
    await removeMember(userId);
    setState((s) => ({ ...s, members: s.members.filter((m) => m.userId !== userId) }));
  }, []);

  return { ...state, retry, add, changeRole, remove };
}
