import { existsSync, readdirSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * The repository root (this file sits in app/plugins/).
 */
export const appRoot = fileURLToPath(new URL('../../', import.meta.url))

/**
 * The folders scanned for plugins: `PLUGINS_PATHS` (comma-separated, relative to
 * the repository root; each a folder of plugins or one plugin's folder) or
 * `plugins`. Tests add `tests/fixtures/plugins`.
 */
export function pluginRoots(value = process.env.PLUGINS_PATHS): string[] {
  const entries = (value ?? 'plugins')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  return entries.map((entry) => (isAbsolute(entry) ? entry : join(appRoot, entry)))
}

/**
 * Every `<root>/<id>/` that holds a `plugin.json` (or the root itself when it
 * is a plugin folder), sorted.
 */
export function pluginFolders(roots = pluginRoots()): string[] {
  const folders: string[] = []
  for (const root of roots) {
    if (!existsSync(root)) continue
    if (existsSync(join(root, 'plugin.json'))) {
      folders.push(root)
      continue
    }
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(join(root, entry.name, 'plugin.json'))) {
        folders.push(join(root, entry.name))
      }
    }
  }
  return folders.sort()
}

/**
 * A plugin's front-end folders: its Inertia pages, their components, and
 * `shared/` (plain types and constants its server, workflows and pages all
 * import). The only plugin files the browser may load (through Vite in
 * development, as built chunks in production).
 */
export const PLUGIN_CLIENT_FOLDERS = ['pages', 'components', 'shared'] as const

/**
 * URL path prefixes of the plugins' front-end folders, as the Vite dev server
 * serves them (`/plugins/<id>/pages/`).
 */
export function pluginClientPathPrefixes(): string[] {
  return pluginFolders().flatMap((folder) =>
    PLUGIN_CLIENT_FOLDERS.map((name) => `/${relative(appRoot, join(folder, name))}/`)
  )
}

/**
 * Migration folders of the discovered plugins (`<plugin>/database/migrations`),
 * relative to the repository root as Lucid expects them. Read synchronously
 * because config files are evaluated before any provider boots.
 */
export function pluginMigrationPaths(): string[] {
  return pluginFolders()
    .map((folder) => join(folder, 'database', 'migrations'))
    .filter((folder) => existsSync(folder))
    .map((folder) => `./${relative(appRoot, folder)}`)
}

/**
 * A module the code names by its TypeScript file (a plugin's `entry`, the
 * workflows' index): that file in a checkout, its compiled `.js` twin in a
 * production build, which holds no `.ts`.
 */
export function moduleFile(path: string): string {
  if (path.endsWith('.ts') && !existsSync(path)) {
    const compiled = `${path.slice(0, -'.ts'.length)}.js`
    if (existsSync(compiled)) return compiled
  }
  return path
}

/**
 * The default export of one of a plugin's entry modules (`file` relative to
 * its folder: routes, seeder, purge, slot props, jobs, activities).
 */
export async function importEntry<T>(folder: string, file: string): Promise<T> {
  const mod = await import(pathToFileURL(moduleFile(join(folder, file))).href)
  return mod.default as T
}
