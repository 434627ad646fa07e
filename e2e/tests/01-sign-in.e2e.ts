import { DEMO_USERS, defineTest, fillSignIn, leadsTable, waitForLeadRows, waitForPath } from "../lib/harness";

// (a) An agent signs in and lands on the leads table with the seeded leads.
export default defineTest("agent signs in and sees the seeded leads", async ({ page, screenshot }) => {
  // Signed out, the app sends you to the sign-in page.
  await page.goto("/leads");
  await waitForPath(page, "/login");
  await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
  await screenshot("sign-in");

  await fillSignIn(page, DEMO_USERS.agent);
  await waitForPath(page, "/leads");
  await leadsTable(page).waitFor();
  await waitForLeadRows(page, 10);
  await screenshot("leads");
  await screenshot("leads-full", { fullPage: true });
});
