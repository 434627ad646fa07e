import { assert, DEMO_USERS, defineTest, leadRows, signIn, waitForLeadRows } from "../lib/harness";

// Issue 3: open a lead, edit it in place, add a note, convert it to an opportunity; the timeline shows it all.
export default defineTest("agent edits a lead in place, notes it and converts it to an opportunity", async (t) => {
  const { page } = t;
  await signIn(t, DEMO_USERS.agent);
  await waitForLeadRows(page, 10);
  // A lead that isn't converted yet.
  await page.getByRole("group", { name: "Status" }).getByRole("button", { name: "New", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get("status") === "new");
  const first = leadRows(page).first().getByRole("link");
  await first.waitFor();
  await first.click();
  await page.waitForURL((url) => /^\/leads\/[0-9a-f-]{36}$/.test(url.pathname));

  await page.getByRole("button", { name: "Edit contact" }).click();
  await page.getByLabel("City", { exact: true }).fill("Round Rock");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("Round Rock", { exact: false }).first().waitFor();
  await page.getByText("City: ", { exact: false }).first().waitFor(); // the change on the timeline

  await page.getByLabel("Add a note", { exact: true }).fill("Seller wants to close before the holidays.");
  await page.getByRole("button", { name: "Save note" }).click();
  await page.getByRole("list", { name: "Timeline" }).getByText("Seller wants to close before the holidays.").waitFor();

  await page.getByRole("button", { name: "Convert to opportunity" }).click();
  await page.getByText("Converted to an opportunity", { exact: true }).first().waitFor();
  assert((await page.getByLabel("Status", { exact: true }).inputValue()) === "converted", "the lead's status should be converted");
  assert(await page.getByRole("button", { name: "Convert to opportunity" }).isDisabled(), "converting twice is not offered");
  await t.screenshot("lead-detail");
});
