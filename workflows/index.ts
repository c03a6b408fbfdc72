/**
 * The core's workflows: the entry the worker bundles (with each enabled
 * plugin's workflows added by the registry).
 */
export { invitationWorkflow } from './invitations/workflows.js'
export { emailCodeWorkflow } from './email_codes/workflows.js'
