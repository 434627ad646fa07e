// Human names for the lead model's features (ml/features/leadFeatures.ts FEATURE_SPEC, whose descriptions are
// written for the trainer) and how to show a feature's value at scoring time. An unknown feature name falls back to
// its camelCase split into words, so a feature added on the server still reads sensibly.

type Kind = "flag" | "count" | "days" | "minutes" | "money" | "percent" | "ratio" | "text" | "hour" | "weekday" | "number" | "sqft";

const FEATURES: Record<string, { label: string; kind: Kind }> = {
  source: { label: "Lead source", kind: "text" },
  emailValid: { label: "Email is valid", kind: "flag" },
  emailDisposable: { label: "Disposable email address", kind: "flag" },
  emailFree: { label: "Free webmail address", kind: "flag" },
  phoneValid: { label: "Phone is valid", kind: "flag" },
  phoneMobile: { label: "Phone is a mobile", kind: "flag" },
  reachable: { label: "Reachable by phone or email", kind: "flag" },
  propertyKnown: { label: "Property record found", kind: "flag" },
  estimatedValue: { label: "Estimated property value", kind: "money" },
  equityPercent: { label: "Owner equity", kind: "percent" },
  yearsOwned: { label: "Years owned", kind: "number" },
  beds: { label: "Bedrooms", kind: "number" },
  baths: { label: "Bathrooms", kind: "number" },
  sqft: { label: "Living area", kind: "sqft" },
  propertyType: { label: "Property type", kind: "text" },
  absenteeOwner: { label: "Absentee owner", kind: "flag" },
  taxDelinquent: { label: "Taxes delinquent", kind: "flag" },
  vacant: { label: "Property vacant", kind: "flag" },
  matchingInvestors: { label: "Investors whose buy box matches", kind: "count" },
  daysSinceCreated: { label: "Age of the lead", kind: "days" },
  createdHourUtc: { label: "Hour the lead came in (UTC)", kind: "hour" },
  createdDayOfWeek: { label: "Day the lead came in", kind: "weekday" },
  firstResponseMinutes: { label: "Time to first response", kind: "minutes" },
  touchesOut: { label: "Calls, texts and emails sent", kind: "count" },
  touchesOut7d: { label: "Touches sent in the last 7 days", kind: "count" },
  touchesOut30d: { label: "Touches sent in the last 30 days", kind: "count" },
  replies: { label: "Replies from the lead", kind: "count" },
  replies7d: { label: "Replies in the last 7 days", kind: "count" },
  replies30d: { label: "Replies in the last 30 days", kind: "count" },
  replyRate: { label: "Reply rate", kind: "ratio" },
  daysSinceLastTouch: { label: "Time since the last touch", kind: "days" },
  daysSinceLastReply: { label: "Time since the last reply", kind: "days" },
  status: { label: "Lead status", kind: "text" },
  daysInStatus: { label: "Time in the current status", kind: "days" },
  statusChanges: { label: "Status changes", kind: "count" },
};

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "firstResponseMinutes" → "First response minutes". */
const words = (name: string) => {
  const s = name.replace(/([a-z])([A-Z0-9])/g, "$1 $2").toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export function featureLabel(feature: string): string {
  return FEATURES[feature]?.label ?? words(feature);
}

const round1 = (n: number) => (Math.abs(n) >= 10 ? Math.round(n).toLocaleString("en-US") : (Math.round(n * 10) / 10).toLocaleString("en-US"));

function duration(days: number): string {
  if (days < 1 / 24) return `${Math.max(1, Math.round(days * 24 * 60))} min`;
  if (days < 1) return `${Math.round(days * 24)} h`;
  const d = Math.round(days);
  return `${d} day${d === 1 ? "" : "s"}`;
}

/** A feature's value as a person reads it; `null` (unknown at scoring time) → "unknown" or "not checked". */
export function formatFeatureValue(feature: string, value: number | string | null): string {
  const kind = FEATURES[feature]?.kind ?? (typeof value === "string" ? "text" : "number");
  if (value === null || value === "") {
    if (feature.startsWith("phone")) return "no phone or not checked";
    if (feature.startsWith("email")) return "no email or not checked";
    if (feature === "reachable") return "not checked yet";
    if (kind === "flag") return "unknown";
    if (kind === "minutes") return "no response yet";
    if (feature === "daysSinceLastTouch" || feature === "daysSinceLastReply") return "never";
    if (feature === "replyRate") return "nothing sent yet";
    return "unknown";
  }
  if (typeof value === "string") return value.replace(/_/g, " ");
  switch (kind) {
    case "flag":
      return value >= 0.5 ? "yes" : "no";
    case "money":
      return `$${Math.round(value).toLocaleString("en-US")}`;
    case "percent":
      return `${Math.round(value)}%`;
    case "ratio":
      return `${Math.round(value * 100)}%`;
    case "days":
      return duration(value);
    case "minutes":
      return duration(value / (24 * 60));
    case "hour":
      return `${String(Math.round(value)).padStart(2, "0")}:00`;
    case "weekday":
      return WEEKDAYS[Math.round(value)] ?? String(value);
    case "sqft":
      return `${Math.round(value).toLocaleString("en-US")} sq ft`;
    case "count":
      return Math.round(value).toLocaleString("en-US");
    default:
      return round1(value);
  }
}
