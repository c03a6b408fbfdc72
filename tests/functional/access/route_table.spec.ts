import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import type { ApiRequest } from '@japa/api-client'
import TenantPlugin from '#models/tenant_plugin'
import type User from '#models/user'
import type Tenant from '#models/tenant'
import { tenantContext } from '#tenancy/tenant_context'
import { freshWorld } from '#tests/support/world'
import { TenantFactory } from '#database/factories/tenant_factory'
import { UserFactory, PASSWORD } from '#database/factories/user_factory'
import { tenantHost } from '#tests/support/api_client_macros'
import { createCustomer, shareNumbers } from '#tests/support/accounts'
import DocumentGrant from '#models/document_grant'
import Label from '#models/label'
import Download from '#models/download'
import { DateTime } from 'luxon'
import { createDocument } from '#tests/support/documents'
import env from '#start/env'
import { opsHost } from '#services/ops_host'
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { pluginFolders } from '#plugins/paths'

/**
 * Who may reach every route of the application. Each route (by name and
 * method) states what each kind of visitor gets:
 *
 * - `allowed`: the route's own handler answers (a page, JSON, or a redirect
 *   back with validation errors for an empty form);
 * - `login`: sent to the login page;
 * - `home`: a guest-only page sends a logged-in user to the portal home;
 * - `forbidden`: 403.
 *
 * A route added to the application without a line here makes the suite fail.
 */
type Outcome = 'allowed' | 'login' | 'home' | 'forbidden' | 'notfound' | 'unauthorized'
/**
 * `customer` is the main contact of customer number N1; `sharedUser` sees N1
 * through sharing; `otherCustomer` is the main contact of another customer's
 * number in the same tenant; `otherTenantAdmin` is an admin of another tenant.
 */
type Role =
  'anonymous' | 'customer' | 'sharedUser' | 'otherCustomer' | 'staff' | 'admin' | 'otherTenantAdmin'
type BaseRole = 'anonymous' | 'customer' | 'staff' | 'admin' | 'otherTenantAdmin'
/** Rules written for the five base roles; the customer's rule applies to every customer role unless given. */
type Rule = Record<BaseRole, Outcome> & Partial<Record<'sharedUser' | 'otherCustomer', Outcome>>

function expected(rule: Rule, role: Role): Outcome {
  if (role === 'sharedUser' || role === 'otherCustomer') return rule[role] ?? rule.customer
  return rule[role]
}

const PUBLIC: Rule = {
  anonymous: 'allowed',
  customer: 'allowed',
  staff: 'allowed',
  admin: 'allowed',
  otherTenantAdmin: 'allowed',
}
const GUESTS: Rule = {
  anonymous: 'allowed',
  customer: 'home',
  staff: 'home',
  admin: 'home',
  otherTenantAdmin: 'allowed',
}
const USERS: Rule = {
  anonymous: 'login',
  customer: 'allowed',
  staff: 'allowed',
  admin: 'allowed',
  otherTenantAdmin: 'login',
}
const STAFF: Rule = {
  anonymous: 'login',
  customer: 'forbidden',
  staff: 'allowed',
  admin: 'allowed',
  otherTenantAdmin: 'login',
}
const ADMINS: Rule = {
  anonymous: 'login',
  customer: 'forbidden',
  staff: 'forbidden',
  admin: 'allowed',
  otherTenantAdmin: 'login',
}
/** Logging out ends on the login page for everybody (tests/functional/identity covers the session end). */
const LOGOUT: Rule = {
  anonymous: 'login',
  customer: 'login',
  staff: 'login',
  admin: 'login',
  otherTenantAdmin: 'login',
}

/** The second step of a login: only with a pending login in the session (none here). */
const PENDING_LOGIN: Rule = {
  anonymous: 'login',
  customer: 'home',
  staff: 'home',
  admin: 'home',
  otherTenantAdmin: 'login',
}
/** "Not now" to the two-step offer goes on to the portal home. */
const USERS_TO_HOME: Rule = {
  anonymous: 'login',
  customer: 'home',
  staff: 'home',
  admin: 'home',
  otherTenantAdmin: 'login',
}

