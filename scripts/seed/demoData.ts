import { createRandom } from "./random";

// Believable, deterministic demo data for the org "Demo Capital". Pure: no I/O here.

const FIRST = ["James", "Maria", "Robert", "Linda", "Michael", "Patricia", "David", "Jennifer", "William", "Elizabeth", "Carlos", "Aisha", "Thomas", "Nancy", "Daniel", "Karen", "Luis", "Grace", "Kevin", "Sandra", "Anthony", "Donna", "Marcus", "Rosa", "Brian", "Michelle", "Jose", "Tanya", "Eric", "Denise", "Raj", "Mei", "Tyrone", "Olivia", "Hector", "Brenda", "Samuel", "Priya", "Gregory", "Yolanda"];
const LAST = ["Johnson", "Garcia", "Williams", "Martinez", "Brown", "Davis", "Rodriguez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Lee", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "Nguyen", "Patel", "King", "Wright", "Lopez", "Hill", "Scott", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Perez", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans"];
const MARKETS = [
  { city: "Austin", state: "TX", zips: ["78704", "78745", "78723", "78758"], area: "512" },
  { city: "San Antonio", state: "TX", zips: ["78209", "78228", "78245"], area: "210" },
  { city: "Houston", state: "TX", zips: ["77008", "77019", "77084"], area: "713" },
  { city: "Dallas", state: "TX", zips: ["75204", "75214", "75228"], area: "214" },
  { city: "Tampa", state: "FL", zips: ["33603", "33611", "33617"], area: "813" },
  { city: "Jacksonville", state: "FL", zips: ["32205", "32210", "32246"], area: "904" },
  { city: "Atlanta", state: "GA", zips: ["30310", "30314", "30318"], area: "404" },
  { city: "Phoenix", state: "AZ", zips: ["85008", "85015", "85033"], area: "602" },
  { city: "Charlotte", state: "NC", zips: ["28205", "28208", "28216"], area: "704" },
  { city: "Memphis", state: "TN", zips: ["38104", "38111", "38127"], area: "901" },
] as const;
const STREETS = ["Oak", "Maple", "Cedar", "Pine", "Elm", "Willow", "Lakeview", "Sunset", "Ridge", "Meadow", "Highland", "Park", "Mesquite", "Magnolia", "Pecan", "Riverside", "Hillcrest", "Brookside"];
const SUFFIXES = ["St", "Ave", "Dr", "Ln", "Ct", "Blvd", "Way", "Rd"];
const SOURCES = [["Direct Mail", 30], ["PPC", 20], ["Facebook Ads", 15], ["Cold Call", 12], ["Website", 10], ["Referral", 6], ["Bandit Sign", 4], ["Zillow", 3]] as const;
const STATUSES = [["new", 35], ["contacted", 25], ["qualified", 12], ["nurturing", 14], ["unqualified", 6], ["converted", 4], ["dead", 4]] as const;
const TAGS = ["absentee owner", "probate", "pre-foreclosure", "tired landlord", "vacant", "high equity", "tax lien", "divorce", "code violation", "inherited"];
const NOTES = [
  "Owner inherited the house, lives out of state, wants a quick close.",
  "Tenant-occupied, lease ends in March. Owner tired of repairs.",
  "Roof is about 20 years old; needs HVAC. Asking price negotiable.",
  "Called back twice, prefers texts after 5pm.",
  "Behind on taxes two years. Open to a cash offer.",
  "Vacant since last summer, neighbours complained about the yard.",
  null,
  null,
];
const PROPERTY_TYPES = [["single_family", 60], ["multifamily", 18], ["townhouse", 8], ["condo", 7], ["land", 4], ["commercial", 3]] as const;
const INVESTOR_COMPANIES = ["Lone Star Holdings", "Gulf Coast Capital", "Peachtree Equity", "Sunbelt Rentals LLC", "Blue Ridge Partners", "Cactus Flip Co", null, null, null];

const DAY = 86_400_000;

export interface DemoLead {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  source: string;
  status: string;
  tags: string[];
  notes: string | null;
  street: string;
  city: string;
  state: string;
  zip: string;
  createdAt: Date;
  assignToAgent: boolean;
}

