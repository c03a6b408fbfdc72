import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import BaseInertiaMiddleware from '@adonisjs/inertia/inertia_middleware'
import UserTransformer from '#transformers/user_transformer'
import TenantTransformer from '#transformers/tenant_transformer'
import { LOCALES, isLocale } from '#services/locale'
import { uiMessages, uiMessagesVersion } from '#services/ui_messages'
import InvitationPolicy from '#policies/invitation_policy'
import SharingPolicy from '#policies/sharing_policy'
import PortalMessage from '#models/portal_message'
import { pluginMenu } from '#plugins/menu'

/**
 * Props every page receives: the tenant (name, colours), the user, the
 * language with its UI texts, flash messages and validation errors.
 *
 * @spec TEN-2 TEN-5 TEN-7
 */
export default class InertiaMiddleware extends BaseInertiaMiddleware {
  async share(ctx: HttpContext) {
    /**
     * Error pages can render before the tenant, session or auth middleware
     * ran: nothing here may assume they did.
     */
    const { session, auth, tenant, i18n, bouncer } = ctx as Partial<HttpContext>
    const user = auth?.user
    const locale = i18n?.locale ?? tenant?.defaultLocale ?? 'en'

    /**
     * What the menus may offer, asked of the same abilities and policies
     * the routes enforce (rights live in one place).
     */
    const can = {
      accessAdminArea: !!user && !!bouncer && (await bouncer.allows('accessAdminArea')),
      inviteCustomers:
        !!user && !!bouncer && (await bouncer.with(InvitationPolicy).allows('create')),
      viewOperations: !!user && !!bouncer && (await bouncer.allows('viewOperations')),
      manageSharing: !!user && !!bouncer && (await bouncer.with(SharingPolicy).allows('manage')),
      manageTenant: !!user && !!bouncer && (await bouncer.allows('manageTenant')),
    }

    /** Messages are no reason to fail a page (an error page may render without a database). */
    const board = tenant ? await PortalMessage.board(tenant.id).catch(() => null) : null

    return {
      errors: ctx.inertia.always(this.getValidationErrors(ctx)),
      flash: ctx.inertia.always({
        error: session?.flashMessages.get('error') as string | undefined,
        warning: session?.flashMessages.get('warning') as string | undefined,
        success: session?.flashMessages.get('success') as string | undefined,
      }),
      tenant: ctx.inertia.always(tenant ? TenantTransformer.transform(tenant) : null),
      user: ctx.inertia.always(user ? UserTransformer.transform(user) : null),
      can: ctx.inertia.always(can),
      /** TEN-2: entries of the plugins the tenant enabled. */
      pluginMenu: ctx.inertia.always(
        user && tenant ? await pluginMenu(tenant.id, user, isLocale(locale) ? locale : 'en') : []
      ),
      locale: ctx.inertia.always(locale),
      locales: ctx.inertia.always([...LOCALES]),
      /**
       * The UI texts (most of a page's bytes): sent once per language, then
       * kept by the browser across visits.
       */
      messages: ctx.inertia.once(() => uiMessages(locale), {
        key: `messages.${locale}.${uiMessagesVersion(locale)}`,
      }),
      /**
       * TEN-5: the tenant's portal messages per page, in the reader's
       * language; the layouts show the current page's. Sent again only when
       * a message changed (the key carries the board's version).
       */
      portalMessages: ctx.inertia.once(
        () =>
          board && tenant
            ? board.forLocale(
                isLocale(locale) ? locale : tenant.defaultLocale,
                tenant.defaultLocale
              )
            : {},
        { key: `portalMessages.${locale}.${board?.version ?? 'none'}` }
      ),
    }
  }

  async handle(ctx: HttpContext, next: NextFn) {
    await this.init(ctx)
    try {
      return await next()
    } finally {
      this.dispose(ctx)
    }
  }
}

declare module '@adonisjs/inertia/types' {
  type MiddlewareSharedProps = InferSharedProps<InertiaMiddleware>
  export interface SharedProps extends MiddlewareSharedProps {}
}
