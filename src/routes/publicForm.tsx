import { createRoute } from "@tanstack/react-router";
import { PublicFormPage } from "@/features/forms/PublicFormPage";
import { pickUtm, type UtmParams } from "@/features/forms/utm";
import { rootRoute } from "./root";

export type PublicFormSearch = UtmParams & {
  /** "1" inside the iframe public/embed.js inserts. */
  embed?: "1";
};

/** A lead form's public page: no session, no sidebar. */
export const publicFormRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/f/$formSlug",
  validateSearch: (search: Record<string, unknown>): PublicFormSearch => ({
    ...(search.embed === "1" || search.embed === "true" ? { embed: "1" as const } : {}),
    ...pickUtm(search),
  }),
  component: function PublicFormRoute() {
    const { formSlug } = publicFormRoute.useParams();
    // The router keeps the query's other keys (gclid, fbclid…) beside the validated ones: pick the tags again.
    const search = publicFormRoute.useSearch();
    // Keyed by slug: another form starts afresh (and gets its own startedAt).
    return <PublicFormPage key={formSlug} slug={formSlug} embed={search.embed === "1"} utm={pickUtm(search)} />;
  },
});
