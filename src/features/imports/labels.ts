import { IMPORT_TARGETS, type ImportTarget } from "@/domain/imports";

export const IMPORT_TARGET_LABELS: Record<ImportTarget, string> = {
  firstName: "First name",
  lastName: "Last name",
  fullName: "Full name",
  email: "Email",
  phone: "Phone",
  source: "Source",
  notes: "Notes",
  tags: "Tags",
  street: "Street",
  city: "City",
  state: "State",
  zip: "ZIP",
  addressLine: "Full address (one line)",
};

export const IMPORT_TARGET_HINTS: Partial<Record<ImportTarget, string>> = {
  source: "Defaults to “CSV: <file name>”.",
  tags: "Separated by commas.",
  addressLine: "Used when street, city, state and ZIP aren't mapped.",
};

export const IMPORT_FIELDS = IMPORT_TARGETS.map((target) => ({ target, label: IMPORT_TARGET_LABELS[target] }));

/** Names a preview error's field ("email", "address.zip") for people. */
export function errorFieldLabel(field: string): string {
  if (field === "body") return "Row";
  const name = field.split(".").filter((part) => !/^\d+$/.test(part)).at(-1) ?? field;
  return (IMPORT_TARGET_LABELS as Record<string, string>)[name] ?? name;
}

export const IMPORT_STEPS = ["Choose a CSV file", "Match columns", "Preview", "Importing", "Done"] as const;
