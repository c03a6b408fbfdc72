/**
 * A text summary of a V8 CPU profile (`node --cpu-prof`): where the time
 * went by area (the application's code, each package, Node's internals,
 * garbage collection, idle: waiting for I/O), the functions with the most
 * self time, and the application's functions with the most total time
 * (their callees included). Also runnable on its own:
 * `node --import=@poppinss/ts-exec bench/ingest/profile.ts <file.cpuprofile>`.
 */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)'
  if (url.startsWith('node:')) return 'node internals'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]
  const app = /\/build\/((?:app|bench|config|start|workflows|database)\/.*)$/.exec(url)
  if (app) return `app: ${app[1].split('/').slice(0, 3).join('/')}`
  return url.replace(/^file:\/\//, '')
}

function label(node: ProfileNode) {
  const { functionName, url, lineNumber } = node.callFrame
  const where = url.replace(/^file:\/\/.*\/(node_modules|build)\//, '$1/')
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim()
}

export function summarizeProfile(path: string, top = 15): string {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMs = new Map<number, number>()
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000

  const areas = new Map<string, number>()
  const functions = new Map<string, number>()
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!
    const area = areaOf(node.callFrame.url, node.callFrame.functionName)
    areas.set(area, (areas.get(area) ?? 0) + ms)
    const name = label(node)
    functions.set(name, (functions.get(name) ?? 0) + ms)
  }

  /* Inclusive time of the application's functions (recursion counted once). */
  const parent = new Map<number, number>()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const inclusive = new Map<string, number>()
  for (const [id, ms] of selfMs) {
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at)!
      if (!/\/build\/app\//.test(node.callFrame.url)) continue
      const name = label(node)
      if (seen.has(name)) continue
      seen.add(name)
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms)
    }
  }

  const pct = (ms: number) => `${((ms / totalMs) * 100).toFixed(1)} %`
  const table = (title: string, rows: Map<string, number>) =>
    [
      `${title}:`,
      ...[...rows]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(
          ([name, ms]) =>
            `  ${(ms / 1000).toFixed(2).padStart(8)} s ${pct(ms).padStart(7)}  ${name}`
        ),
    ].join('\n')
  return [
    `profile of ${(totalMs / 1000).toFixed(1)} s of the main thread`,
    table('self time by area', areas),
    table('self time by function', functions),
    table("total time of the application's functions", inclusive),
  ].join('\n\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(summarizeProfile(process.argv[2], Number(process.argv[3] ?? 15)))
}
