import type { HttpContext } from '@adonisjs/core/http'
import type { ApplicationService } from '@adonisjs/core/types'
import { SessionGuard } from '@adonisjs/auth/session'
import type { SessionGuardOptions, SessionUserProviderContract } from '@adonisjs/auth/types/session'
import type { GuardConfigProvider } from '@adonisjs/auth/types'
import type { AuthClientResponse } from '@adonisjs/auth/types'
import type User from '#models/user'
import { SESSION_KEY, userSessions } from '#actions/identity/user_sessions'

type UserProvider = SessionUserProviderContract<User>

/**
 * Adonis' session guard, with a server-side row per login
 * (#actions/identity/user_sessions): every login opens one and puts its key
 * in the session, logout closes it. The auth middleware checks the row on
 * each request. Test clients logging in (`loginAs`) get a row as well, so
 * they pass the same check as a browser.
 *
 * @spec IAM-1
 */
export class PortalSessionGuard extends SessionGuard<false, UserProvider> {
  #ctx: HttpContext

  constructor(
    name: string,
    ctx: HttpContext,
    options: SessionGuardOptions<false>,
    emitter: ConstructorParameters<typeof SessionGuard<false, UserProvider>>[3],
    provider: UserProvider
  ) {
    super(name, ctx, options, emitter, provider)
    this.#ctx = ctx
  }

  async login(user: User, remember = false) {
    await super.login(user, remember)
    await userSessions.start(this.#ctx, user)
  }

  async logout() {
    await userSessions.endCurrent(this.#ctx)
    await super.logout()
  }

  async authenticateAsClient(user: User): Promise<AuthClientResponse> {
    const response = await super.authenticateAsClient(user)
    return {
      ...response,
      session: { ...response.session, [SESSION_KEY]: await userSessions.open(user, null) },
    }
  }
}

/**
 * `sessionGuard()` of config/auth.ts, building the guard above.
 */
export function portalSessionGuard(config: {
  provider: UserProvider | { resolver: (app: ApplicationService) => Promise<UserProvider> }
}): GuardConfigProvider<(ctx: HttpContext) => PortalSessionGuard> {
  return {
    async resolver(name, app) {
      const emitter = await app.container.make('emitter')
      const provider =
        'resolver' in config.provider ? await config.provider.resolver(app) : config.provider
      const options: SessionGuardOptions<false> = { useRememberMeTokens: false }
      return (ctx) => new PortalSessionGuard(name, ctx, options, emitter as any, provider)
    },
  }
}
