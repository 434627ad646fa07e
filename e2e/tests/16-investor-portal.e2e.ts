import { apiGet, apiPost, assert, DEMO_USERS, defineTest, signIn } from "../lib/harness";

interface Shared {
  id: string;
  title: string;
}

// The investor portal: an investor signs in, sees the deal shared with them, expresses interest; nothing else is reachable.
export default defineTest("an investor signs in, sees the shared deal and expresses interest", async (t) => {
  const { page, baseURL } = t;
  // A deal of the same org, as staff see it: the investor must not reach the ones not shared with them.
  const staffContext = await t.browser.newContext({ baseURL });
  const staffPage = await staffContext.newPage();
  await signIn({ ...t, context: staffContext, page: staffPage }, DEMO_USERS.agent);
  const pipeline = await apiGet<{ stages: { opportunities: Shared[] }[] }>(staffPage, "/api/pipeline");
  assert(pipeline.status === 200, `GET /api/pipeline as the agent should be 200, got ${pipeline.status}`);
  const orgDeals = pipeline.body.stages.flatMap((s) => s.opportunities);
  await staffContext.close();

  const landing = await signIn(t, DEMO_USERS.investor);
  assert(landing === "/portal", `an investor should land on /portal, got ${landing}`);

  const list = page.getByRole("list", { name: "Shared deals" });
  await list.getByRole("listitem").first().waitFor();
  await t.screenshot("portal-list");
  const { status: listStatus, body } = await apiGet<{ items: Shared[] }>(page, "/api/portal/opportunities");
  assert(listStatus === 200 && body.items.length > 0, `the demo investor should have shared deals, got ${listStatus}`);
  const deal = body.items[0];

  await list.getByRole("link", { name: deal.title, exact: true }).click();
  await page.waitForURL((url) => url.pathname === `/portal/opportunities/${deal.id}`);
  await page.getByRole("heading", { level: 1, name: deal.title }).waitFor();
  await page.getByLabel("Deal summary", { exact: true }).waitFor();
  await page.getByRole("heading", { name: "The numbers" }).waitFor();

  // Answer (or change an answer from an earlier run).
  const change = page.getByRole("button", { name: "Change my answer" });
  if (await change.isVisible()) await change.click();
  const form = page.getByRole("form", { name: "Your answer" });
  const comment = `Interested if we can close in January (${Date.now()})`;
  await form.getByLabel("Comment (optional)", { exact: true }).fill(comment);
  await t.screenshot("portal-deal", { fullPage: true });
  await form.getByRole("button", { name: "I'm interested" }).click();
  await page.getByText("Thanks — we've let them know you're interested", { exact: true }).first().waitFor();
  await page.getByText("You told us you're interested in this deal.", { exact: true }).waitFor();
  await page.getByText(comment, { exact: true }).waitFor();
  await t.screenshot("portal-deal-answered", { fullPage: true });

  // The answer sticks: the API and the list say so.
  const { body: after } = await apiGet<{ response: string | null; comment: string | null }>(page, `/api/portal/opportunities/${deal.id}`);
  assert(after.response === "interested" && after.comment === comment, `the answer should be recorded, got ${JSON.stringify(after)}`);
  await page.getByRole("link", { name: "← Shared deals" }).click();
  await list.getByRole("listitem").filter({ hasText: deal.title }).getByText("You're interested").waitFor();

  // Nothing else is reachable: leads, investors, a deal not shared with them.
  const leads = await apiGet(page, "/api/leads");
  assert(leads.status === 403, `GET /api/leads as an investor should be 403, got ${leads.status}`);
  const investors = await apiGet(page, "/api/investors");
  assert(investors.status === 403, `GET /api/investors as an investor should be 403, got ${investors.status}`);
  const sharedIds = new Set(body.items.map((d) => d.id));
  const notShared = orgDeals.find((d) => !sharedIds.has(d.id))?.id;
  assert(notShared, "the demo org should have a deal that isn't shared with the investor");
  const other = await apiGet(page, `/api/portal/opportunities/${notShared}`);
  assert(other.status === 404, `another deal should be 404, got ${other.status}`);
  const answerOther = await apiPost(page, `/api/portal/opportunities/${notShared}/interest`, { interested: true });
  assert(answerOther.status === 404, `answering another deal should be 404, got ${answerOther.status}`);
  await page.goto(`${baseURL}/portal/opportunities/${notShared}`);
  await page.getByText("This deal isn't available", { exact: true }).waitFor();
});
