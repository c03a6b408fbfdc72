import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import tailwindcss from '@tailwindcss/vite'
import adonisjs from '@adonisjs/vite/client'
import { appRoot, pluginFolders, PLUGIN_CLIENT_FOLDERS } from './app/plugins/paths.js'

/**
 * The installed plugins' front-end folders (`pages/`, `components/`), from
 * PLUGINS_PATHS like the server's loader: the tests add the fixtures, a
 * production build only has `plugins/`.
 */
const pluginClientFolders = pluginFolders().flatMap((folder) =>
  PLUGIN_CLIENT_FOLDERS.map((name) => join(folder, name)).filter((path) => existsSync(path))
)

/**
 * `virtual:plugin-pages`: the plugins' Inertia pages by page name
 * (`plugins/<id>/pages/<path>.vue` is `<id>/<path>`) and the components their
 * slots show (`<id>/components/<path>`), each loaded lazily in its own
 * chunk, so a tenant without the plugin never downloads its code.
 */
function pluginPages(): Plugin {
  const id = 'virtual:plugin-pages'
  const globsOf = (folder: string) =>
    pluginFolders()
      .filter((root) => existsSync(join(root, folder)))
      .map((root) => `/${relative(appRoot, root)}/${folder}/**/*.vue`)
  const glob = (globs: string[]) =>
    globs.length ? `import.meta.glob(${JSON.stringify(globs)})` : '{}'
  return {
    name: 'portal:plugin-pages',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return
      return [
        `const pages = ${glob(globsOf('pages'))}`,
        `const components = ${glob(globsOf('components'))}`,
        'export const pluginPages = {}',
        'export const pluginComponents = {}',
        'for (const [file, load] of Object.entries(pages)) {',
        '  const match = /\\/([a-z][a-z0-9]*)\\/pages\\/(.+)\\.vue$/.exec(file)',
        '  if (match) pluginPages[`${match[1]}/${match[2]}`] = load',
        '}',
        'for (const [file, load] of Object.entries(components)) {',
        '  const match = /\\/([a-z][a-z0-9]*)\\/components\\/(.+)\\.vue$/.exec(file)',
        '  if (match) pluginComponents[`${match[1]}/components/${match[2]}`] = load',
        '}',
      ].join('\n')
    },
  }
}

export default defineConfig({
  plugins: [
    vue(),
    tailwindcss(),
    pluginPages(),
    adonisjs({
      entryPoints: ['resources/app.ts'],
      reload: ['resources/views/**/*.edge'],
      buildDirectory: 'resources/public/assets',
    }),
  ],
  server: {
    /**
     * Tenants answer on their own hosts (custom domains, `<slug>.localhost`):
     * the Adonis app decides which hosts exist, not Vite.
     */
    allowedHosts: true,
    /**
     * The dev server runs inside the web server: it may read the front end's
     * sources, the plugins' pages and components, the generated client
     * registry and the dependencies, nothing else of the project (tmp/ holds
     * the database and the stored files). The web server forwards only those
     * paths to it (app/middleware/vite_dev_assets_middleware.ts).
     */
    fs: {
      strict: true,
      allow: [
        ...['resources', '.adonisjs/client', 'node_modules'].map((folder) =>
          fileURLToPath(new URL(`./${folder}`, import.meta.url))
        ),
        ...pluginClientFolders,
      ],
      // Matched against absolute paths: the project's own tmp/, not any folder named tmp.
      deny: [
        '.env',
        '.env.*',
        '*.{crt,pem,key}',
        '**/.git/**',
        '**/*.sqlite3*',
        `${fileURLToPath(new URL('./tmp', import.meta.url))}/**`,
      ],
    },
  },
  resolve: {
    alias: {
      '~/': fileURLToPath(new URL('./resources/', import.meta.url)),
      '@generated': fileURLToPath(new URL('./.adonisjs/client', import.meta.url)),
      /** The UI kit plugin pages build on (resources/kit/index.ts). */
      '@kit': fileURLToPath(new URL('./resources/kit/index.ts', import.meta.url)),
    },
  },
})