export interface DemoInvestor {
  firstName: string;
  lastName: string;
  company: string | null;
  email: string;
  phone: string;
  accreditationStatus: string;
  minInvestment: number;
  maxInvestment: number;
  capitalCommitted: number;
  capitalAvailable: number;
  preferences: { propertyTypes: string[]; markets: { states: string[]; cities: string[]; zips: string[] }; targetReturn: number; riskTolerance: number; holdPeriodMonths: number; leverage: string };
}

export interface DemoOpportunity {
  title: string;
  stageIndex: number;
  value: number;
  probability: number;
  expectedCloseDate: string;
  leadIndex: number;
  property: { street: string; city: string; state: string; zip: string; propertyType: string; beds: number; baths: number; sqft: number; yearBuilt: number; estimatedValue: number };
  /** The deal analyzer's inputs (dealAnalysisInputSchema), for about two deals in three. */
  analysis: Record<string, unknown> | null;
}

export interface DemoInvestment {
  investorIndex: number;
  dealIndex: number;
  amount: number;
  investedAt: string;
  status: "active" | "exited";
  realizedReturn: number | null;
  projectedReturn: number | null;
}

export interface DemoData {
  leads: DemoLead[];
  investors: DemoInvestor[];
  opportunities: DemoOpportunity[];
  investments: DemoInvestment[];
}

export function generateDemoData(now = new Date("2026-11-20T15:00:00Z"), counts = { leads: 200, investors: 15, opportunities: 30 }): DemoData {
  const r = createRandom(20261122);
  const usedEmails = new Set<string>();

  const leads: DemoLead[] = Array.from({ length: counts.leads }, (_, i) => {
    const firstName = r.pick(FIRST);
    const lastName = r.pick(LAST);
    const market = r.pick(MARKETS);
    let email: string | null = `${firstName}.${lastName}${r.int(1, 99)}@${r.pick(["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com"])}`.toLowerCase();
    if (usedEmails.has(email) || r.next() < 0.12) email = null;
    if (email) usedEmails.add(email);
    const phone = r.next() < 0.9 ? `+1${market.area}${r.int(200, 999)}${String(r.int(0, 9999)).padStart(4, "0")}` : null;
    return {
      firstName,
      lastName,
      email,
      phone,
      source: r.weighted(SOURCES),
      status: r.weighted(STATUSES),
      tags: r.sample(TAGS, r.weighted([[0, 3], [1, 4], [2, 2], [3, 1]] as const)),
      notes: r.pick(NOTES),
      street: `${r.int(100, 9899)} ${r.pick(STREETS)} ${r.pick(SUFFIXES)}`,
      city: market.city,
      state: market.state,
      zip: r.pick(market.zips),
      // Spread over the last 120 days, newest first in the list; i keeps timestamps distinct.
      createdAt: new Date(now.getTime() - r.int(0, 120) * DAY - r.int(0, 86_000) * 1000 - i),
      assignToAgent: r.next() < 0.6,
    };
  });

  const investors: DemoInvestor[] = Array.from({ length: counts.investors }, () => {
    const firstName = r.pick(FIRST);
    const lastName = r.pick(LAST);
    const min = r.pick([25_000, 50_000, 100_000, 150_000, 250_000]);
    const max = min * r.pick([2, 4, 6, 10]);
    const committed = r.int(0, 6) * 50_000;
    const markets = r.sample(MARKETS, r.int(1, 3));
    return {
      firstName,
      lastName,
      company: r.pick(INVESTOR_COMPANIES),
      email: `${firstName[0]}${lastName}${r.int(10, 99)}@${r.pick(["invest.example", "capital.example", "gmail.com"])}`.toLowerCase(),
      phone: `+1${r.pick(MARKETS).area}${r.int(200, 999)}${String(r.int(0, 9999)).padStart(4, "0")}`,
      accreditationStatus: r.weighted([["accredited", 9], ["pending", 3], ["unverified", 2], ["not_accredited", 1]] as const),
      minInvestment: min,
      maxInvestment: max,
      capitalCommitted: committed,
      capitalAvailable: Math.max(0, max * 2 - committed),
      preferences: {
        propertyTypes: r.sample(["single_family", "multifamily", "townhouse", "condo", "commercial"], r.int(1, 3)),
        markets: { states: [...new Set(markets.map((m) => m.state))], cities: markets.map((m) => m.city), zips: [] },
        targetReturn: r.pick([8, 10, 12, 14, 18, 20]),
        riskTolerance: r.int(2, 9),
        holdPeriodMonths: r.pick([6, 12, 36, 60, 120]),
        leverage: r.pick(["none", "moderate", "high"]),
      },
    };
  });

  const stageWeights = [[0, 6], [1, 6], [2, 5], [3, 4], [4, 4], [5, 3], [6, 2]] as const;
  const opportunities: DemoOpportunity[] = Array.from({ length: counts.opportunities }, (_, i) => {
    const leadIndex = (i * 7) % counts.leads;
    const lead = leads[leadIndex];
    const propertyType = r.weighted(PROPERTY_TYPES);
    const value = Math.round(r.int(90, 650) * 1000);
    const stageIndex = r.weighted(stageWeights);
    return {
      title: `${lead.street}, ${lead.city}`,
      stageIndex,
      value,
      probability: [10, 20, 40, 60, 80, 100, 0][stageIndex],
      expectedCloseDate: new Date(now.getTime() + r.int(-20, 120) * DAY).toISOString().slice(0, 10),
      leadIndex,
      property: {
        street: lead.street,
        city: lead.city,
        state: lead.state,
        zip: lead.zip,
        propertyType,
        beds: propertyType === "land" ? 0 : r.int(2, 5),
        baths: propertyType === "land" ? 0 : r.pick([1, 1.5, 2, 2.5, 3]),
        sqft: propertyType === "land" ? 0 : r.int(900, 3400),
        yearBuilt: r.int(1948, 2015),
        estimatedValue: Math.round(value * (1.2 + r.next() * 0.5)),
      },
      analysis: r.next() < 0.67 ? demoAnalysis(value, r) : null,
    };
  });

  // The demo investor (index 0) and a few others hold past investments: some exited, some still running.
  const investments: DemoInvestment[] = Array.from({ length: 12 }, (_, i) => {
    const amount = r.pick([50_000, 75_000, 100_000, 150_000, 250_000]);
    const exited = r.next() < 0.4;
    return {
      investorIndex: i < 4 ? 0 : r.int(1, counts.investors - 1),
      dealIndex: i,
      amount,
      investedAt: new Date(now.getTime() - r.int(60, 900) * DAY).toISOString().slice(0, 10),
      status: exited ? "exited" : "active",
      realizedReturn: exited ? Math.round(amount * (0.05 + r.next() * 0.25)) : null,
      projectedReturn: exited ? null : Math.round(amount * (0.08 + r.next() * 0.2)),
    };
  });

  return { leads, investors, opportunities, investments };
}

