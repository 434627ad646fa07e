import { useEffect, type RefObject } from "react";

/** The message a form in an iframe posts to the page that embeds it (public/embed.js listens for it). */
export const FORM_HEIGHT_MESSAGE = "hidden-key:form-height";

export interface FormHeightMessage {
  type: typeof FORM_HEIGHT_MESSAGE;
  slug: string;
  height: number;
}

/**
 * When the page runs inside an iframe (embed=1), tells the parent page how tall the content is, now and
 * whenever it changes, so embed.js can size the iframe with no inner scrollbar. The height is all it
 * says, so it is posted to any origin; embed.js checks that it came from the app.
 */
export function usePostHeightToParent(ref: RefObject<HTMLElement | null>, { enabled, slug }: { enabled: boolean; slug: string }) {
  useEffect(() => {
    const element = ref.current;
    if (!enabled || !element || window.parent === window) return;
    let last = -1;
    const post = () => {
      const height = Math.ceil(element.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      const message: FormHeightMessage = { type: FORM_HEIGHT_MESSAGE, slug, height };
      window.parent.postMessage(message, "*");
    };
    post();
    if (typeof ResizeObserver === "undefined") {
      window.addEventListener("resize", post);
      return () => window.removeEventListener("resize", post);
    }
    const observer = new ResizeObserver(post);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, enabled, slug]);
}
