/** @spec TEN-5 */
import sanitizeHtml from 'sanitize-html'

/**
 * Rich text of portal messages (TEN-5): what the editor produces, cleaned on
 * save by an allow-list so the stored HTML can be shown as is.
 *
 * Kept: h2-h4, p, br, strong/b, em/i, u, s/strike, ol/ul/li, links to
 * http(s) and mailto (opened in a new tab, without opener or referrer), and
 * text or background colour on span/mark (hex or rgb values only).
 * Everything else is dropped; the text inside harmless unknown tags (div,
 * font, table…) stays.
 */

/** Largest stored HTML of one language; the editor warns long before. */
export const RICH_TEXT_MAX_HTML = 20_000
/** Plain-text length above which the editor warns that the message is long. */
export const RICH_TEXT_WARN_CHARS = 500

const LINK_SCHEMES = ['http', 'https', 'mailto']

/** Colour values only: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba(). */
const COLOUR = [
  /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i,
  /^rgba?\(\s*\d{1,3}%?\s*(?:,\s*|\s+)\d{1,3}%?\s*(?:,\s*|\s+)\d{1,3}%?\s*(?:(?:,|\/)\s*(?:0|1|0?\.\d+|\d{1,3}%)\s*)?\)$/i,
]

/**
 * Markup that can run code, load something or submit something: when the
 * input holds any of it, the text is refused instead of quietly cleaned, so
 * the admin knows (see `findHostile`).
 */
const HOSTILE_TAGS = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'link',
  'meta',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'svg',
  'math',
  'img',
  'video',
  'audio',
  'source',
  'template',
  'noscript',
  'portal',
])
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data'])

/**
 * The scheme of a URL as a browser reads it (it ignores whitespace and
 * control characters inside `java\tscript:`), or null for a relative URL.
 */
function schemeOf(url: string): string | null {
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase()
  const match = /^([a-z][a-z0-9+.-]*):/.exec(compact)
  return match ? match[1] : null
}

/** Only absolute http(s) and mailto links: no javascript:, data:, relative or protocol-relative ones. */
export function isAllowedLink(href: string | undefined): boolean {
  if (!href) return false
  const scheme = schemeOf(href)
  return scheme !== null && LINK_SCHEMES.includes(scheme)
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'strike',
    'ol',
    'ul',
    'li',
    'a',
    'span',
    'mark',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    span: ['style'],
    mark: ['style'],
  },
  allowedStyles: {
    span: { 'color': COLOUR, 'background-color': COLOUR },
    // The editor's highlight keeps the text colour of its surroundings.
    mark: { 'background-color': COLOUR, 'color': [...COLOUR, /^inherit$/] },
  },
  allowedSchemes: LINK_SCHEMES,
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // A link that may not stay becomes plain text (its words are kept).
    a: (_tagName, attribs) =>
      isAllowedLink(attribs.href)
        ? {
            tagName: 'a',
            attribs: { href: attribs.href.trim(), rel: 'noopener noreferrer', target: '_blank' },
          }
        : { tagName: 'span', attribs: {} as sanitizeHtml.Attributes },
  },
}

export interface SanitizedRichText {
  /** The HTML to store. */
  html: string
  /** The same without markup, whitespace collapsed: empty when the text says nothing. */
  text: string
  /** What in the input could run code or leave the page (e.g. `<script>`, `onclick`, `javascript: link`). */
  hostile: string[]
}

/**
 * Cleans one text through the allow-list and reports what in it was
 * hostile (script-capable tags, event handlers, links with another scheme).
 */
export function sanitizeRichText(input: string): SanitizedRichText {
  const hostile = new Set<string>()
  const html = sanitizeHtml(input, {
    ...OPTIONS,
    onOpenTag: (tagName, attribs) => {
      for (const finding of findHostile(tagName, attribs)) hostile.add(finding)
    },
  })
    // A span left without attributes (an unknown tag, a refused link) says nothing.
    .replace(/<span>([^<]*)<\/span>/g, '$1')
    .trim()
  return { html, text: plainText(html), hostile: [...hostile] }
}

function findHostile(tagName: string, attribs: Record<string, string>): string[] {
  const tag = tagName.toLowerCase()
  const found: string[] = []
  if (HOSTILE_TAGS.has(tag)) found.push(`<${tag}>`)
  for (const [name, value] of Object.entries(attribs)) {
    const attribute = name.toLowerCase()
    if (attribute.startsWith('on')) found.push(attribute)
    if (URL_ATTRIBUTES.has(attribute)) {
      const scheme = schemeOf(value)
      if (scheme !== null && !LINK_SCHEMES.includes(scheme)) found.push(`${scheme}:`)
      else if (tag === 'a' && attribute === 'href' && !isAllowedLink(value)) {
        found.push(`href="${value.slice(0, 60)}"`)
      }
    }
    if (attribute === 'style' && /expression\s*\(|url\s*\(|javascript:|@import/i.test(value)) {
      found.push('style')
    }
  }
  return found
}

/** The words of a stored text, for length checks and "is it empty?". */
export function plainText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|h[2-4]|li)>|<br\s*\/?>/gi, ' '), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
}
