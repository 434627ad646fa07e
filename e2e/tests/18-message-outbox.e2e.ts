import { apiPost, assert, DEMO_USERS, defineTest, signIn, uniqueSuffix } from "../lib/harness";

// Issue 5: without provider keys a text goes to the in-app outbox, which shows exactly what would have been sent.
export default defineTest("agent texts a lead from its page and finds the text in the outbox", async (t) => {
  const { page } = t;
  await signIn(t, DEMO_USERS.agent);
  const suffix = uniqueSuffix();
  const lead = await apiPost<{ id: string }>(page, "/api/leads", { firstName: "Tess", lastName: `Outbox${suffix}`, phone: "+1 512 842 7398", address: { state: "TX", zip: "78704" } });
  assert(lead.status === 201, `the lead should be created (${lead.status})`);

  await page.goto(`/leads/${lead.body.id}`);
  await page.getByRole("button", { name: "Message…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Channel", { exact: true }).selectOption("sms");
  const text = `Hi {{lead.firstName}}, still thinking about selling? (${suffix})`;
  await dialog.getByLabel("Message", { exact: true }).fill(text);
  const preview = dialog.getByRole("region", { name: "Preview" });
  await preview.getByText(`Hi Tess, still thinking about selling? (${suffix})`, { exact: false }).waitFor();
  await t.screenshot("send-message-dialog");
  await dialog.getByRole("button", { name: /^Send/ }).click();
  await dialog.waitFor({ state: "detached" });

  await page.goto("/messages");
  const table = page.getByRole("table", { name: "Messages" });
  const row = table.getByText(`Hi Tess, still thinking about selling? (${suffix})`, { exact: false }).first();
  // The job puts the text in the outbox — unless it is quiet hours in Texas (8am–9pm), when it waits as queued.
  let found: string | null = null;
  for (let i = 0; i < 15 && !found; i++) {
    for (const status of ["outbox", "queued"]) {
      await page.getByLabel("Status", { exact: true }).selectOption(status);
      if (await row.waitFor({ timeout: 1000 }).then(() => true, () => false)) {
        found = status;
        break;
      }
    }
  }
  assert(found, "the text should be in the outbox (or waiting for quiet hours to end)");
  await t.screenshot("messages-outbox");
});
