// Every job kind the app defines, registered by importing its module. The worker and the app servers import
// this so the in-process runner and BullMQ workers know every job the outbox can hold.
import "../services/imports/importLeadsJob";
import "../services/enrichment/enrichLeadJob";
import "../services/messaging/sendMessageJob";
import "../services/workflows/workflowEventJob";
import "../services/workflows/workflowStepJob";
import "../services/ml/mlJobs";
import "../services/ml/driftMonitor";
