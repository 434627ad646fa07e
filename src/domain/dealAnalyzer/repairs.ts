// Repair budget: line items summed, plus an optional contingency.

export interface RepairLineItem {
  label: string;
  cost: number;
}

export interface RepairBudget {
  subtotal: number;
  contingency: number;
  total: number;
}

/**
 * subtotal = Σ item.cost; contingency = subtotal × contingencyRate; total = subtotal + contingency.
 */
export function repairBudget(items: readonly RepairLineItem[], contingencyRate = 0): RepairBudget {
  let subtotal = 0;
  for (const item of items) subtotal += item.cost;
  const contingency = subtotal * contingencyRate;
  return { subtotal, contingency, total: subtotal + contingency };
}