const USERS_404: Rule = {
  anonymous: 'login',
  customer: 'notfound',
  staff: 'notfound',
  admin: 'notfound',
  otherTenantAdmin: 'login',
}

/** Labels are private: deleting label 1 (nobody's here) comes back to the form with an error. */
const LABEL_OWNER: Rule = {
  anonymous: 'login',
  customer: 'allowed',
  staff: 'allowed',
  admin: 'allowed',
  otherTenantAdmin: 'login',
}

/** Bearer tokens only (tests/functional/documents covers the tokens). */
const API: Rule = {
  anonymous: 'unauthorized',
  customer: 'unauthorized',
  staff: 'unauthorized',
  admin: 'unauthorized',
  otherTenantAdmin: 'unauthorized',
}

/** DOC-9: customers upload; staff publish through other means. */
const CUSTOMERS: Rule = {
  anonymous: 'login',
  customer: 'allowed',
  staff: 'forbidden',
  admin: 'forbidden',
  otherTenantAdmin: 'login',
}

/** Staff pages of one category: category 1 does not exist in this fixture. */
const NOWHERE: Rule = {
  anonymous: 'notfound',
  customer: 'notfound',
  staff: 'notfound',
  admin: 'notfound',
  otherTenantAdmin: 'notfound',
}
const STAFF_404: Rule = { ...STAFF, staff: 'notfound', admin: 'notfound' }

/** Self-registration: this tenant offers none, so the pages do not exist (404). */
const GUESTS_REGISTER: Rule = { ...GUESTS, anonymous: 'notfound', otherTenantAdmin: 'notfound' }

/** Managing shared users: the main contact only; another main contact's people are unknown (404). */
const MAIN_CONTACT: Rule = {
  anonymous: 'login',
  customer: 'allowed',
  sharedUser: 'forbidden',
  otherCustomer: 'notfound',
  staff: 'forbidden',
  admin: 'forbidden',
  otherTenantAdmin: 'login',
}
const MAIN_CONTACT_PAGE: Rule = { ...MAIN_CONTACT, otherCustomer: 'allowed' }

