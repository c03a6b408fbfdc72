/**
 * Codegen hook (adonisrc.ts): types the Inertia pages of plugins, as
 * `indexPages` types the core's. `plugins/<id>/pages/<path>.vue` becomes the
 * page `<id>/<path>`, so `inertia.render('<id>/<path>', props)` is checked
 * against the page's props. Each plugin root (`plugins`, and the test
 * fixtures' `tests/fixtures/plugins`) gets its own generated file.
 */
export function indexPluginPages(config: { source: string; output: string }) {
  return {
    run(_: unknown, __: unknown, indexGenerator: any) {
      indexGenerator.add(`pluginPages:${config.source}`, {
        source: config.source,
        glob: ['**/pages/**/*.vue'],
        output: config.output,
        as(vfs: any, buffer: any, _config: unknown, helpers: any) {
          const files: Record<string, string> = vfs.asList()
          buffer.writeLine(`import '@adonisjs/inertia/types'`)
          buffer.writeLine(
            `import type { VNodeProps, AllowedComponentProps, ComponentInstance } from 'vue'`
          )
          buffer.writeLine(
            `type ExtractProps<T> = Omit<ComponentInstance<T>['$props'], keyof VNodeProps | keyof AllowedComponentProps>`
          )
          buffer.write(`declare module '@adonisjs/inertia/types' {`).indent()
          buffer.write(`export interface InertiaPages {`).indent()
          for (const key of Object.keys(files).sort()) {
            if (!/^[^/]+\/pages\//.test(key)) continue
            const page = key.replace(/^([^/]+)\/pages\//, '$1/')
            buffer.write(
              `'${page}': ExtractProps<(typeof import('${helpers.toImportPath(files[key])}'))['default']>`
            )
          }
          buffer.dedent().write(`}`)
          buffer.dedent().write(`}`)
        },
      })
    },
  }
}
