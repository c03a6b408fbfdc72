import { spawn } from 'node:child_process'

/**
 * Runs `node ace <args>` in a child process with extra environment
 * variables, the way an operator would, and collects its output.
 */
export function runAce(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['ace', ...args], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_ENV: 'test', FORCE_COLOR: '0', NO_COLOR: '1', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(
          `node ace ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`
        )
      )
    }, timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}