const RULES: Record<string, Rule> = {
  'GET health': PUBLIC,
  'GET session.create': GUESTS,
  'POST session.store': GUESTS,
  'GET password.forgot': GUESTS,
  'POST password.email': GUESTS,
  'GET password.reset': PUBLIC,
  // Without a valid signature: back to the login page with a message, for everyone.
  'GET session.unlock': {
    anonymous: 'login',
    customer: 'login',
    staff: 'login',
    admin: 'login',
    otherTenantAdmin: 'login',
  },
  'POST password.update': PUBLIC,
  'GET activation.show': PUBLIC,
  'POST activation.store': PUBLIC,
  'POST locale.update': PUBLIC,
  // TEN-3: an image the tenant does not use answers 404 to everybody.
  'GET branding.show': NOWHERE,
  // TEN-4: the fixture tenant has no support address, so no help form (tests/functional/tenancy covers it).
  'GET help.create': NOWHERE,
  'POST help.store': NOWHERE,
  'GET portal.home': USERS,
  'GET customer_numbers.index': USERS,
  'GET documents.index': USERS,
  'POST labels.store': USERS,
  'PUT labels.update': USERS,
  'DELETE labels.destroy': LABEL_OWNER,
  'POST labels.apply': USERS,
  'POST downloads.store': USERS,
  'GET downloads.index': USERS,
  'GET downloads.file': USERS_404,
  // No failed download 1 in this fixture: whoever may enter gets 404.
  'POST downloads.retry': USERS_404,
  // No document 1 in this fixture: whoever may enter gets 404 (tests/functional/documents covers rights).
  'GET documents.show': USERS_404,
  'GET documents.csv': USERS_404,
  'GET documents.file': USERS_404,
  'PUT documents.update': USERS_404,
  'DELETE documents.destroy': USERS_404,
  'PUT documents.audience': USERS_404,
  'PUT documents.classify': USERS_404,
  'POST documents.grants.store': USERS_404,
  'PUT documents.grants.update': USERS_404,
  'DELETE documents.grants.destroy': USERS_404,
  'GET uploads.create': CUSTOMERS,
  'POST uploads.store': CUSTOMERS,
  'GET admin.categories.index': STAFF,
  'POST admin.categories.store': STAFF,
  'PUT admin.categories.update': STAFF_404,
  'DELETE admin.categories.destroy': STAFF_404,
  'POST admin.categories.grants.store': STAFF_404,
  'PUT admin.categories.grants.update': STAFF_404,
  'DELETE admin.categories.grants.destroy': STAFF_404,
  'GET api.batches.show': API,
  'POST api.batches.close': API,
  'POST customer_numbers.hand_over': USERS,
  // Only the number's main contact chooses; to anyone else the number is unknown here.
  'PUT customer_numbers.notify_mode': {
    ...USERS_404,
    customer: 'allowed',
    sharedUser: 'notfound',
    otherCustomer: 'notfound',
  },
  'GET shared_users.index': MAIN_CONTACT_PAGE,
  'POST shared_users.store': MAIN_CONTACT_PAGE,
  'PUT shared_users.update': MAIN_CONTACT,
  'PUT shared_users.email': MAIN_CONTACT,
  'DELETE shared_users.destroy': MAIN_CONTACT,
  'POST session.destroy': LOGOUT,
  'GET two_step.challenge': PENDING_LOGIN,
  'POST two_step.verify': PENDING_LOGIN,
  'GET two_step.lost_device': PENDING_LOGIN,
  'POST two_step.lost_device.send': PENDING_LOGIN,
  'POST two_step.lost_device.verify': PENDING_LOGIN,
  'GET email.confirm': USERS,
  'GET profile.show': USERS,
  'GET activity.own': USERS,
  'GET admin.activity': STAFF,
  'GET admin.users.index': STAFF,
  'GET admin.customers.index': STAFF,
  'GET admin.customers.show': STAFF_404,
  'POST admin.customers.store': STAFF,
  'POST admin.customers.issue_code': STAFF,
  'GET register.show': GUESTS_REGISTER,
  'GET api.openapi': PUBLIC,
  // The publishing API takes bearer tokens only: a session, even an admin's, is not enough.
  'POST api.documents.store': API,
  'GET api.documents.index': API,
  'GET api.documents.show': API,
  'POST register.code': GUESTS_REGISTER,
  'POST register.email': GUESTS_REGISTER,
  'POST register.resend': GUESTS,
  // Whatever the link's state, the answer is the login page with a message.
  'GET register.confirm': LOGOUT,
  'POST admin.users.reset_password': STAFF,
  'POST admin.users.block': STAFF,
  'PUT admin.users.manager': STAFF,
  'PUT admin.customers.manager': STAFF_404,
  'POST admin.users.unblock': STAFF,
  'POST admin.users.reset_account': STAFF,
  'POST profile.update': USERS,
  'POST password.change': USERS,
  'GET security.show': USERS,
  'POST sessions.end': USERS,
  'POST sessions.end_others': USERS,
  'POST email.change': USERS,
  'POST recovery_email.store': USERS,
  'POST recovery_email.verify': USERS,
  'POST recovery_email.cancel': USERS,
  'GET two_step.setup': USERS,
  'POST two_step.enable': USERS,
  'POST two_step.disable': USERS,
  'GET two_step.offer': USERS,
  'POST two_step.decline': USERS_TO_HOME,
  'GET admin.dashboard': STAFF,
  'GET admin.invitations.index': ADMINS,
  'POST admin.invitations.store': ADMINS,
  'GET admin.api_tokens.index': ADMINS,
  'POST admin.api_tokens.store': ADMINS,
  // No token 1 of this tenant: an admin gets 404.
  'DELETE admin.api_tokens.destroy': { ...ADMINS, admin: 'notfound' },
  // TEN-5: portal messages (message 999999 does not exist: an admin gets 404).
  'GET admin.portal_messages.index': ADMINS,
  'POST admin.portal_messages.store': ADMINS,
  'PUT admin.portal_messages.update': { ...ADMINS, admin: 'notfound' },
  'DELETE admin.portal_messages.destroy': { ...ADMINS, admin: 'notfound' },
  'POST admin.portal_messages.move': { ...ADMINS, admin: 'notfound' },
  // TEN-6: e-mail templates (an empty form comes back with its errors).
  'GET admin.mail_templates.index': ADMINS,
  'GET admin.mail_templates.edit': ADMINS,
  'PUT admin.mail_templates.update': ADMINS,
  'DELETE admin.mail_templates.reset': ADMINS,
  'POST admin.mail_templates.preview': ADMINS,
  'POST admin.mail_templates.test': ADMINS,
  // TEN-2: plugin "nope" is not installed: an admin gets 404 (tests/functional/plugins covers the rest).
  'GET admin.plugins.index': ADMINS,
  'POST admin.plugins.enable': { ...ADMINS, admin: 'notfound' },
  'POST admin.plugins.disable': { ...ADMINS, admin: 'notfound' },
  'PUT admin.plugins.settings': { ...ADMINS, admin: 'notfound' },
  // TEN-1, TEN-3, TEN-4, TEN-8: the portal's settings (an empty form saves or comes back with errors).
  'GET admin.portal.show': ADMINS,
  'PUT admin.portal.host': ADMINS,
  'PUT admin.portal.org_style': ADMINS,
  'PUT admin.portal.branding': ADMINS,
  'POST admin.portal.images.store': ADMINS,
  'DELETE admin.portal.images.destroy': ADMINS,
  'PUT admin.portal.contact': ADMINS,
  'PUT admin.portal.header': ADMINS,
  'PUT admin.portal.sessions': ADMINS,
  'GET admin.problems.index': ADMINS,
  'POST admin.problems.retry_mail': { ...ADMINS, admin: 'notfound' },
  ...pluginRules(),
}

