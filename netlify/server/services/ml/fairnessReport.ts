import { sql } from "kysely";
import type { Tx } from "../../db/transactions";

// The fair-housing check of lead scoring: how scores are distributed across ZIP-level groups (the first three
// digits of the lead's ZIP — a ZIP-3 area), so an org can spot disparate impact. The model never sees a ZIP-derived
// field (see ml/features/leadFeatures.ts); this report is how one checks that its scores still don't split by area.
// "Favourable" is grade A or B; a group whose favourable rate is below 4/5 of the best group's (the four-fifths rule
// of US adverse-impact practice) is flagged. Groups with fewer than MIN_GROUP scored leads are pooled as "other".

export const MIN_GROUP = 20;
export const FOUR_FIFTHS = 0.8;
const FAVOURABLE = new Set(["A", "B"]);

export interface ScoredLead {
  zip: string | null;
  score: number;
  grade: string;
}

export interface FairnessGroup {
  group: string;
  leads: number;
  meanScore: number;
  medianScore: number;
  favourableRate: number;
  /** favourableRate ÷ the highest group's favourableRate. */
  impactRatio: number | null;
  flagged: boolean;
  grades: Record<string, number>;
}

export interface FairnessReport {
  scoredLeads: number;
  overallFavourableRate: number;
  groups: FairnessGroup[];
  flaggedGroups: string[];
  method: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Pure: the report for a set of scored leads. */
export function buildFairnessReport(leads: ScoredLead[], minGroup = MIN_GROUP): FairnessReport {
  const byZip3 = new Map<string, ScoredLead[]>();
  for (const l of leads) {
    const key = l.zip && /^\d{3}/.test(l.zip) ? `${l.zip.slice(0, 3)}xx` : "unknown";
    byZip3.set(key, [...(byZip3.get(key) ?? []), l]);
  }
  const pooled: ScoredLead[] = [];
  const groups = new Map<string, ScoredLead[]>();
  for (const [key, members] of byZip3) {
    if (members.length >= minGroup && key !== "unknown") groups.set(key, members);
    else pooled.push(...members);
  }
  if (pooled.length) groups.set("other", pooled);
  const rows = [...groups].map(([group, members]) => {
    const grades: Record<string, number> = {};
    for (const m of members) grades[m.grade] = (grades[m.grade] ?? 0) + 1;
    const favourable = members.filter((m) => FAVOURABLE.has(m.grade)).length;
    return {
      group,
      leads: members.length,
      meanScore: Math.round((members.reduce((s, m) => s + m.score, 0) / members.length) * 10) / 10,
      medianScore: median(members.map((m) => m.score)),
      favourableRate: favourable / members.length,
      grades,
    };
  });
  const comparable = rows.filter((r) => r.group !== "other");
  const best = Math.max(0, ...comparable.map((r) => r.favourableRate));
  const withImpact: FairnessGroup[] = rows
    .map((r) => {
      const impactRatio = r.group === "other" || best === 0 ? null : Math.round((r.favourableRate / best) * 1000) / 1000;
      return { ...r, favourableRate: Math.round(r.favourableRate * 1000) / 1000, impactRatio, flagged: impactRatio !== null && impactRatio < FOUR_FIFTHS };
    })
    .sort((a, b) => (a.group === "other" ? 1 : b.group === "other" ? -1 : a.group.localeCompare(b.group)));
  const favourableAll = leads.filter((l) => FAVOURABLE.has(l.grade)).length;
  return {
    scoredLeads: leads.length,
    overallFavourableRate: leads.length ? Math.round((favourableAll / leads.length) * 1000) / 1000 : 0,
    groups: withImpact,
    flaggedGroups: withImpact.filter((g) => g.flagged).map((g) => g.group),
    method: `Groups are ZIP-3 areas with at least ${minGroup} scored leads (smaller ones pooled as "other"); favourable = grade A or B; a group is flagged when its favourable rate is below ${FOUR_FIFTHS} of the best group's (the four-fifths rule).`,
  };
}

/** The org's scored leads, as the caller sees them (RLS), and their report. */
export async function fairnessReportFor(tx: Tx, orgId: string): Promise<FairnessReport> {
  const rows = await sql<ScoredLead>`
    select l.zip, l.score::float8 as score, h.grade
      from public.leads l
      join lateral (select grade from public.lead_score_history h where h.org_id = l.org_id and h.lead_id = l.id order by h.scored_at desc limit 1) h on true
     where l.org_id = ${orgId} and l.deleted_at is null and l.score is not null`.execute(tx);
  return buildFairnessReport(rows.rows.map((r) => ({ ...r, score: Number(r.score) })));
}
