import { defineConfig } from '@adonisjs/vite'
import { HttpContext } from '@adonisjs/core/http'

/**
 * The scripts the `@vite` tag writes carry the answer's CSP nonce
 * (#middleware/security_headers_middleware).
 */
const nonce = (): Record<string, string> => {
  const value = HttpContext.get()?.response.nonce
  return value ? { nonce: value } : {}
}

const viteBackendConfig = defineConfig({
  buildDirectory: 'resources/public/assets',
  manifestFile: 'resources/public/assets/.vite/manifest.json',
  assetsUrl: '/assets',
  scriptAttributes: nonce,
})

export default viteBackendConfig