/**
 * Each plugin states who may reach its routes in `tests/access.json`, beside
 * its code (removed with it): route key to a preset of this table (`public`,
 * `users`, `staff`, `admins`, `customers`, `api`) or a full rule.
 */
function pluginRules(): Record<string, Rule> {
  const presets: Record<string, Rule> = {
    public: PUBLIC,
    users: USERS,
    staff: STAFF,
    admins: ADMINS,
    customers: CUSTOMERS,
    api: API,
  }
  const rules: Record<string, Rule> = {}
  for (const folder of pluginFolders()) {
    const file = join(folder, 'tests', 'access.json')
    if (!existsSync(file)) continue
    const declared: Record<string, string | Rule> = JSON.parse(readFileSync(file, 'utf8'))
    for (const [key, rule] of Object.entries(declared)) {
      if (typeof rule === 'string' && !(rule in presets)) {
        throw new Error(`${file}: "${key}" names an unknown preset "${rule}"`)
      }
      rules[key] = typeof rule === 'string' ? presets[rule] : rule
    }
  }
  return rules
}

/** Concrete URLs for patterns with parameters (ids of the fixture below). */
interface FixtureIds {
  sharedUser: number
  number: number
  document?: number
  grant?: number
  label?: number
  download?: number
}

function urlOf(pattern: string, ids: FixtureIds): string {
  return pattern
    .replace('/shared-users/:id', `/shared-users/${ids.sharedUser}`)
    .replace('/customer-numbers/:id', `/customer-numbers/${ids.number}`)
    .replace('/documents/:id', `/documents/${ids.document ?? 1}`)
    .replace('/categories/:id', '/categories/1')
    .replace('/customers/:id', '/customers/999999')
    .replace(':grantId', String(ids.grant ?? 1))
    .replace(':key', 'run-1')
    .replace('/images/:kind', '/images/logo')
    .replace(':kind', 'pdf')
    .replace('/plugins/:id', '/plugins/nope')
    .replace(':file', `logo-${'0'.repeat(20)}.png`)
    .replace('/labels/:id', `/labels/${ids.label ?? 1}`)
    .replace('/downloads/:id', `/downloads/${ids.download ?? 1}`)
    .replace('/api-tokens/:id', '/api-tokens/999999')
    .replace('/mail-templates/:name/:locale', '/mail-templates/invitation/fr')
    .replace('/messages/:id', '/messages/999999')
    .replace('/sessions/:id', '/sessions/999999')
    .replace('/mails/:id', '/mails/999999')
    .replace('/unlock/:id', '/unlock/1')
    .replace('/users/:id', `/users/${ids.sharedUser}`)
    .replace(':token', 'A'.repeat(43))
    .replace('/step/:step', '/step/1')
    .replace('/*', '/vendor/missing.js')
}

