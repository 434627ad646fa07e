import { assignmentRoute } from "./assignment";
import { authedRoute } from "./authed";
import { enrichmentRoute } from "./enrichment";
import { indexRoute } from "./index";
import { jobsRoute } from "./jobs";
import { investorDetailRoute } from "./investorDetail";
import { investorsRoute } from "./investors";
import { leadDetailRoute } from "./leadDetail";
import { leadFormsRoute } from "./leadForms";
import { leadImportRoute } from "./leadImport";
import { leadSourceDeliveriesRoute } from "./leadSourceDeliveries";
import { leadSourcesRoute } from "./leadSources";
import { leadsRoute } from "./leads";
import { loginRoute } from "./login";
import { membersRoute } from "./members";
import { modelsRoute } from "./models";
import { opportunityDetailRoute } from "./opportunityDetail";
import { outboxRoute } from "./outbox";
import { pipelineRoute } from "./pipeline";
import { portalRoute } from "./portal";
import { portalOpportunityRoute } from "./portalOpportunity";
import { publicFormRoute } from "./publicForm";
import { rootRoute } from "./root";
import { signupRoute } from "./signup";
import { templatesRoute } from "./templates";
import { workflowEditorRoute, workflowRunsRoute } from "./workflowEditor";
import { workflowsRoute } from "./workflows";

export const routeTree = rootRoute.addChildren([
  loginRoute,
  signupRoute,
  publicFormRoute,
  authedRoute.addChildren([indexRoute, leadsRoute, membersRoute, leadSourcesRoute, leadSourceDeliveriesRoute, leadFormsRoute, leadImportRoute, assignmentRoute, leadDetailRoute,
    pipelineRoute, opportunityDetailRoute, enrichmentRoute, jobsRoute, modelsRoute, outboxRoute, templatesRoute, investorsRoute, investorDetailRoute, portalRoute, portalOpportunityRoute,
    workflowsRoute, workflowEditorRoute, workflowRunsRoute]),
]);
