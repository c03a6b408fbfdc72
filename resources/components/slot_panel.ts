/** What a page's props may hold: JSON. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** One plugin's panel in a slot of a core page (app/plugins/slots.ts). */
export type SlotPanel = {
  plugin: string
  /** `<id>/components/<path>`. */
  component: string
  props: Record<string, JsonValue>
  /** The tab's title where the slot is a tab. */
  label: string | null
}
