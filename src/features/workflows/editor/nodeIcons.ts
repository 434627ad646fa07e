import { CircleDot, CircleStop, Clock, GitBranch, KanbanSquare, ListTodo, Mail, MessageSquare, PencilLine, Sparkles, StickyNote, UserRound, Webhook, Zap, type LucideIcon } from "lucide-react";
import type { NodeType } from "@/domain/workflows";

export const NODE_ICONS: Record<NodeType, LucideIcon> = {
  trigger: Zap,
  send_sms: MessageSquare,
  send_email: Mail,
  update_field: PencilLine,
  change_status: CircleDot,
  move_stage: KanbanSquare,
  assign: UserRound,
  create_task: ListTodo,
  add_note: StickyNote,
  wait: Clock,
  branch: GitBranch,
  webhook: Webhook,
  enrich: Sparkles,
  stop_on: CircleStop,
};
