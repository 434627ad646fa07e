import { randomUUID } from "node:crypto";
import { issueAccessToken, verifyAccessToken } from "../../netlify/server/auth/tokens";
import type { DatabaseHandle } from "../../netlify/server/db/connect";
import type { JwtClaims } from "../../netlify/server/db/transactions";

export interface BenchUser {
  id: string;
  email: string;
}

export interface BenchOrg {
  id: string;
  name: string;
  /** The member the benchmarks act as (role agent). */
  agent: BenchUser;
}

export interface Fixture {
  orgs: BenchOrg[];
  leadsPerOrg: number;
  seedMs: number;
  auditTriggerDisabled: boolean;
}

export const FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
  "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen", "Charles", "Lisa",
  "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Sandra", "Mark", "Margaret", "Donald", "Ashley", "Steven", "Kimberly",
  "Andrew", "Emily", "Paul", "Donna", "Joshua", "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "George",
  "Deborah", "Carlos", "Maria", "Jose", "Rosa", "Luis", "Ana", "Wei", "Mei", "Aisha", "Darnell", "Tyrone", "Keisha", "Minh", "Priya"];
/** The 100 most common US surnames (2010 census), most common first; the seed draws them skewed toward the top. */
export const LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
  "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
  "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell",
  "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins",
  "Reyes", "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson",
  "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood",
  "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long",
  "Ross", "Foster", "Jimenez"];
/** City, state, ZIP prefix; 7 of 30 in Texas. */
export const CITIES = [["Dallas", "TX", "752"], ["Houston", "TX", "770"], ["Austin", "TX", "787"], ["San Antonio", "TX", "782"],
  ["Fort Worth", "TX", "761"], ["El Paso", "TX", "799"], ["Arlington", "TX", "760"], ["Phoenix", "AZ", "850"], ["Tucson", "AZ", "857"],
  ["Atlanta", "GA", "303"], ["Savannah", "GA", "314"], ["Tampa", "FL", "336"], ["Orlando", "FL", "328"], ["Jacksonville", "FL", "322"],
  ["Miami", "FL", "331"], ["Memphis", "TN", "381"], ["Nashville", "TN", "372"], ["Charlotte", "NC", "282"], ["Raleigh", "NC", "276"],
  ["Cleveland", "OH", "441"], ["Columbus", "OH", "432"], ["Cincinnati", "OH", "452"], ["Detroit", "MI", "482"],
  ["Kansas City", "MO", "641"], ["St. Louis", "MO", "631"], ["Indianapolis", "IN", "462"], ["Birmingham", "AL", "352"],
  ["Oklahoma City", "OK", "731"], ["Las Vegas", "NV", "891"], ["Denver", "CO", "802"]];
const DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com", "comcast.net"];
const STREETS = ["Oak", "Maple", "Cedar", "Pine", "Elm", "Main", "Lakeview", "Hillcrest", "Sunset", "Park", "Washington", "Lincoln",
  "Church", "Walnut", "Willow", "Highland", "Meadow", "Forest", "River", "Spring", "Ridge", "Jefferson", "Franklin", "Madison"];
const SOURCES = ["website", "zillow", "facebook", "direct_mail", "cold_call", "referral", "driving_for_dollars", "bandit_sign"];
// Weighted toward the top of the funnel, as a real CRM's table is.
const STATUSES = ["new", "new", "new", "contacted", "contacted", "qualified", "nurturing", "nurturing", "unqualified", "converted", "dead", "dead"];
const TAGS = ["{}", "{}", "{hot}", "{motivated}", "{absentee_owner}", "{probate,motivated}", "{vacant}", "{tired_landlord}", "{pre_foreclosure,hot}"];

