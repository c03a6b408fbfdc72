import { glob, readFile } from 'node:fs/promises'
import { existsSync, readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import ts from 'typescript'
import { compileScript, parse, registerTS } from 'vue/compiler-sfc'

registerTS(() => ts)

/**
 * Every page and component compiles as Vite will compile it: Vue turns a
 * page's `defineProps<…>()` type into a runtime list of props and refuses
 * types it cannot expand (a page typed that way renders blank in the
 * browser while the type checker is happy).
 */
test.group('UI / pages compile', () => {
  test('every page and component declares props Vue can read', async ({ assert }) => {
    const files = await Array.fromAsync(
      glob([
        'resources/pages/**/*.vue',
        'resources/components/**/*.vue',
        'resources/layouts/**/*.vue',
        'plugins/*/pages/**/*.vue',
        'plugins/*/components/**/*.vue',
        'tests/fixtures/plugins/*/pages/**/*.vue',
      ])
    )
    assert.isAbove(files.length, 30)
    const failures: string[] = []
    for (const file of files) {
      const { descriptor, errors } = parse(await readFile(file, 'utf8'), { filename: file })
      if (errors.length) {
        failures.push(`${file}: ${String(errors[0])}`)
        continue
      }
      if (!descriptor.script && !descriptor.scriptSetup) continue
      try {
        compileScript(descriptor, {
          id: file,
          fs: { fileExists: existsSync, readFile: (path) => readFileSync(path, 'utf8') },
        })
      } catch (error) {
        failures.push(`${file}: ${(error as Error).message.split('\n')[0]}`)
      }
    }
    assert.deepEqual(failures, [])
  })

  test('a page whose props Vue cannot expand is reported', async ({ assert }) => {
    const source = `<script setup lang="ts">
type Shared<T> = T extends { a: infer R } ? R : never
defineProps<Shared<{ a: { x: number } }>>()
</script>`
    const { descriptor } = parse(source, { filename: 'broken.vue' })
    assert.throws(() => compileScript(descriptor, { id: 'broken' }), /Unresolvable type/)
  })
})
