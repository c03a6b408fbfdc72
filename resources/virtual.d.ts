/**
 * The plugins' Inertia pages by page name (vite.config.ts).
 */
declare module 'virtual:plugin-pages' {
  import type { DefineComponent } from 'vue'
  export const pluginPages: Record<string, () => Promise<DefineComponent>>
}
