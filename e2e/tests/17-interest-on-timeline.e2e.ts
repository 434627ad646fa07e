import { apiGet, apiPost, assert, DEMO_USERS, defineTest, signIn, uniqueSuffix } from "../lib/harness";

// Issue 4: an investor's answer lands on the deal's timeline and notifies the deal's owner, who sees it in the app.
export default defineTest("the deal's owner sees an investor's interest on the timeline and as a notification", async (t) => {
  const { page, baseURL } = t;
  const comment = `Can close in 30 days (${uniqueSuffix()})`;

  // The investor answers the first deal shared with them.
  const investorContext = await t.browser.newContext({ baseURL });
  const investorPage = await investorContext.newPage();
  await signIn({ ...t, context: investorContext, page: investorPage }, DEMO_USERS.investor);
  const shared = await apiGet<{ items: { id: string; title: string }[] }>(investorPage, "/api/portal/opportunities");
  assert(shared.status === 200 && shared.body.items.length > 0, "the demo investor has shared deals");
  const deal = shared.body.items[0];
  const answer = await apiPost(investorPage, `/api/portal/opportunities/${deal.id}/interest`, { interested: true, comment });
  assert(answer.status === 200, `the answer should be accepted, got ${answer.status}`);
  await investorContext.close();

  // Whoever owns the deal (the demo seed gives deals to the owner or the agent) sees it.
  await signIn(t, DEMO_USERS.agent);
  const detail = await apiGet<{ ownerName: string | null }>(page, `/api/opportunities/${deal.id}`);
  const ownerEmail = detail.body.ownerName === "Adam Agent" ? DEMO_USERS.agent : DEMO_USERS.owner;
  if (ownerEmail !== DEMO_USERS.agent) {
    await page.evaluate(() => localStorage.clear());
    await signIn(t, ownerEmail);
  }

  const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await bell.waitFor();
  await bell.click();
  const item = page.getByRole("menuitem", { name: new RegExp(`Ivan Investor is interested in`) }).first();
  await item.waitFor();
  await t.screenshot("notification-interest");
  await item.click();
  await page.waitForURL((url) => url.pathname === `/opportunities/${deal.id}`);
  const timeline = page.getByRole("list", { name: "Timeline" });
  await timeline.getByText("Ivan Investor is interested", { exact: false }).first().waitFor();
  await timeline.getByText(comment, { exact: false }).first().waitFor();
  await t.screenshot("deal-timeline-interest", { fullPage: true });
});
