import { signPayload } from "../../netlify/server/services/webhooks/signature";
import { apiPost, assert, DEMO_USERS, defineTest, searchLeadsFor, signIn, uniqueSuffix, waitForLeadRows } from "../lib/harness";

// Issue 3: a lead arriving by signed webhook appears in the list. The source is created through the API
// (as Settings → Lead sources does); the delivery is signed and posted by a "third party" (this test).
export default defineTest("a lead delivered by a signed webhook appears in the list", async (t) => {
  const { page, baseURL } = t;
  await signIn(t, DEMO_USERS.owner);
  await waitForLeadRows(page, 10);
  const source = await apiPost<{ id: string; secret: string; webhookPath: string }>(page, "/api/lead-sources", { name: "Zapier e2e", type: "zapier" });
  assert(source.status === 201, `creating the source answered ${source.status}`);

  const suffix = uniqueSuffix();
  const body = JSON.stringify({ "Full Name": `Wendy Webhook${suffix}`, "Email Address": `wendy.${suffix}@example.com`, "Phone Number": "(512) 555-0177" });
  const res = await fetch(`${baseURL}${source.body.webhookPath}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hidden-key-signature": signPayload(source.body.secret, body), "idempotency-key": `e2e-${suffix}` },
    body,
  });
  assert(res.status === 202, `the delivery answered ${res.status}: ${await res.text()}`);

  await searchLeadsFor(page, `Webhook${suffix}`, `Wendy Webhook${suffix}`);
  await t.screenshot("leads-webhook-arrival");
});