/** Plausible buy-and-hold inputs for a deal worth `value`: 25% down at 7.25%, rent near 0.8% of value a month. */
function demoAnalysis(value: number, r: ReturnType<typeof createRandom>): Record<string, unknown> {
  return {
    purchase: { purchasePrice: value, arv: Math.round(value * (1.15 + r.next() * 0.2)), closingCostRate: 0.02, closingCostFixed: 1500 },
    repairs: { items: [{ label: "Kitchen", cost: r.int(8, 30) * 1000 }, { label: "Roof", cost: r.int(4, 15) * 1000 }], contingencyRate: 0.1 },
    financing: { loanToValue: 0.75, annualRate: 0.0725, amortizationYears: 30, interestOnly: false, pointsRate: 0.01 },
    operating: {
      monthlyRent: Math.round((value * (0.007 + r.next() * 0.003)) / 10) * 10,
      otherMonthlyIncome: 0,
      vacancyRate: 0.05,
      managementRate: 0.08,
      maintenanceRate: 0.05,
      capexRate: 0.05,
      annualPropertyTaxes: Math.round(value * 0.018),
      annualInsurance: Math.round(value * 0.005),
      monthlyHoa: 0,
      monthlyUtilities: 0,
      annualOtherExpenses: 0,
    },
    holding: { months: 2, monthlyTaxes: Math.round((value * 0.018) / 12), monthlyInsurance: Math.round((value * 0.005) / 12), monthlyUtilities: 150, monthlyOther: 0 },
    projection: { holdYears: 5, rentGrowthRate: 0.03, expenseGrowthRate: 0.025, exitCapRate: 0.065, sellingCostRate: 0.06 },
    offer: { maoPercent: 0.7, wholesaleFee: 0 },
  };
}
