import { apiPost, assert, DEMO_USERS, defineTest, saveScreenshot, searchLeadsFor, signIn, uniqueSuffix, waitForLeadRows } from "../lib/harness";

// Issue 3: a seller fills the public capture form (signed out); the lead reaches the org's list.
export default defineTest("a public form submission becomes a lead", async (t) => {
  const { page, browser, baseURL } = t;
  await signIn(t, DEMO_USERS.owner);
  await waitForLeadRows(page, 10);
  const slug = `sell-${uniqueSuffix()}`;
  const form = await apiPost(page, "/api/lead-forms", { name: "Sell fast", slug, headline: "Get a cash offer in 24 hours" });
  assert(form.status === 201, `creating the form answered ${form.status}`);

  const visitor = await browser.newContext();
  try {
    const seller = await visitor.newPage();
    await seller.goto(`${baseURL}/f/${slug}?utm_source=e2e`);
    await seller.getByRole("heading", { name: "Get a cash offer in 24 hours" }).waitFor();
    const suffix = uniqueSuffix();
    await seller.getByLabel("First name", { exact: true }).fill("Sally");
    await seller.getByLabel("Last name", { exact: true }).fill(`Seller${suffix}`);
    await seller.getByLabel("Email", { exact: true }).fill(`sally.${suffix}@example.com`);
    await seller.getByLabel("Phone", { exact: true }).fill("(512) 555-0123");
    await seller.getByLabel("Property address", { exact: true }).fill("12 Elm St");
    await seller.getByLabel("ZIP", { exact: true }).fill("78704");
    await seller.getByRole("checkbox").check();
    await seller.waitForTimeout(2100); // the form refuses posts sent faster than a person could fill it
    await seller.getByRole("button", { name: "Get my offer" }).click();
    await seller.getByRole("heading", { name: "Thanks! We'll be in touch shortly." }).waitFor();
    await saveScreenshot(seller, "public-form-thanks");

    await searchLeadsFor(page, `Seller${suffix}`, `Sally Seller${suffix}`);
  } finally {
    await visitor.close();
  }
});
