import { FileQuestion, Lock } from "lucide-react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { PublicLeadForm as PublicLeadFormData } from "@/domain/leadForms";
import { errorMessage, isApiError } from "@/lib/apiError";
import { cn } from "@/lib/cn";
import { isAbortError } from "@/lib/http";
import { Button } from "@/ui/Button";
import { Card } from "@/ui/Card";
import { Spinner } from "@/ui/Spinner";
import { usePostHeightToParent } from "./embedMessages";
import { getPublicForm } from "./publicFormsApi";
import { PublicLeadForm } from "./PublicLeadForm";
import type { UtmParams } from "./utm";

type FormState =
  | { status: "loading" }
  | { status: "ready"; form: PublicLeadFormData }
  | { status: "missing" }
  | { status: "error"; message: string };

function usePublicForm(slug: string) {
  const [state, setState] = useState<FormState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    getPublicForm(slug, controller.signal).then(
      (form) => setState({ status: "ready", form }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        setState(isApiError(error) && error.status === 404 ? { status: "missing" } : { status: "error", message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [slug, attempt]);
  const retry = () => {
    setState({ status: "loading" });
    setAttempt((n) => n + 1);
  };
  return { state, retry };
}

/**
 * The public page of a lead form (/f/:slug), outside the signed-in app. With embed=1 it drops the page
 * chrome and reports its height to the page embedding it (public/embed.js).
 */
export function PublicFormPage({ slug, embed, utm }: { slug: string; embed: boolean; utm: UtmParams }) {
  const { state, retry } = usePublicForm(slug);
  const content = useRef<HTMLDivElement>(null);
  usePostHeightToParent(content, { enabled: embed, slug });
  useEmbedLook(embed);

  const form = state.status === "ready" ? state.form : null;
  useEffect(() => {
    if (state.status === "missing") document.title = "Form not available";
    else if (form) document.title = `${form.headline || form.name} · ${form.orgName}`;
  }, [state.status, form]);

  let body: ReactNode;
  if (state.status === "loading") {
    body = (
      <div className="flex justify-center py-16">
        <Spinner label="Loading the form" />
      </div>
    );
  } else if (state.status === "missing") {
    body = <Unavailable />;
  } else if (state.status === "error") {
    body = (
      <Card className="flex flex-col items-center gap-3 px-6 py-12 text-center">
        <h1 className="text-lg font-semibold">We couldn't load this form</h1>
        <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">{state.message}</p>
        <Button variant="secondary" onClick={retry}>
          Try again
        </Button>
      </Card>
    );
  } else {
    body = <Landing form={state.form} utm={utm} embed={embed} />;
  }

  if (embed) {
    return (
      <div ref={content} className="p-1">
        {body}
      </div>
    );
  }
  return (
    <div ref={content} className="flex min-h-dvh flex-col bg-linear-to-b from-white to-zinc-100 dark:from-zinc-900 dark:to-zinc-950">
      {form && (
        <header className="border-b border-zinc-200 bg-white/80 dark:border-zinc-800 dark:bg-zinc-900/80">
          <div className="mx-auto flex max-w-xl items-center gap-2.5 px-4 py-3">
            <span
              aria-hidden="true"
              className="grid size-8 place-items-center rounded-md bg-accent-600 text-sm font-semibold text-white uppercase"
            >
              {form.orgName.trim().charAt(0)}
            </span>
            <span className="truncate font-semibold tracking-tight">{form.orgName}</span>
          </div>
        </header>
      )}
      <main className="mx-auto w-full max-w-xl flex-1 px-4 py-8 sm:py-12">{body}</main>
      <footer className="px-4 pb-6 text-center text-xs text-zinc-400 dark:text-zinc-500">Powered by Hidden Key</footer>
    </div>
  );
}

function Landing({ form, utm, embed }: { form: PublicLeadFormData; utm: UtmParams; embed: boolean }) {
  const [sent, setSent] = useState(false);
  return (
    <div className={cn("space-y-6", embed && "space-y-4")}>
      <div className="space-y-2">
        <h1 className={cn("font-bold tracking-tight text-balance", embed ? "text-2xl" : "text-3xl sm:text-4xl")}>{form.headline || form.name}</h1>
        {!sent && (
          <>
            <p className="text-base text-zinc-600 dark:text-zinc-400">Tell us a little about you and your property. It takes about a minute.</p>
            <p className="flex items-center gap-1.5 text-sm text-zinc-500 dark:text-zinc-400">
              <Lock className="size-3.5 shrink-0" aria-hidden="true" />
              Your details go straight to {form.orgName}.
            </p>
          </>
        )}
      </div>
      <Card className="p-5 sm:p-6">
        <PublicLeadForm form={form} utm={utm} onSent={() => setSent(true)} />
      </Card>
    </div>
  );
}

function Unavailable() {
  return (
    <Card className="flex flex-col items-center gap-3 px-6 py-14 text-center">
      <div className="grid size-10 place-items-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
        <FileQuestion className="size-5" aria-hidden="true" />
      </div>
      <h1 className="text-lg font-semibold">This form isn't available</h1>
      <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
        The link may be out of date, or the form has been switched off. If you were trying to reach someone about your property,
        please contact them another way.
      </p>
    </Card>
  );
}

/** Inside another site's page: light colours and a see-through background, whatever the visitor's theme. */
function useEmbedLook(embed: boolean) {
  useEffect(() => {
    if (!embed) return;
    const root = document.documentElement;
    const hadDark = root.classList.contains("dark");
    const background = document.body.style.background;
    root.classList.remove("dark");
    root.style.colorScheme = "light";
    document.body.style.background = "transparent";
    return () => {
      if (hadDark) root.classList.add("dark");
      root.style.colorScheme = "";
      document.body.style.background = background;
    };
  }, [embed]);
}