/** Where a form "comes from": a redirect back lands here. */
const FORM_PAGE = '/__form__'

/** A form post as the browser sends it from a page of `host`: CSRF token, Origin, Referer. */
function fromPageOf(request: ApiRequest, host: string): ApiRequest {
  const origin = `http://${host}`
  return request.withCsrfToken().header('Origin', origin).header('Referer', `${origin}${FORM_PAGE}`)
}

function classify(status: number, location: string | undefined): Outcome | `status ${number}` {
  if (status === 401) return 'unauthorized'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'notfound'
  if (status === 302 && location?.endsWith(FORM_PAGE)) return 'allowed'
  if (status === 302 && location === '/login') return 'login'
  if (status === 302 && location === '/') return 'home'
  if (status < 500) return 'allowed'
  return `status ${status}`
}

/**
 * The operator host's routes (OPS-1): without an operator's login (a
 * tenant's session counts for nothing there), only the login opens.
 */
const OPS_RULES: Record<string, 'allowed' | 'login'> = {
  'GET ops.login': 'allowed',
  'POST ops.login.store': 'allowed',
  'GET ops.code': 'login',
  'POST ops.code.verify': 'login',
  'GET ops.dashboard': 'login',
  'POST ops.logout': 'login',
  'GET ops.queues': 'login',
  'POST ops.queues': 'login',
  'GET ops.queues.assets': 'login',
  'POST ops.queues.assets': 'login',
  'GET ops.temporal': 'login',
  'POST ops.temporal': 'login',
  'GET ops.temporal.assets': 'login',
  'POST ops.temporal.assets': 'login',
  'GET ops.health': 'login',
}

function routeTable(domain = 'root') {
  const entries: { key: string; name: string; method: string; pattern: string }[] = []
  for (const [routeDomain, routes] of Object.entries(router.toJSON())) {
    if (routeDomain !== domain) continue
    for (const route of routes) {
      const write = ['POST', 'PUT', 'PATCH', 'DELETE'].find((method) =>
        route.methods.includes(method)
      )
      const methods = write ? [write] : ['GET']
      for (const method of methods) {
        entries.push({
          key: `${method} ${route.name}`,
          name: route.name!,
          method,
          pattern: route.pattern,
        })
      }
    }
  }
  return entries
}

