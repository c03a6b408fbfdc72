/**
 * The plugins' Inertia pages by page name, and the components their slots
 * show by `<id>/components/<path>` (vite.config.ts).
 */
declare module 'virtual:plugin-pages' {
  import type { DefineComponent } from 'vue'
  export const pluginPages: Record<string, () => Promise<DefineComponent>>
  export const pluginComponents: Record<string, () => Promise<DefineComponent>>
}
