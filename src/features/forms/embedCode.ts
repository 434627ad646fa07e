import type { LeadForm } from "@/domain/leadForms";

/** Where visitors fill in the form: this app's origin and the form's public path. */
export function publicFormUrl(form: Pick<LeadForm, "publicPath">, origin = window.location.origin): string {
  return `${origin}${form.publicPath}`;
}

/** The one line a website pastes to show the form (public/embed.js). */
export function embedSnippet(form: Pick<LeadForm, "slug">, origin = window.location.origin): string {
  return `<script src="${origin}/embed.js" data-form="${form.slug}" async></script>`;
}
