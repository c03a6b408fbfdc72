import { mkdir, writeFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Tenant from '#models/tenant'
import TenantPlugin from '#models/tenant_plugin'
import { PluginRegistry, type LoadedPlugin } from '#plugins/registry'
import { importEntry } from '#plugins/paths'
import { forgetEnabledPlugins } from '#plugins/menu'
import { pluginSchedules } from '#plugins/schedules'
import { tenantContext } from '#tenancy/tenant_context'
import User from '#models/user'
import Customer from '#models/customer'
import CustomerNumber from '#models/customer_number'

/** The tenant of the current scope (a seeder's helpers work there). */
async function currentTenant(): Promise<Tenant> {
  const id = tenantContext.tenantId()
  if (id === undefined) throw new Error('A demo login or customer needs a tenant scope')
  return tenantContext.runUnscoped('seed demo data', () => Tenant.findOrFail(id))
}

/** A tenant as a plugin's seeder sees it. */
export interface DemoTenant {
  id: number
  slug: string
  name: string
}

/**
 * What a plugin's `entry.seeder` receives. It runs inside the demo tenant's
 * scope, after the core's demo data, at every `npm start`: it creates only
 * what is missing.
 */
export interface PluginSeedContext {
  /** The demo tenant (`demo`), where the plugin is enabled. */
  tenant: DemoTenant
  /**
   * A demo tenant of the plugin's own (created once, the plugin enabled
   * there); `work` runs in its scope.
   */
  ownTenant(
    attributes: { slug: string; name: string; defaultLocale?: 'en' | 'nl' | 'fr' },
    work: (tenant: DemoTenant) => Promise<void>
  ): Promise<void>
  /**
   * A login of the tenant whose scope the seeder is in (inside `ownTenant`'s
   * work: the plugin's tenant), created once; an existing address is left
   * as it is. `npm start` lists it with the core's demo logins.
   */
  login(input: DemoLogin): Promise<{ id: number; email: string }>
  /** A customer of the scope's tenant with its numbers, created once (ACC-1). */
  customer(input: DemoCustomer): Promise<{ id: number; numbers: { id: number; number: string }[] }>
}
export type PluginSeeder = (context: PluginSeedContext) => Promise<void>

/** A demo login a plugin's seeder creates on its own demo tenant. */
export interface DemoLogin {
  email: string
  password: string
  role: 'admin' | 'staff' | 'customer'
  firstName: string
  lastName: string
  locale?: 'en' | 'nl' | 'fr'
}

/** A demo customer with its customer numbers and their main contact (a login's e-mail). */
export interface DemoCustomer {
  name: string
  numbers: string[]
  mainContact: string
}

/** What `npm start` prints beside demo.json: the plugins' demo tenants and logins. */
export const PLUGIN_DEMO_FILE = 'tmp/demo-plugins.json'

/**
 * What a plugin's `entry.purge` receives: remove what the tenant's rows do
 * not cover (stored files, Temporal workflows). The rows of the plugin's
 * tables (`<id>_…` with a `tenant_id`) are deleted by the core afterwards, in
 * the same transaction.
 */
export interface PluginPurgeContext {
  tenantId: number
  trx: TransactionClientContract
}
export type PluginPurge = (context: PluginPurgeContext) => Promise<void>

async function entryOf<T>(plugin: LoadedPlugin, key: 'seeder' | 'purge'): Promise<T | null> {
  const file = plugin.manifest.entry?.[key]
  if (!file) return null
  return importEntry<T>(plugin.folder, file)
}

/**
 * Enabled with the schema's defaults, not through PluginService.enable: the
 * seeder runs before Temporal is up, so the schedules are left to the
 * worker's reconciliation at its start.
 */
async function enableFor(tenant: Tenant, pluginId: string) {
  await tenantContext.run(tenant.id, async () => {
    const row = await TenantPlugin.query().where('plugin_id', pluginId).first()
    if (row) return
    const registry = await app.container.make(PluginRegistry)
    const defaults = registry.get(pluginId)!.validateSettings({})
    await TenantPlugin.create({
      tenantId: tenant.id,
      pluginId,
      enabled: true,
      settings: JSON.stringify(defaults.valid ? defaults.value : {}),
    })
  })
  forgetEnabledPlugins(tenant.id)
}

/**
 * `npm start`'s demo data of the plugins: each installed plugin is enabled
 * on the demo tenant (unless the tenant already decided: a disabled plugin
 * stays disabled) and its seeder runs. A plugin whose seeder fails is logged
 * by name and returned; the others' and the core's demo data stay in place.
 */
export async function seedPlugins(demoSlug: string): Promise<string[]> {
  const failed: string[] = []
  const listed: { tenants: DemoTenant[]; logins: (DemoLogin & { tenant: string })[] } = {
    tenants: [],
    logins: [],
  }
  const registry = await app.container.make(PluginRegistry)
  const demo = await tenantContext.runUnscoped('seed demo data', () =>
    Tenant.findByOrFail('slug', demoSlug)
  )
  for (const plugin of registry.all()) {
    await enableFor(demo, plugin.id)
    const seeder = await entryOf<PluginSeeder>(plugin, 'seeder')
    if (!seeder) continue
    const context: PluginSeedContext = {
      tenant: { id: demo.id, slug: demo.slug, name: demo.name },
      async ownTenant(attributes, work) {
        const tenant = await tenantContext.runUnscoped('seed demo data', () =>
          Tenant.firstOrCreate(
            { slug: attributes.slug },
            {
              slug: attributes.slug,
              name: attributes.name,
              defaultLocale: attributes.defaultLocale ?? 'nl',
              primaryColor: demo.primaryColor,
              secondaryColor: demo.secondaryColor,
            }
          )
        )
        await enableFor(tenant, plugin.id)
        const seen = { id: tenant.id, slug: tenant.slug, name: tenant.name }
        if (!listed.tenants.some((row) => row.slug === seen.slug)) listed.tenants.push(seen)
        await tenantContext.run(tenant.id, () => work(seen))
      },
      async login(input) {
        const tenant = await currentTenant()
        listed.logins.push({ ...input, tenant: tenant.slug })
        const existing = await User.findBy('email', User.normalizeEmail(input.email))
        if (existing) return { id: existing.id, email: existing.email }
        const user = new User()
        user.merge({
          email: User.normalizeEmail(input.email),
          role: input.role,
          status: 'active',
          firstName: input.firstName,
          lastName: input.lastName,
          locale: input.locale ?? null,
        })
        await user.setPassword(input.password)
        await user.save()
        return { id: user.id, email: user.email }
      },
      async customer(input) {
        const contact = await User.findByOrFail('email', User.normalizeEmail(input.mainContact))
        const customer = await Customer.firstOrCreate({ name: input.name }, { name: input.name })
        const numbers = []
        for (const number of input.numbers) {
          const row = await CustomerNumber.firstOrCreate(
            { number },
            { customerId: customer.id, number, mainContactId: contact.id }
          )
          numbers.push({ id: row.id, number: row.number })
        }
        return { id: customer.id, numbers }
      },
    }
    try {
      await tenantContext.run(demo.id, () => seeder(context))
    } catch (error) {
      // One plugin's broken demo data must not keep the platform from starting.
      logger.error(
        { err: error, plugin: plugin.id },
        `the demo data of plugin "${plugin.id}" failed`
      )
      failed.push(plugin.id)
    }
  }
  await mkdir(app.makePath('tmp'), { recursive: true })
  await writeFile(app.makePath(PLUGIN_DEMO_FILE), JSON.stringify(listed, null, 2))
  return failed
}

/** The plugin's tables: `<id>_…` (its migrations create nothing else). */
async function tablesOf(pluginId: string): Promise<string[]> {
  const tables = await db.connection().getAllTables(['public'])
  return tables.filter((table) => table.startsWith(`${pluginId}_`))
}

async function hasTenantColumn(table: string, trx: TransactionClientContract) {
  return trx.schema.hasColumn(table, 'tenant_id')
}

/**
 * Deletes `work`'s statements in an order the foreign keys accept: tables
 * that fail (a child still refers to them) are tried again after the others.
 */
async function inDependencyOrder(
  tables: string[],
  work: (table: string) => Promise<unknown>
): Promise<void> {
  let pending = [...tables]
  while (pending.length) {
    const failed: string[] = []
    let lastError: unknown
    for (const table of pending) {
      try {
        await work(table)
      } catch (error) {
        failed.push(table)
        lastError = error
      }
    }
    if (failed.length === pending.length) throw lastError
    pending = failed
  }
}

/**
 * `plugin:purge <id> --tenant`: the plugin's data of one tenant, in one
 * transaction: its purge module, the rows of its tables, the tenant's
 * settings of the plugin. Counts the rows deleted.
 */
export async function purgeTenant(pluginId: string, tenantId: number): Promise<number> {
  const registry = await app.container.make(PluginRegistry)
  const plugin = registry.get(pluginId)
  const purge = plugin ? await entryOf<PluginPurge>(plugin, 'purge') : null
  const tables = await tablesOf(pluginId)
  let deleted = 0
  await tenantContext.run(tenantId, () =>
    db.transaction(async (trx) => {
      if (purge) await purge({ tenantId, trx })
      const scoped: string[] = []
      for (const table of tables) if (await hasTenantColumn(table, trx)) scoped.push(table)
      // Savepoints: a refused DELETE (a child row still refers) must not end the transaction.
      await inDependencyOrder(scoped, async (table) => {
        const nested = await trx.transaction()
        try {
          const count = await nested.from(table).where('tenant_id', tenantId).delete()
          await nested.commit()
          deleted += Number(count)
        } catch (error) {
          await nested.rollback()
          throw error
        }
      })
      await trx.from('plugin_secrets').where({ tenant_id: tenantId, plugin_id: pluginId }).delete()
      await trx.from('tenant_plugins').where({ tenant_id: tenantId, plugin_id: pluginId }).delete()
    })
  )
  forgetEnabledPlugins(tenantId)
  await pluginSchedules.remove(pluginId, tenantId)
  return deleted
}

/**
 * `plugin:purge <id> --all`: every tenant's data, then the plugin's tables
 * and its migration records, so the database is as if the plugin had never
 * been installed (works after `rm -r plugins/<id>` too).
 */
export async function purgeAll(pluginId: string): Promise<{ tables: string[] }> {
  const tenants = await tenantContext.runUnscoped('plugin purge', () => Tenant.query().select('id'))
  for (const tenant of tenants) await purgeTenant(pluginId, tenant.id)
  const tables = await tablesOf(pluginId)
  const connection = db.connection()
  await inDependencyOrder(tables, (table) => connection.schema.dropTableIfExists(table))
  await connection
    .from('adonis_schema')
    .whereLike('name', `%/${pluginId}/database/migrations/%`)
    .delete()
  return { tables }
}
