import { create } from "zustand";

export type ToastVariant = "default" | "success" | "error";

export interface ToastInput {
  title: string;
  description?: string;
  variant?: ToastVariant;
}

export interface ToastItem extends Required<Pick<ToastInput, "title" | "variant">> {
  id: number;
  description?: string;
}

interface ToastState {
  toasts: ToastItem[];
  add: (toast: ToastInput) => number;
  dismiss: (id: number) => void;
}

let nextId = 1;
const MAX_VISIBLE = 4;

export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  add: ({ title, description, variant = "default" }) => {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts, { id, title, description, variant }].slice(-MAX_VISIBLE) }));
    return id;
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));

/** Shows a toast from anywhere: toast({ title: "Lead added", variant: "success" }). */
export function toast(input: ToastInput): number {
  return useToastStore.getState().add(input);
}

/** The toast function as a hook, for components that prefer hooks. */
export function useToast(): typeof toast {
  return toast;
}
