import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { appRoot, pluginFolders } from '#plugins/paths'

/**
 * Lucid's schema classes, split by owner: `database/schema.ts` holds the
 * core's tables only, `<plugin>/database/schema.ts` a plugin's (its tables
 * are named `<id>_…`). `node ace migration:run` regenerates the core's;
 * `node ace plugin:schema <id>` a plugin's (it sets `generating`).
 *
 * Lucid reads `excludeTables` and `outputPath` when it generates, after the
 * migrations ran; the getters answer from the database file as it is then.
 */
export function schemaGeneration(sqlitePath: string) {
  return {
    enabled: true,
    get rulesPaths() {
      const rules = ['./database/schema_rules.js']
      const folder = generatingFolder()
      if (folder && existsSync(join(folder, 'database', 'schema_rules.ts'))) {
        rules.push(`./${relative(appRoot, join(folder, 'database', 'schema_rules.js'))}`)
      }
      return rules
    },
    get outputPath() {
      const folder = generatingFolder()
      return folder ? join(folder, 'database', 'schema.ts') : './database/schema.ts'
    },
    get excludeTables() {
      const tables = tablesOf(sqlitePath)
      if (generating) return tables.filter((table) => !table.startsWith(`${generating}_`))
      const prefixes = pluginIds().map((id) => `${id}_`)
      return tables.filter((table) => prefixes.some((prefix) => table.startsWith(prefix)))
    },
  }
}

let generating: string | undefined

/** While set, schema generation writes this plugin's tables into its folder. */
export function generateSchemaFor(pluginId: string | undefined) {
  generating = pluginId
}

function generatingFolder(): string | undefined {
  if (!generating) return undefined
  return pluginFolders().find((folder) => folder.endsWith(`/${generating}`))
}

function pluginIds(): string[] {
  return pluginFolders().map((folder) => folder.split('/').pop()!)
}

function tablesOf(path: string): string[] {
  if (!existsSync(path)) return []
  const connection = new DatabaseSync(path, { readOnly: true })
  try {
    const rows = connection
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .all() as { name: string }[]
    return rows.map((row) => row.name)
  } finally {
    connection.close()
  }
}