test.group('Access rules / every route', (group) => {
  let tenant: Tenant
  let users: Record<Exclude<Role, 'anonymous'>, User>
  let ids: { sharedUser: number; number: number }

  group.setup(async () => {
    await freshWorld()
    tenant = await TenantFactory.create()
    const other = await TenantFactory.create()
    users = {
      customer: await UserFactory.for(tenant).create(),
      sharedUser: await UserFactory.for(tenant).create(),
      otherCustomer: await UserFactory.for(tenant).create(),
      staff: await UserFactory.for(tenant).apply('staff').create(),
      admin: await UserFactory.for(tenant).apply('admin').create(),
      otherTenantAdmin: await UserFactory.for(other).apply('admin').create(),
    }
    const { numbers } = await createCustomer(tenant, 'Customer One', ['N1'], users.customer)
    await createCustomer(tenant, 'Customer Two', ['N2'], users.otherCustomer)
    await shareNumbers(tenant, users.customer, users.sharedUser, [numbers[0]])
    ids = { sharedUser: users.sharedUser.id, number: numbers[0].id }
    // Every installed plugin is enabled: each one's tests/access.json assumes it.
    await tenantContext.run(tenant.id, async () => {
      for (const folder of pluginFolders()) {
        await TenantPlugin.create({
          tenantId: tenant.id,
          pluginId: basename(folder),
          enabled: true,
          settings: '{}',
        })
      }
    })
  })

  test('every route has an access rule', ({ assert }) => {
    const missing = routeTable()
      .map((route) => route.key)
      .filter((key) => !(key in RULES))
    assert.deepEqual(missing, [], 'routes without a line in the access table')
  })

  test('the operator host: every route has a rule; without an operator login only the login opens', async ({
    client,
    assert,
  }) => {
    const routes = routeTable(opsHost)
    assert.isAbove(routes.length, 0)
    assert.deepEqual(
      routes.map((route) => route.key).filter((key) => !(key in OPS_RULES)),
      [],
      'operator routes without a line'
    )
    const mismatches: string[] = []
    for (const route of routes) {
      for (const as of ['anonymous', 'admin', 'customer'] as const) {
        let request: ApiRequest = client
          .request(route.pattern.replace('/*', '/vendor/x.js'), route.method)
          .header('Host', `${opsHost}:${env.get('PORT')}`)
          .redirects(0)
        if (route.method !== 'GET') request = fromPageOf(request, `${opsHost}:${env.get('PORT')}`)
        if (as !== 'anonymous') request = request.loginAs(users[as])
        const response = await request
        const got = classify(response.status(), response.header('location'))
        if (got !== OPS_RULES[route.key]) {
          mismatches.push(`${route.key} as ${as}: expected ${OPS_RULES[route.key]}, got ${got}`)
        }
      }
    }
    assert.deepEqual(mismatches, [])
  }).timeout(60_000)

  const roles: Role[] = [
    'anonymous',
    'customer',
    'sharedUser',
    'otherCustomer',
    'staff',
    'admin',
    'otherTenantAdmin',
  ]
  for (const role of roles) {
    test('{role} gets what the table says on every route')
      .with([{ role }])
      .run(async ({ client, assert }) => {
        const mismatches: string[] = []
        for (const route of routeTable()) {
          const rule = RULES[route.key]
          if (!rule) continue
          let request: ApiRequest = client
            .request(urlOf(route.pattern, ids), route.method)
            .forTenant(tenant.slug)
            .redirects(0)
          if (route.method !== 'GET') request = fromPageOf(request, tenantHost(tenant.slug))
          if (role !== 'anonymous') request = request.loginAs(users[role])
          const response = await request
          const got = classify(response.status(), response.header('location'))
          if (got !== expected(rule, role)) {
            mismatches.push(
              `${route.key} (${route.pattern}): expected ${expected(rule, role)}, got ${got}`
            )
          }
        }
        assert.deepEqual(mismatches, [])
      })
      .timeout(120_000)
  }
})

/**
 * The second dimension: entering a route is one thing, what it does another.
 * Every state-changing route is called by someone who may not touch the
 * victim's data (a customer of another customer of the same tenant, an
 * admin of another tenant), aimed at the victim's own things (its customer
 * number, shared user, document, grant, label, download) with a body that
 * would change them. Afterwards, every row of the victim's tenant must be as
 * it was, but for what the caller owns and the append-only records.
 */
const OWN_OR_LOG_TABLES = new Set([
  'activity_events',
  'document_events',
  'document_reads',
  'document_notifications',
  'user_sessions',
  'mail_deliveries',
  'password_reset_tokens',
  'email_codes',
  'auth_access_tokens',
  'operators',
])
const OWNER_COLUMNS = [
  'user_id',
  'owner_id',
  'granted_by_id',
  'main_contact_id',
  'created_by_id',
  'issued_by_id',
]

async function tenantFingerprint(tenantId: number, caller: number): Promise<Map<string, string>> {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const connection = db.connection()
  const isPostgres = connection.dialect.name === 'postgres'
  const all = await connection.getAllTables(isPostgres ? ['public'] : undefined)
  const tables = all.filter(
    (name) => !name.startsWith('adonis_schema') && !OWN_OR_LOG_TABLES.has(name)
  )
  const rows = new Map<string, string>()
  for (const table of tables) {
    const columns = Object.keys(await connection.columnsInfo(table))
    if (table !== 'tenants' && !columns.includes('tenant_id')) continue
    const query = connection.from(table)
    if (table === 'tenants') void query.where('id', tenantId)
    else void query.where('tenant_id', tenantId)
    for (const row of await query) {
      if (table === 'users' && row.id === caller) continue
      if (OWNER_COLUMNS.some((column) => column in row && row[column] === caller)) continue
      // When a row was touched is no change of what it holds.
      const kept = { ...row }
      delete kept.updated_at
      delete kept.last_login_at
      rows.set(`${table}#${row.id ?? JSON.stringify(kept)}`, JSON.stringify(kept))
    }
  }
  return rows
}

