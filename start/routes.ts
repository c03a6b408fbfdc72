/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Every route but /health and the operator host's belongs to a tenant: the
| `tenant` middleware finds it from the Host header (404 for an unknown
| host) and scopes the request.
| Each route group states who may enter; tests/functional/access_rules
| checks every route of this table against those rules.
|
*/

import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { loadPluginRoutes, registerPluginRoutes } from '#plugins/routes'
import { opsHost } from '#services/ops_host'

const pluginRoutes = await loadPluginRoutes()

/**
 * Platform-level: answers on any host.
 */
router.get('/health', [controllers.Health, 'show']).as('health')

/**
 * OPS-1: the operator host (OPS_HOST, e.g. ops.localhost), which is no
 * tenant's. Only these routes answer on it: no tenant page, no tenant login.
 */
router
  .group(() => {
    router
      .group(() => {
        router.get('/login', [controllers.ops.Session, 'create']).as('ops.login')
        router.post('/login', [controllers.ops.Session, 'store']).as('ops.login.store')
        router.get('/login/code', [controllers.ops.Session, 'code']).as('ops.code')
        router.post('/login/code', [controllers.ops.Session, 'verify']).as('ops.code.verify')
      })
      .use(middleware.ops())
    router
      .group(() => {
        router.get('/', [controllers.ops.Dashboard, 'show']).as('ops.dashboard')
        router.post('/logout', [controllers.ops.Session, 'destroy']).as('ops.logout')
        router.any('/queues', [controllers.ops.Queues, 'handle']).as('ops.queues')
        router.any('/queues/*', [controllers.ops.Queues, 'handle']).as('ops.queues.assets')
        router.any('/temporal', [controllers.ops.Temporal, 'proxy']).as('ops.temporal')
        router.any('/temporal/*', [controllers.ops.Temporal, 'proxy']).as('ops.temporal.assets')
        router.get('/health', [controllers.Health, 'show']).as('ops.health')
      })
      .use(middleware.ops({ guard: true }))
  })
  .domain(opsHost)

