import { apiGet, assert, DEMO_USERS, defineTest, leadsTable, signIn } from "../lib/harness";

// (e) Investors are members of the org but leads are not shared with their role.
export default defineTest("an investor sees a notice instead of the leads", async (t) => {
  const { page } = t;
  await signIn(t, DEMO_USERS.investor);
  await page.getByRole("heading", { name: "Leads aren't shared with your role", exact: true }).waitFor();
  await t.screenshot("leads-investor");
  assert((await leadsTable(page).count()) === 0, 'an investor should not see a "Leads" table');
  assert((await page.getByRole("button", { name: "Add lead", exact: true }).count()) === 0, 'an investor should not get "Add lead"');

  const { status } = await apiGet(page, "/api/leads");
  assert(status === 403, `GET /api/leads as an investor should be 403, got ${status}`);
});