test.group('Access rules / what a state-changing route does to someone else', (group) => {
  let tenant: Tenant
  let users: Record<'customer' | 'sharedUser' | 'otherCustomer' | 'otherTenantAdmin', User>
  let ids: FixtureIds

  group.setup(async () => {
    await freshWorld()
    tenant = await TenantFactory.merge({
      registrationStyles: 'activation_code,customer_email',
    }).create()
    const other = await TenantFactory.create()
    users = {
      customer: await UserFactory.for(tenant).merge({ email: 'victim@example.com' }).create(),
      sharedUser: await UserFactory.for(tenant).merge({ email: 'shared@example.com' }).create(),
      otherCustomer: await UserFactory.for(tenant).merge({ email: 'other@example.com' }).create(),
      otherTenantAdmin: await UserFactory.for(other)
        .apply('admin')
        .merge({ email: 'admin@other.example' })
        .create(),
    }
    const { numbers } = await createCustomer(tenant, 'Victim NV', ['N1'], users.customer)
    await createCustomer(tenant, 'Other NV', ['N2'], users.otherCustomer)
    await shareNumbers(tenant, users.customer, users.sharedUser, [numbers[0]])
    const fixture = await tenantContext.run(tenant.id, async () => {
      const document = await createDocument(tenant, numbers[0].id, { title: 'Victim invoice' })
      const grant = await DocumentGrant.create({
        tenantId: tenant.id,
        documentId: document.id,
        subjectType: 'user',
        subjectId: users.sharedUser.id,
        canRead: true,
        canUpdate: false,
        canDelete: false,
        canChangeSecurity: false,
      })
      const label = await Label.create({
        tenantId: tenant.id,
        userId: users.customer.id,
        name: 'Victim label',
        color: '#1d4ed8',
      })
      const download = await Download.create({
        tenantId: tenant.id,
        userId: users.customer.id,
        documentIds: JSON.stringify([document.id]),
        status: 'failed',
        total: 1,
        done: 0,
        expiresAt: DateTime.now().plus({ hours: 72 }),
      })
      return { document: document.id, grant: grant.id, label: label.id, download: download.id }
    })
    ids = { sharedUser: users.sharedUser.id, number: numbers[0].id, ...fixture }
  })

  for (const caller of ['otherCustomer', 'otherTenantAdmin'] as const) {
    test('{caller} changes nothing of the victim through any state-changing route')
      .with([{ caller }])
      .run(async ({ client, assert }) => {
        const body = {
          email: 'taken.over@evil.example',
          loginEmail: 'taken.over@evil.example',
          firstName: 'Evil',
          lastName: 'Evil',
          locale: 'fr',
          title: 'Changed by someone else',
          name: 'Changed',
          color: '#ff0000',
          numberIds: [ids.number],
          numberId: ids.number,
          customerNumberId: ids.number,
          documentIds: [ids.document],
          labelIds: [ids.label],
          audience: 'grants',
          subjectType: 'user',
          subject: 'other@example.com',
          read: true,
          update: true,
          delete: true,
          changeSecurity: true,
          currentPassword: PASSWORD,
          password: 'lantern orchard velvet',
          passwordConfirmation: 'lantern orchard velvet',
        }
        const changed: string[] = []
        for (const route of routeTable()) {
          if (route.method === 'GET') continue
          const before = await tenantFingerprint(tenant.id, users[caller].id)
          await fromPageOf(
            client
              .request(urlOf(route.pattern, ids), route.method)
              .forTenant(tenant.slug)
              .loginAs(users[caller]),
            tenantHost(tenant.slug)
          )
            .json(body)
            .redirects(0)
          const after = await tenantFingerprint(tenant.id, users[caller].id)
          const diff = [...new Set([...before.keys(), ...after.keys()])].filter(
            (key) => before.get(key) !== after.get(key)
          )
          if (diff.length) changed.push(`${route.key}: ${diff.join(', ')}`)
        }
        assert.deepEqual(changed, [])
      })
      .timeout(180_000)
  }
})