router
  .group(() => {
    /**
     * Guests: login, forgot password.
     */
    router
      .group(() => {
        router.get('/login', [controllers.Session, 'create']).as('session.create')
        router.post('/login', [controllers.Session, 'store']).as('session.store')
        router.get('/forgot-password', [controllers.PasswordReset, 'create']).as('password.forgot')
        router.post('/forgot-password', [controllers.PasswordReset, 'store']).as('password.email')

        router.get('/register', [controllers.Registration, 'show']).as('register.show')
        router
          .post('/register/code', [controllers.Registration, 'storeWithCode'])
          .as('register.code')
        router
          .post('/register/email', [controllers.Registration, 'storeWithEmail'])
          .as('register.email')
        router.post('/register/resend', [controllers.Registration, 'resend']).as('register.resend')

        /**
         * The second step of a login: the password was right, the user is
         * not logged in yet (the pending login lives in the session).
         */
        router
          .get('/login/two-step', [controllers.TwoStepChallenge, 'show'])
          .as('two_step.challenge')
        router
          .post('/login/two-step', [controllers.TwoStepChallenge, 'store'])
          .as('two_step.verify')
        router
          .get('/login/two-step/lost-device', [controllers.TwoStepChallenge, 'lostDevice'])
          .as('two_step.lost_device')
        router
          .post('/login/two-step/lost-device', [controllers.TwoStepChallenge, 'sendRecoveryCode'])
          .as('two_step.lost_device.send')
        router
          .post('/login/two-step/lost-device/verify', [
            controllers.TwoStepChallenge,
            'verifyRecoveryCode',
          ])
          .as('two_step.lost_device.verify')
      })
      .use(middleware.guest())

    /**
     * Anybody holding a link from an e-mail (logged in or not).
     */
    router.get('/reset-password/:token', [controllers.PasswordReset, 'edit']).as('password.reset')
    router
      .post('/reset-password/:token', [controllers.PasswordReset, 'update'])
      .as('password.update')
    router
      .get('/login/unlock/:id', [controllers.Session, 'unlock'])
      .as('session.unlock')
      .where('id', router.matchers.number())
    router.get('/activate/:token', [controllers.Activation, 'show']).as('activation.show')
    router.post('/activate/:token', [controllers.Activation, 'store']).as('activation.store')
    router.post('/locale', [controllers.Locale, 'update']).as('locale.update')
    router.get('/help', [controllers.Help, 'create']).as('help.create')
    router.post('/help', [controllers.Help, 'store']).as('help.store')
    router
      .get('/branding/:file', [controllers.Branding, 'show'])
      .as('branding.show')
      .where('file', /^(org_logo|logo|favicon)-[0-9a-f]{20}\.(png|jpg|webp|ico)$/)
    router
      .get('/register/confirm/:token', [controllers.Registration, 'confirm'])
      .as('register.confirm')
    router
      .get('/confirm-email/:token', [controllers.account.Security, 'confirmEmailChange'])
      .as('email.confirm')

    /**
     * Logged-in users of this tenant.
     */
    router
      .group(() => {
        router.get('/', [controllers.Home, 'show']).as('portal.home')
        router.get('/documents', [controllers.portal.Documents, 'index']).as('documents.index')
        router.post('/labels', [controllers.portal.Labels, 'store']).as('labels.store')
        router
          .put('/labels/:id', [controllers.portal.Labels, 'update'])
          .as('labels.update')
          .where('id', router.matchers.number())
        router
          .delete('/labels/:id', [controllers.portal.Labels, 'destroy'])
          .as('labels.destroy')
          .where('id', router.matchers.number())
        router.post('/documents/labels', [controllers.portal.Labels, 'apply']).as('labels.apply')
        router.get('/documents/upload', [controllers.portal.Uploads, 'create']).as('uploads.create')
        router.post('/documents/upload', [controllers.portal.Uploads, 'store']).as('uploads.store')
        router.post('/documents/zip', [controllers.portal.Downloads, 'store']).as('downloads.store')
        router.get('/downloads', [controllers.portal.Downloads, 'index']).as('downloads.index')
        router
          .get('/downloads/:id/file', [controllers.portal.Downloads, 'file'])
          .as('downloads.file')
          .where('id', router.matchers.number())
        router
          .post('/downloads/:id/retry', [controllers.portal.Downloads, 'retry'])
          .as('downloads.retry')
          .where('id', router.matchers.number())
        router
          .group(() => {
            router.get('/', [controllers.portal.Documents, 'show']).as('documents.show')
            router.put('/', [controllers.portal.Documents, 'update']).as('documents.update')
            router.delete('/', [controllers.portal.Documents, 'destroy']).as('documents.destroy')
            router
              .put('/audience', [controllers.portal.DocumentRights, 'audience'])
              .as('documents.audience')
            router
              .put('/category', [controllers.portal.DocumentRights, 'classify'])
              .as('documents.classify')
            router
              .post('/grants', [controllers.portal.DocumentRights, 'storeGrant'])
              .as('documents.grants.store')
            router
              .put('/grants/:grantId', [controllers.portal.DocumentRights, 'updateGrant'])
              .as('documents.grants.update')
              .where('grantId', router.matchers.number())
            router
              .delete('/grants/:grantId', [controllers.portal.DocumentRights, 'destroyGrant'])
              .as('documents.grants.destroy')
              .where('grantId', router.matchers.number())
            router.get('/csv', [controllers.portal.Documents, 'csv']).as('documents.csv')
            router
              .get('/files/:kind', [controllers.portal.Documents, 'file'])
              .as('documents.file')
              .where('kind', /^(pdf|ubl|attachment)$/)
          })
          .prefix('/documents/:id')
          .where('id', router.matchers.number())
        router
          .get('/customer-numbers', [controllers.portal.CustomerNumbers, 'index'])
          .as('customer_numbers.index')
        router
          .put('/customer-numbers/:id/notifications', [
            controllers.portal.CustomerNumbers,
            'notifyMode',
          ])
          .as('customer_numbers.notify_mode')
          .where('id', router.matchers.number())
        router
          .post('/customer-numbers/:id/hand-over', [controllers.portal.CustomerNumbers, 'handOver'])
          .as('customer_numbers.hand_over')
          .where('id', router.matchers.number())
        router
          .get('/shared-users', [controllers.portal.SharedUsers, 'index'])
          .as('shared_users.index')
        router
          .post('/shared-users', [controllers.portal.SharedUsers, 'store'])
          .as('shared_users.store')
        router
          .put('/shared-users/:id', [controllers.portal.SharedUsers, 'update'])
          .as('shared_users.update')
          .where('id', router.matchers.number())
        router
          .put('/shared-users/:id/email', [controllers.portal.SharedUsers, 'changeEmail'])
          .as('shared_users.email')
          .where('id', router.matchers.number())
        router
          .delete('/shared-users/:id', [controllers.portal.SharedUsers, 'destroy'])
          .as('shared_users.destroy')
          .where('id', router.matchers.number())
      })
      .use([middleware.auth(), middleware.profileComplete()])

    /**
     * The user's own account: reachable before the profile is complete.
     */
    router
      .group(() => {
        router.post('/logout', [controllers.Session, 'destroy']).as('session.destroy')
        router.get('/account/profile', [controllers.account.Profile, 'show']).as('profile.show')
        router
          .post('/account/profile', [controllers.account.Profile, 'update'])
          .as('profile.update')
        router
          .post('/account/password', [controllers.account.Profile, 'updatePassword'])
          .as('password.change')
        router.get('/account/security', [controllers.account.Security, 'show']).as('security.show')
        router
          .post('/account/sessions/:id/end', [controllers.account.Security, 'endSession'])
          .as('sessions.end')
          .where('id', router.matchers.number())
        router
          .post('/account/sessions/end-others', [controllers.account.Security, 'endOtherSessions'])
          .as('sessions.end_others')
        router
          .post('/account/email', [controllers.account.Security, 'requestEmailChange'])
          .as('email.change')
        router
          .post('/account/recovery-email', [controllers.account.RecoveryEmail, 'store'])
          .as('recovery_email.store')
        router
          .post('/account/recovery-email/verify', [controllers.account.RecoveryEmail, 'verify'])
          .as('recovery_email.verify')
        router
          .post('/account/recovery-email/cancel', [controllers.account.RecoveryEmail, 'cancel'])
          .as('recovery_email.cancel')
        router.get('/account/activity', [controllers.account.Activity, 'show']).as('activity.own')
        router.get('/account/two-step', [controllers.account.TwoStep, 'show']).as('two_step.setup')
        router
          .post('/account/two-step', [controllers.account.TwoStep, 'store'])
          .as('two_step.enable')
        router
          .post('/account/two-step/disable', [controllers.account.TwoStep, 'destroy'])
          .as('two_step.disable')
        router
          .get('/account/two-step/offer', [controllers.account.TwoStep, 'offer'])
          .as('two_step.offer')
        router
          .post('/account/two-step/decline', [controllers.account.TwoStep, 'decline'])
          .as('two_step.decline')
      })
      .use(middleware.auth())

    /**
     * The admin area: the tenant's people; operations for admins only.
     */
    router
      .group(() => {
        router.get('/', [controllers.admin.Dashboard, 'show']).as('admin.dashboard')
        router.get('/activity', [controllers.admin.Activity, 'index']).as('admin.activity')
        router.get('/users', [controllers.admin.Users, 'index']).as('admin.users.index')
        router.get('/customers', [controllers.admin.Customers, 'index']).as('admin.customers.index')
        router
          .get('/customers/:id', [controllers.admin.Customers, 'show'])
          .as('admin.customers.show')
          .where('id', router.matchers.number())
        router
          .put('/customers/:id/manager', [controllers.admin.Customers, 'manager'])
          .as('admin.customers.manager')
          .where('id', router.matchers.number())
        router
          .get('/categories', [controllers.admin.Categories, 'index'])
          .as('admin.categories.index')
        router
          .post('/categories', [controllers.admin.Categories, 'store'])
          .as('admin.categories.store')
        router
          .group(() => {
            router.put('/', [controllers.admin.Categories, 'update']).as('admin.categories.update')
            router
              .delete('/', [controllers.admin.Categories, 'destroy'])
              .as('admin.categories.destroy')
            router
              .post('/grants', [controllers.admin.Categories, 'storeGrant'])
              .as('admin.categories.grants.store')
            router
              .put('/grants/:grantId', [controllers.admin.Categories, 'updateGrant'])
              .as('admin.categories.grants.update')
              .where('grantId', router.matchers.number())
            router
              .delete('/grants/:grantId', [controllers.admin.Categories, 'destroyGrant'])
              .as('admin.categories.grants.destroy')
              .where('grantId', router.matchers.number())
          })
          .prefix('/categories/:id')
          .where('id', router.matchers.number())
        router
          .post('/customers', [controllers.admin.Customers, 'store'])
          .as('admin.customers.store')
        router
          .post('/customer-numbers/:id/activation-codes', [
            controllers.admin.Customers,
            'issueCode',
          ])
          .as('admin.customers.issue_code')
          .where('id', router.matchers.number())
        router
          .group(() => {
            router
              .post('/reset-password', [controllers.admin.Users, 'resetPassword'])
              .as('admin.users.reset_password')
            router.post('/block', [controllers.admin.Users, 'block']).as('admin.users.block')
            router.put('/manager', [controllers.admin.Users, 'manager']).as('admin.users.manager')
            router.post('/unblock', [controllers.admin.Users, 'unblock']).as('admin.users.unblock')
            router
              .post('/reset-account', [controllers.admin.Users, 'resetAccount'])
              .as('admin.users.reset_account')
          })
          .prefix('/users/:id')
          .where('id', router.matchers.number())
        router
          .get('/invitations', [controllers.admin.Invitations, 'index'])
          .as('admin.invitations.index')
        router
          .post('/invitations', [controllers.admin.Invitations, 'store'])
          .as('admin.invitations.store')
        router
          .group(() => {
            router
              .get('/api-tokens', [controllers.admin.ApiTokens, 'index'])
              .as('admin.api_tokens.index')
            router
              .post('/api-tokens', [controllers.admin.ApiTokens, 'store'])
              .as('admin.api_tokens.store')
            router
              .delete('/api-tokens/:id', [controllers.admin.ApiTokens, 'destroy'])
              .as('admin.api_tokens.destroy')
              .where('id', router.matchers.number())
            router
              .get('/problems', [controllers.admin.Problems, 'index'])
              .as('admin.problems.index')
            router
              .post('/problems/mails/:id/retry', [controllers.admin.Problems, 'retryMail'])
              .as('admin.problems.retry_mail')
              .where('id', router.matchers.number())
          })
          .use(middleware.can({ ability: 'viewOperations' }))

        /**
         * The tenant's configuration (TEN): plugins, portal address and
         * branding, portal messages, e-mail templates. Admins only.
         */
        router
          .group(() => {
            // TEN-1, TEN-2, TEN-3, TEN-4: plugins and portal settings
            router.get('/plugins', [controllers.admin.Plugins, 'index']).as('admin.plugins.index')
            router
              .group(() => {
                router
                  .post('/enable', [controllers.admin.Plugins, 'enable'])
                  .as('admin.plugins.enable')
                router
                  .post('/disable', [controllers.admin.Plugins, 'disable'])
                  .as('admin.plugins.disable')
                router
                  .put('/settings', [controllers.admin.Plugins, 'updateSettings'])
                  .as('admin.plugins.settings')
              })
              .prefix('/plugins/:id')
              .where('id', /^[a-z0-9-]+$/)
            router
              .get('/portal', [controllers.admin.PortalSettings, 'show'])
              .as('admin.portal.show')
            router
              .group(() => {
                router
                  .put('/host', [controllers.admin.PortalSettings, 'updateHost'])
                  .as('admin.portal.host')
                router
                  .put('/org-style', [controllers.admin.PortalSettings, 'updateOrgStyle'])
                  .as('admin.portal.org_style')
                router
                  .put('/branding', [controllers.admin.PortalSettings, 'updateBranding'])
                  .as('admin.portal.branding')
                router
                  .post('/images/:kind', [controllers.admin.PortalSettings, 'uploadImage'])
                  .as('admin.portal.images.store')
                  .where('kind', /^(org_logo|logo|favicon)$/)
                router
                  .delete('/images/:kind', [controllers.admin.PortalSettings, 'removeImage'])
                  .as('admin.portal.images.destroy')
                  .where('kind', /^(org_logo|logo|favicon)$/)
                router
                  .put('/contact', [controllers.admin.PortalSettings, 'updateContact'])
                  .as('admin.portal.contact')
                router
                  .put('/header', [controllers.admin.PortalSettings, 'updateHeader'])
                  .as('admin.portal.header')
                router
                  .put('/sessions', [controllers.admin.PortalSettings, 'updateSessions'])
                  .as('admin.portal.sessions')
              })
              .prefix('/portal')
            // TEN-5: portal messages
            router
              .get('/messages', [controllers.admin.PortalMessages, 'index'])
              .as('admin.portal_messages.index')
            router
              .post('/messages', [controllers.admin.PortalMessages, 'store'])
              .as('admin.portal_messages.store')
            router
              .group(() => {
                router
                  .put('/', [controllers.admin.PortalMessages, 'update'])
                  .as('admin.portal_messages.update')
                router
                  .delete('/', [controllers.admin.PortalMessages, 'destroy'])
                  .as('admin.portal_messages.destroy')
                router
                  .post('/move', [controllers.admin.PortalMessages, 'move'])
                  .as('admin.portal_messages.move')
              })
              .prefix('/messages/:id')
              .where('id', router.matchers.number())
            // TEN-6: e-mail templates
            router
              .get('/mail-templates', [controllers.admin.MailTemplates, 'index'])
              .as('admin.mail_templates.index')
            router
              .group(() => {
                router
                  .get('/', [controllers.admin.MailTemplates, 'edit'])
                  .as('admin.mail_templates.edit')
                router
                  .put('/', [controllers.admin.MailTemplates, 'update'])
                  .as('admin.mail_templates.update')
                router
                  .delete('/', [controllers.admin.MailTemplates, 'reset'])
                  .as('admin.mail_templates.reset')
                router
                  .post('/preview', [controllers.admin.MailTemplates, 'preview'])
                  .as('admin.mail_templates.preview')
                router
                  .post('/test', [controllers.admin.MailTemplates, 'test'])
                  .as('admin.mail_templates.test')
              })
              .prefix('/mail-templates/:name/:locale')
              .where('name', /^[a-z_]{1,64}$/)
              .where('locale', /^(nl|fr|en)$/)
          })
          .use(middleware.can({ ability: 'manageTenant' }))
      })
      .prefix('/admin')
      .use([middleware.auth(), middleware.can({ ability: 'accessAdminArea' })])

    /**
     * The publishing API: bearer tokens of the tenant's API clients, JSON in and out.
     */
    router.get('/api/v1/openapi.json', [controllers.api.Documents, 'openapi']).as('api.openapi')
    router
      .group(() => {
        router.post('/documents', [controllers.api.Documents, 'store']).as('api.documents.store')
        router.get('/documents', [controllers.api.Documents, 'index']).as('api.documents.index')
        router.get('/batches/:key', [controllers.api.Documents, 'showBatch']).as('api.batches.show')
        router
          .post('/batches/:key/close', [controllers.api.Documents, 'closeBatch'])
          .as('api.batches.close')
        router
          .get('/documents/:id', [controllers.api.Documents, 'show'])
          .as('api.documents.show')
          .where('id', router.matchers.number())
      })
      .prefix('/api/v1')
      .use(middleware.apiAuth())

    /**
     * Routes of the plugins, each closed (404) to tenants that did not
     * enable the plugin.
     */
    registerPluginRoutes(pluginRoutes)
  })
  .use([middleware.tenant(), middleware.locale()])
