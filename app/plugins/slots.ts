import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { PluginRegistry, type SlotName } from '#plugins/registry'
import { importEntry } from '#plugins/paths'
import { enabledIds } from '#plugins/menu'

/**
 * What a slot's props function receives: who looks, in which language, and
 * what the page is about (the document, the customer). It runs inside the
 * tenant's scope.
 */
export interface SlotContext {
  slot: SlotName
  tenant: { id: number; slug: string }
  /** Null on the visitors' start page. */
  user: { id: number; role: 'admin' | 'staff' | 'customer'; locale: string | null } | null
  locale: 'en' | 'nl' | 'fr'
  /** `document.detail`: the document shown (the user may read it). */
  documentId?: number
  /** `staff.customer`: the customer shown. */
  customerId?: number
}

/** What a page's props may hold: JSON. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/**
 * A plugin's slot props module (default export): the props of its component
 * on this page, or null to show nothing. One query at most, please: it runs
 * on every view of the page.
 */
export type SlotProps = (context: SlotContext) => Promise<Record<string, JsonValue> | null>

/** One plugin's panel in a slot, as the page receives it. */
export interface SlotPanel {
  plugin: string
  /** `<id>/components/<path>` (plugins/<id>/components/<path>.vue). */
  component: string
  props: Record<string, JsonValue>
  /** The tab's title where the slot is a tab, in the user's language. */
  label: string | null
}

const modules = new Map<string, SlotProps>()

async function propsFunction(folder: string, file: string): Promise<SlotProps> {
  const path = join(folder, file)
  let fn = modules.get(path)
  if (!fn) {
    fn = await importEntry<SlotProps>(folder, file)
    modules.set(path, fn)
  }
  return fn
}

/**
 * The panels the tenant's enabled plugins put into a slot of a core page.
 * Which plugins are enabled comes from the per-process cache of the plugin
 * menu (no query when warm); a slot no installed plugin fills costs nothing.
 */
export async function slotPanels(
  ctx: HttpContext,
  slot: SlotName,
  subject: Pick<SlotContext, 'documentId' | 'customerId'> = {}
): Promise<SlotPanel[]> {
  const registry = await app.container.make(PluginRegistry)
  const fillers = registry
    .all()
    .flatMap((plugin) =>
      (plugin.manifest.slots ?? [])
        .filter((entry) => entry.slot === slot)
        .map((entry) => ({ plugin, entry }))
    )
  if (fillers.length === 0) return []
  const enabled = await enabledIds(ctx.tenant.id)
  const user = ctx.auth?.user
  const context: SlotContext = {
    slot,
    tenant: { id: ctx.tenant.id, slug: ctx.tenant.slug },
    user: user ? { id: user.id, role: user.role, locale: user.locale } : null,
    locale: ctx.i18n.locale as SlotContext['locale'],
    ...subject,
  }
  const panels: SlotPanel[] = []
  for (const { plugin, entry } of fillers) {
    if (!enabled.has(plugin.id)) continue
    const props = entry.props
      ? await (
          await propsFunction(plugin.folder, entry.props)
        )(context)
      : {}
    if (props === null) continue
    panels.push({
      plugin: plugin.id,
      component: `${plugin.id}/${entry.component.replace(/\.vue$/, '')}`,
      props,
      label: entry.label ? entry.label[context.locale] : null,
    })
  }
  return panels
}
