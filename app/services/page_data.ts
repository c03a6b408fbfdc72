/**
 * The Inertia page object as it is embedded in the HTML of a full page load
 * (`<script data-page="app" type="application/json">`). JSON.stringify
 * leaves `<`, `>` and `&` as they are; inside a script element, user text
 * such as `<!--<script>` switches the HTML parser into its "double escaped"
 * state and the rest of the document disappears into the script (a name
 * like that blanked every page that showed it). Escaped as JSON unicode
 * escapes, the text cannot open or close anything, and JSON.parse gives the
 * same value back.
 */
export function pageDataForHtml(page: unknown): string {
  return JSON.stringify(page).replace(/[<>&/\u2028\u2029]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/**
 * The `@inertia()` tag's output (the page data, then the mount element),
 * with the page data escaped as above. Replaces the Edge global of the same
 * name that @adonisjs/inertia registers.
 */
export function inertiaRootTag(
  page: { ssrBody?: string } & Record<string, unknown> = {},
  attributes: { id?: string; class?: string; as?: string } = {}
): string {
  if (page.ssrBody) return page.ssrBody
  const id = attributes.id || 'app'
  const tag = attributes.as || 'div'
  const className = attributes.class ? ` class="${attributes.class}"` : ''
  return `<script data-page="${id}" type="application/json">${pageDataForHtml(page)}</script><${tag} id="${id}"${className}></${tag}>`
}
