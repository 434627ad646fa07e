import { apiGet, assert, DEMO_USERS, defineTest, leadsTable, signIn } from "../lib/harness";

// (e) Investors are members of the org but leads are not shared with their role: they land in their portal.
export default defineTest("an investor lands in the portal, without leads", async (t) => {
  const { page } = t;
  const landing = await signIn(t, DEMO_USERS.investor);
  assert(landing === "/portal", `an investor should land on /portal, got ${landing}`);
  await page.getByRole("heading", { name: "Deals shared with you", exact: true }).waitFor();
  await t.screenshot("portal-investor-landing");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Shared deals", exact: true }).waitFor();
  assert((await nav.getByRole("link", { name: "Leads", exact: true }).count()) === 0, 'an investor should not get a "Leads" entry');
  assert((await leadsTable(page).count()) === 0, 'an investor should not see a "Leads" table');
  assert((await page.getByRole("button", { name: "Add lead", exact: true }).count()) === 0, 'an investor should not get "Add lead"');

  const { status } = await apiGet(page, "/api/leads");
  assert(status === 403, `GET /api/leads as an investor should be 403, got ${status}`);
});
