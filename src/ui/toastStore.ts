import { create } from "zustand";

export type ToastVariant = "default" | "success" | "error";

/** A button in the toast (e.g. "Undo"); clicking it runs onClick and closes the toast. */
export interface ToastAction {
  label: string;
  /** What a screen reader user is told to do instead, since a toast may vanish before it is reached. */
  altText: string;
  onClick: () => void;
}

export interface ToastInput {
  title: string;
  description?: string;
  variant?: ToastVariant;
  action?: ToastAction;
  /** How long it stays, in ms (default: the Toaster's). */
  duration?: number;
}

export interface ToastItem extends Required<Pick<ToastInput, "title" | "variant">> {
  id: number;
  description?: string;
  action?: ToastAction;
  duration?: number;
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
  add: ({ title, description, variant = "default", action, duration }) => {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts, { id, title, description, variant, action, duration }].slice(-MAX_VISIBLE) }));
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
