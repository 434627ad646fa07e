import { apiGet, assert, DEMO_USERS, defineTest, leadRows, signIn, waitForLeadRows } from "../lib/harness";

// Issue 3: search and filter the list; the filters live in the URL and survive a reload.
export default defineTest("agent searches and filters the leads, and the URL keeps the filters", async (t) => {
  const { page } = t;
  await signIn(t, DEMO_USERS.agent);
  await waitForLeadRows(page, 10);

  // A seeded lead to look for: the first of the list, searched by its last name.
  const first = await apiGet<{ items: { lastName: string; status: string }[] }>(page, "/api/leads?limit=1");
  const { lastName, status } = first.body.items[0];
  await page.getByLabel("Search leads", { exact: true }).fill(lastName);
  await page.waitForURL((url) => url.searchParams.get("q") === lastName);
  await leadRows(page).first().waitFor();
  for (const text of await leadRows(page).allInnerTexts()) assert(text.includes(lastName), `every row should match "${lastName}": ${text}`);

  // Then narrow it by status with the Status toggle.
  const label = status.charAt(0).toUpperCase() + status.slice(1);
  await page.getByRole("group", { name: "Status" }).getByRole("button", { name: label, exact: true }).click();
  await page.waitForURL((url) => (url.searchParams.get("status") ?? "").includes(status));
  await leadRows(page).first().waitFor();
  const filtered = await leadRows(page).count();
  assert(filtered >= 1, "the filtered list should still show the lead");

  await page.reload();
  await leadRows(page).first().waitFor();
  assert((await page.getByLabel("Search leads", { exact: true }).inputValue()) === lastName, "the search survives a reload");
  assert((await leadRows(page).count()) === filtered, "the filtered rows survive a reload");
  await t.screenshot("leads-search-filter");
});