const arr = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]`;
const pick = (values: string[], expr = "random()") => `(${arr(values)})[1 + floor(${expr} * ${values.length})::int]`;

/**
 * One statement: `count` leads for one org, built by generate_series. First names from 62, last names from
 * the 100 most common US surnames (skewed: Smith ~3 %, Jimenez ~0.8 %), 30 cities (7 in Texas), 24 streets,
 * several email domains; statuses weighted toward the top of the funnel; tags, sources and assignees spread.
 * created_at is uniform over the last year; ~8 % have no email and ~12 % no phone (the partial indexes see
 * realistic sparsity). Email, phone and street address embed the series number, so they are unique within
 * the org, as the dedup indexes require.
 */
function leadsInsertSql(count: number): string {
  const city = `(${arr(CITIES.map((c) => c.join("|")))})[1 + floor(random() * ${CITIES.length})::int]`;
  return `
    insert into public.leads (org_id, first_name, last_name, email, phone, source, status, tags, assignee_id, notes,
                              street, city, state, zip, created_by, created_at, updated_at)
    select $1::uuid, s.fn, s.ln,
           case when s.r1 < 0.08 then null else lower(s.fn) || '.' || lower(s.ln) || s.g || '@' || ${pick(DOMAINS)} end,
           case when s.r2 < 0.12 then null else '+1' || ${pick(["214", "469", "713", "512", "602", "404", "813", "407", "901", "704"])} || lpad(s.g::text, 7, '0') end,
           ${pick(SOURCES)}, ${pick(STATUSES)}, ${pick(TAGS)}::text[],
           ($2::uuid[])[1 + floor(random() * cardinality($2::uuid[]))::int],
           case when s.r1 > 0.7 then 'Owner mentioned they may sell within ' || (1 + floor(s.r1 * 12)) || ' months.' end,
           (100 + s.g)::text || ' ' || ${pick(STREETS)} || ' St',
           split_part(s.c, '|', 1), split_part(s.c, '|', 2), split_part(s.c, '|', 3) || lpad(floor(random() * 100)::int::text, 2, '0'),
           $3::uuid, s.ts, s.ts + (random() * interval '20 days')
    from (
      select g, random() as r1, random() as r2, ${pick(FIRST)} as fn, ${pick(LAST, "power(random(), 1.3)")} as ln, ${city} as c,
             now() - random() * interval '365 days' as ts
      from generate_series(1, ${count}) as g
    ) s`;
}

/**
 * Seeds as the service connection (the superuser of the bench database): `orgCount` orgs, each with five
 * staff users (the first one an agent the benchmarks act as) and `leadsPerOrg` leads. auth.users rows get
 * their profile from the on_auth_user_created trigger. The audit trigger on leads is disabled during the
 * bulk load (it would write and hash-chain one audit row per lead) and re-enabled afterwards.
 */
export async function seedFixture(handle: DatabaseHandle, leadsPerOrg: number, orgCount = 2): Promise<Fixture> {
  const started = performance.now();
  const orgs: BenchOrg[] = [];
  await handle.session(async (s) => {
    await s.query("select setseed(0.42)");
    for (let i = 0; i < orgCount; i++) {
      const letter = String.fromCharCode(65 + i);
      const org = { id: randomUUID(), name: `Bench Capital ${letter}` };
      await s.query("insert into public.orgs (id, name) values ($1, $2)", [org.id, org.name]);
      const roles = ["agent", "owner", "admin", "agent", "agent"] as const;
      const users: BenchUser[] = roles.map((role, j) => ({ id: randomUUID(), email: `${role}${j}.${letter.toLowerCase()}@bench.test` }));
      for (const [j, u] of users.entries()) {
        await s.query(
          `insert into auth.users (id, email, raw_app_meta_data, raw_user_meta_data) values ($1, $2, $3::jsonb, $4::jsonb)`,
          [u.id, u.email, JSON.stringify({ provider: "email", providers: ["email"] }), JSON.stringify({ full_name: `Bench ${roles[j]} ${j}` })],
        );
        await s.query("insert into public.org_members (org_id, user_id, role) values ($1, $2, $3)", [org.id, u.id, roles[j]]);
      }
      orgs.push({ ...org, agent: users[0] });

      await s.query("alter table public.leads disable trigger audit_row_change");
      try {
        await s.query(leadsInsertSql(leadsPerOrg), [org.id, `{${users.map((u) => u.id).join(",")}}`, users[1].id]);
      } finally {
        await s.query("alter table public.leads enable trigger audit_row_change");
      }
    }
    await s.query("analyze");
  });
  return { orgs, leadsPerOrg, seedMs: performance.now() - started, auditTriggerDisabled: true };
}

/** A real access token for the user, signed by the app's own code (JWT_SECRET of this process). */
export async function tokenFor(user: BenchUser): Promise<string> {
  return (await issueAccessToken(user, randomUUID())).token;
}

/** The claims exactly as the API derives them from the bearer token. */
export async function claimsFor(user: BenchUser): Promise<JwtClaims> {
  return verifyAccessToken(await tokenFor(user));
}
