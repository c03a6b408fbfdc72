/**
 * Tenants (TEN): what each visitor sees of the tenant (language, help,
 * branding images) and the tenant's configuration in the admin area:
 * plugins, portal address, branding and contact details, portal messages,
 * e-mail templates, seats and the activity log.
 *
 * @spec TEN-1 TEN-2 TEN-3 TEN-4 TEN-5 TEN-6 TEN-7 TEN-8 TEN-9
 */
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { adminRoutes } from '#start/routes/areas'

export default function tenancyRoutes() {
  /**
   * Anybody: the language choice (TEN-7), writing to customer service
   * (TEN-4), the tenant's logo and favicon (TEN-3).
   */
  router.post('/locale', [controllers.tenancy.Locale, 'update']).as('locale.update')
  router.get('/help', [controllers.tenancy.Help, 'create']).as('help.create')
  router.post('/help', [controllers.tenancy.Help, 'store']).as('help.store')
  router
    .get('/branding/:file', [controllers.tenancy.Branding, 'show'])
    .as('branding.show')
    .where('file', /^(org_logo|logo|favicon)-[0-9a-f]{20}\.(png|jpg|webp|ico)$/)

  /**
   * The admin area's start page (seats in use, TEN-8) and the tenant's
   * activity log (TEN-9).
   */
  adminRoutes(() => {
    router.get('/', [controllers.tenancy.AdminDashboard, 'show']).as('admin.dashboard')
    router.get('/activity', [controllers.operations.Activity, 'index']).as('admin.activity')
  })

  /**
   * The tenant's configuration: plugins, portal address and branding,
   * portal messages, e-mail templates. Admins only.
   */
  adminRoutes(() => {
    // TEN-1, TEN-2, TEN-3, TEN-4: plugins and portal settings
    router.get('/plugins', [controllers.tenancy.Plugins, 'index']).as('admin.plugins.index')
    router
      .group(() => {
        router.post('/enable', [controllers.tenancy.Plugins, 'enable']).as('admin.plugins.enable')
        router
          .post('/disable', [controllers.tenancy.Plugins, 'disable'])
          .as('admin.plugins.disable')
        router
          .put('/settings', [controllers.tenancy.Plugins, 'updateSettings'])
          .as('admin.plugins.settings')
      })
      .prefix('/plugins/:id')
      .where('id', /^[a-z0-9-]+$/)
    router.get('/portal', [controllers.tenancy.PortalSettings, 'show']).as('admin.portal.show')
    router
      .group(() => {
        router
          .put('/host', [controllers.tenancy.PortalSettings, 'updateHost'])
          .as('admin.portal.host')
        router
          .put('/org-style', [controllers.tenancy.PortalSettings, 'updateOrgStyle'])
          .as('admin.portal.org_style')
        router
          .put('/branding', [controllers.tenancy.PortalSettings, 'updateBranding'])
          .as('admin.portal.branding')
        router
          .post('/images/:kind', [controllers.tenancy.PortalSettings, 'uploadImage'])
          .as('admin.portal.images.store')
          .where('kind', /^(org_logo|logo|favicon)$/)
        router
          .delete('/images/:kind', [controllers.tenancy.PortalSettings, 'removeImage'])
          .as('admin.portal.images.destroy')
          .where('kind', /^(org_logo|logo|favicon)$/)
        router
          .put('/contact', [controllers.tenancy.PortalSettings, 'updateContact'])
          .as('admin.portal.contact')
        router
          .put('/header', [controllers.tenancy.PortalSettings, 'updateHeader'])
          .as('admin.portal.header')
        router
          .put('/sessions', [controllers.tenancy.PortalSettings, 'updateSessions'])
          .as('admin.portal.sessions')
      })
      .prefix('/portal')
    // TEN-5: portal messages
    router
      .get('/messages', [controllers.notifications.PortalMessages, 'index'])
      .as('admin.portal_messages.index')
    router
      .post('/messages', [controllers.notifications.PortalMessages, 'store'])
      .as('admin.portal_messages.store')
    router
      .group(() => {
        router
          .put('/', [controllers.notifications.PortalMessages, 'update'])
          .as('admin.portal_messages.update')
        router
          .delete('/', [controllers.notifications.PortalMessages, 'destroy'])
          .as('admin.portal_messages.destroy')
        router
          .post('/move', [controllers.notifications.PortalMessages, 'move'])
          .as('admin.portal_messages.move')
      })
      .prefix('/messages/:id')
      .where('id', router.matchers.number())
    // TEN-6: e-mail templates
    router
      .get('/mail-templates', [controllers.notifications.MailTemplates, 'index'])
      .as('admin.mail_templates.index')
    router
      .group(() => {
        router
          .get('/', [controllers.notifications.MailTemplates, 'edit'])
          .as('admin.mail_templates.edit')
        router
          .put('/', [controllers.notifications.MailTemplates, 'update'])
          .as('admin.mail_templates.update')
        router
          .delete('/', [controllers.notifications.MailTemplates, 'reset'])
          .as('admin.mail_templates.reset')
        router
          .post('/preview', [controllers.notifications.MailTemplates, 'preview'])
          .as('admin.mail_templates.preview')
        router
          .post('/test', [controllers.notifications.MailTemplates, 'test'])
          .as('admin.mail_templates.test')
      })
      .prefix('/mail-templates/:name/:locale')
      .where('name', /^[a-z_]{1,64}$/)
      .where('locale', /^(nl|fr|en)$/)
  }, 'manageTenant')
}
