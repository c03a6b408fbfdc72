import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { appRoot } from '#plugins/paths'
import { loadSpecMap, locateSpec, SPEC_MAP_PATH, SpecMapError } from '#services/spec_map'

/**
 * `node ace spec:map [--spec <path>] [--check]`: writes docs/spec-map.md,
 * every feature ID of SPEC.md with the files tagged `@spec <ID>` (routes,
 * controllers, pages, migrations, tests…), from `../shared/SPEC.md` beside
 * the repository (or `--spec`, or `SPEC_PATH`). Lists what is wrong with the
 * tags (an unknown ID, an ID without tagged code unless planned) and exits 1
 * then. `--check` writes nothing and also fails when the page is stale.
 * The rules are in app/services/spec_map.ts.
 */
export default class SpecMap extends BaseCommand {
  static commandName = 'spec:map'
  static description = 'Write docs/spec-map.md: each SPEC ID with the files tagged @spec <ID>'
  static options: CommandOptions = {}

  @flags.string({ description: 'SPEC.md to read (default: SPEC_PATH, else ../shared/SPEC.md)' })
  declare spec?: string

  @flags.boolean({ description: 'Write nothing; fail when docs/spec-map.md is stale' })
  declare check?: boolean

  async run() {
    const specPath = locateSpec(appRoot, this.spec)
    if (!specPath) {
      this.logger.error(`No SPEC.md at ${this.spec ?? join(appRoot, '..', 'shared', 'SPEC.md')}`)
      this.exitCode = 1
      return
    }
    let map: ReturnType<typeof loadSpecMap>
    try {
      map = loadSpecMap(appRoot, specPath)
    } catch (error) {
      if (!(error instanceof SpecMapError)) throw error
      this.logger.error(error.message)
      this.exitCode = 1
      return
    }
    for (const problem of map.problems) this.logger.error(problem)

    const target = join(appRoot, SPEC_MAP_PATH)
    if (this.check) {
      let current = ''
      try {
        current = readFileSync(target, 'utf8')
      } catch {}
      if (current !== map.markdown) {
        this.logger.error(`${SPEC_MAP_PATH} is stale: run node ace spec:map`)
        this.exitCode = 1
      } else this.logger.success(`${SPEC_MAP_PATH} is up to date`)
    } else {
      writeFileSync(target, map.markdown)
      const files = new Set(map.tags.map((tag) => tag.path)).size
      this.logger.success(
        `${SPEC_MAP_PATH}: ${map.features.length} IDs, ${files} tagged files (from ${specPath})`
      )
    }
    if (map.problems.length > 0) this.exitCode = 1
  }
}
