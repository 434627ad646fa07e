import type { Lead, Page as LeadsPage } from "../../src/domain/leads";
import { apiGet, assert, defineTest, leadsTable, uniqueSuffix, waitForPath } from "../lib/harness";

// (c) A second org signs up and sees an empty workspace: none of Demo Capital's leads.
export default defineTest("a new org signs up and sees no other org's leads", async ({ page, screenshot }) => {
  const suffix = uniqueSuffix();
  await page.goto("/signup");
  await page.getByRole("button", { name: "Create account", exact: true }).waitFor();
  await screenshot("sign-up");
  await page.getByLabel("Organization name", { exact: true }).fill(`Second Street Capital ${suffix}`);
  await page.getByLabel("Email", { exact: true }).fill(`founder.${suffix}@second.test`);
  await page.getByLabel("Password", { exact: true }).fill("second-pass-2026");
  await page.getByRole("button", { name: "Create account", exact: true }).click();

  await waitForPath(page, "/leads");
  await page.getByRole("heading", { name: "No leads yet", exact: true }).waitFor();
  await screenshot("leads-empty-new-org");
  assert((await leadsTable(page).count()) === 0, 'a new org should not see a "Leads" table');

  // The API agrees: the new org's list is empty.
  const { status, body } = await apiGet<LeadsPage<Lead>>(page, "/api/leads?limit=200");
  assert(status === 200, `GET /api/leads answered ${status}`);
  assert(body.items.length === 0, `a new org should have no leads, got ${body.items.length}`);
});
