// The in-memory table the trainer consumes: one Float64Array per feature (numeric value, or category code for
// categorical features), NaN meaning missing, plus the labels for the chosen objective.

export type FeatureType = "numeric" | "categorical";

export interface Dataset {
  rows: number;
  featureNames: string[];
  featureTypes: FeatureType[];
  /** For categorical features: the label of each code (code = index). `null` for numeric features. */
  categories: (string[] | null)[];
  /** Column-major feature values; categorical columns hold integer codes into `categories[f]`. */
  columns: Float64Array[];
}

/** Labels: `y` is the target (0/1 for binary, the value for regression, the time for survival). */
export interface Labels {
  y: Float64Array;
  /** Survival only: 1 = the event happened at time y, 0 = censored at time y. */
  event?: Uint8Array;
}

/** A numeric-only dataset from columns, with default feature names f0, f1, … */
export function numericDataset(columns: Float64Array[], featureNames?: string[]): Dataset {
  const rows = columns.length ? columns[0].length : 0;
  for (const c of columns) if (c.length !== rows) throw new Error("all columns must have the same length");
  return {
    rows,
    featureNames: featureNames ?? columns.map((_, i) => `f${i}`),
    featureTypes: columns.map(() => "numeric"),
    categories: columns.map(() => null),
    columns,
  };
}

/** The rows `indices` of a dataset (and of its labels), in that order. */
export function takeRows(data: Dataset, indices: ArrayLike<number>): Dataset {
  const columns = data.columns.map((col) => {
    const out = new Float64Array(indices.length);
    for (let i = 0; i < indices.length; i++) out[i] = col[indices[i]];
    return out;
  });
  return { ...data, rows: indices.length, columns };
}

export function takeLabels(labels: Labels, indices: ArrayLike<number>): Labels {
  const y = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) y[i] = labels.y[indices[i]];
  if (!labels.event) return { y };
  const event = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) event[i] = labels.event[indices[i]];
  return { y, event };
}

/** Row-major Float64Array (rows × features) of the dataset, the layout the scorer's batch API takes. */
export function toRowMajor(data: Dataset): Float64Array {
  const nf = data.columns.length;
  const out = new Float64Array(data.rows * nf);
  for (let f = 0; f < nf; f++) {
    const col = data.columns[f];
    for (let r = 0; r < data.rows; r++) out[r * nf + f] = col[r];
  }
  return out;
}
