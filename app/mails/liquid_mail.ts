/** @spec TEN-6 */
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import type { MailLayout } from '#services/branding'
import app from '@adonisjs/core/services/app'
import type { I18n } from '@adonisjs/i18n'
import edge from 'edge.js'
import { Liquid, TagToken, Tokenizer, type Template } from 'liquidjs'
import sanitizeHtml from 'sanitize-html'
import { compile } from 'html-to-text'
import type { Locale } from '#services/locale'
import { type MailTemplateName, pluginMailTemplate, variablesOf } from '#mails/templates'

/**
 * TEN-6: e-mail wording as Liquid templates. Liquid (not Edge) because a
 * tenant's admin writes them: Liquid evaluates no code, reads no file here
 * and stops after a time and memory budget. Default and tenant templates go
 * through the same path: Liquid with every output HTML-escaped, the result
 * sanitised to the e-mail allow-list, put in the Edge layout (branding) and
 * turned into the text part.
 */

export interface MailSource {
  subject: string
  body: string
}

export interface RenderedMail {
  subject: string
  html: string
  text: string
}

/** Longest subject an e-mail gets once rendered. */
export const SUBJECT_MAX_LENGTH = 200

/**
 * Tags a template may use: conditions, loops and its own variables. Tags
 * that read other templates (include, render, layout) or that nest further
 * tags out of sight (liquid) are refused.
 */
const ALLOWED_TAGS = new Set([
  'if',
  'elsif',
  'else',
  'endif',
  'unless',
  'endunless',
  'case',
  'when',
  'endcase',
  'for',
  'endfor',
  'break',
  'continue',
  'cycle',
  'assign',
  'capture',
  'endcapture',
  'increment',
  'decrement',
  'comment',
  'endcomment',
  '#',
  'raw',
  'endraw',
])

/** The language of the e-mail, for filters; not a template variable. */
const LOCALE_GLOBAL = '__locale'

function createEngine(escape: boolean): Liquid {
  const liquid = new Liquid({
    outputEscape: escape ? 'escape' : undefined,
    strictFilters: true,
    ownPropertyOnly: true,
    /** An empty in-memory file system: nothing on disk is reachable. */
    templates: {},
    /** Budgets against runaway templates (characters, milliseconds, allocations). */
    parseLimit: 200_000,
    renderLimit: 2_000,
    memoryLimit: 20_000_000,
  })
  /**
   * `{{ validHours | plural: "hour", "hours" }}` → "1 hour", "24 hours",
   * by the plural rules of the e-mail's language.
   */
  liquid.registerFilter('plural', function (count, one, other) {
    const locale = String((this.context.globals as Record<string, unknown>)[LOCALE_GLOBAL] ?? 'en')
    const n = Number(count)
    const form = new Intl.PluralRules(locale).select(n) === 'one' ? one : other
    return `${new Intl.NumberFormat(locale).format(n)} ${String(form ?? '')}`
  })
  return liquid
}

/** Bodies are HTML: every output is escaped. */
const bodyEngine = createEngine(true)
/** Subjects are plain text. */
const subjectEngine = createEngine(false)

/** Parsed templates by source, so a fan-out of one template parses it once. */
const parsed = new Map<string, Template[]>()
function parse(engine: Liquid, source: string): Template[] {
  const key = `${engine === bodyEngine ? 'b' : 's'}:${source}`
  let templates = parsed.get(key)
  if (!templates) {
    templates = engine.parse(source)
    if (parsed.size >= 500) parsed.delete(parsed.keys().next().value!)
    parsed.set(key, templates)
  }
  return templates
}

/* ------------------------------------------------------------------------ */
/* HTML allow-list                                                           */
/* ------------------------------------------------------------------------ */

const COLOR =
  /^(#[0-9a-f]{3,8}|[a-z]{3,20}|rgba?\(\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*(,\s*(0|1|0?\.\d+)\s*)?\))$/i
const LENGTHS =
  /^-?\d{1,4}(\.\d{1,3})?(px|em|rem|%|pt)?(\s+-?\d{1,4}(\.\d{1,3})?(px|em|rem|%|pt)?){0,3}$/i
const STYLES: Record<string, RegExp> = {
  'color': COLOR,
  'background': COLOR,
  'background-color': COLOR,
  'font-size': LENGTHS,
  'font-weight': /^(normal|bold|[1-9]00)$/,
  'font-style': /^(normal|italic)$/,
  'font-family': /^[a-z0-9 ,'"-]{1,100}$/i,
  'letter-spacing': LENGTHS,
  'line-height': LENGTHS,
  'text-align': /^(left|right|center|justify)$/,
  'text-decoration': /^(none|underline|line-through)$/,
  'margin': LENGTHS,
  'margin-top': LENGTHS,
  'margin-bottom': LENGTHS,
  'padding': LENGTHS,
  'padding-left': LENGTHS,
  'border-radius': LENGTHS,
  'word-break': /^(normal|break-all|break-word|keep-all)$/,
}

/** Marks where Liquid markup stood while the HTML around it is sanitised. */
const PLACEHOLDER = /\uE000(\d+)\uE001/g
const PLACEHOLDER_ONLY = /^\uE000\d+\uE001$/

/**
 * The HTML an e-mail body may contain: text formatting, lists, headings,
 * links to http(s) and mailto, and inline styles limited to colours, sizes
 * and spacing (no url(), no positioning). Everything else is removed,
 * scripts and styles with their content.
 */
function sanitizeOptions(liquidPlaceholders: boolean): sanitizeHtml.IOptions {
  const styles: Record<string, RegExp[]> = {}
  for (const [property, pattern] of Object.entries(STYLES)) {
    styles[property] = liquidPlaceholders ? [pattern, PLACEHOLDER_ONLY] : [pattern]
  }
  return {
    allowedTags: [
      'p',
      'br',
      'strong',
      'b',
      'em',
      'i',
      'u',
      's',
      'a',
      'ul',
      'ol',
      'li',
      'h1',
      'h2',
      'h3',
      'span',
      'div',
      'blockquote',
      'hr',
    ],
    allowedAttributes: { 'a': ['href', 'title'], '*': ['style'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    allowedStyles: { '*': styles },
    disallowedTagsMode: 'discard',
  }
}
const RENDERED_HTML = sanitizeOptions(false)
const TEMPLATE_HTML = sanitizeOptions(true)
/** Keeps everything: the difference with the allow-list tells whether anything was removed. */
const EVERYTHING: sanitizeHtml.IOptions = {
  allowedTags: false,
  allowedAttributes: false,
  allowVulnerableTags: true,
  allowedSchemes: [
    'http',
    'https',
    'mailto',
    'javascript',
    'data',
    'vbscript',
    'file',
    'ftp',
    'tel',
  ],
}

const LIQUID_MARKUP =
  /\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g

/** Style attributes written alike (the allow-list rewrites `color: red;` as `color:red`). */
function sameStyles(html: string): string {
  return html.replace(
    /style="([^"]*)"/g,
    (_, style: string) => `style="${style.replace(/\s+/g, '').replace(/;$/, '')}"`
  )
}

/**
 * Sanitises a body template: its Liquid markup is set aside, the HTML around
 * it cleaned, the markup put back.
 */
export function sanitizeTemplateBody(body: string): { body: string; removed: boolean } {
  const markup: string[] = []
  const html = body.replace(/[\uE000\uE001]/g, '').replace(LIQUID_MARKUP, (found) => {
    markup.push(found)
    return `\uE000${markup.length - 1}\uE001`
  })
  const clean = sanitizeHtml(html, TEMPLATE_HTML)
  const removed = sameStyles(clean) !== sameStyles(sanitizeHtml(html, EVERYTHING))
  return {
    body: clean.replace(PLACEHOLDER, (_, index: string) => markup[Number(index)]),
    removed,
  }
}

/** Sanitises rendered HTML (values may come from users: a `javascript:` link is dropped here). */
export function sanitizeRenderedHtml(html: string): string {
  return sanitizeHtml(html, RENDERED_HTML)
}

/* ------------------------------------------------------------------------ */
/* Defaults                                                                  */
/* ------------------------------------------------------------------------ */

const defaults = new Map<string, MailSource>()

/**
 * The platform's wording of an e-mail in a language:
 * resources/mail_templates/<locale>/<name>.liquid, a `subject:` line between
 * `---` lines, then the body.
 */
export function defaultSource(name: MailTemplateName, locale: Locale): MailSource {
  const key = `${locale}/${name}`
  let source = defaults.get(key)
  if (!source) {
    const plugin = pluginMailTemplate(name)
    const path = plugin
      ? join(plugin.folder, 'mail_templates', locale, `${plugin.file}.liquid`)
      : app.makePath('resources/mail_templates', locale, `${name}.liquid`)
    const file = readFileSync(path, 'utf8')
    const match = /^---\r?\nsubject:[ \t]*(.*)\r?\n---\r?\n([\s\S]*)$/.exec(file)
    if (!match) throw new Error(`${path}: expected "---", "subject: …", "---", then the body`)
    source = { subject: match[1].trim(), body: match[2].trim() }
    defaults.set(key, source)
  }
  return source
}

/* ------------------------------------------------------------------------ */
/* Rendering                                                                 */
/* ------------------------------------------------------------------------ */

/** The text part, from the body's HTML (options compiled once: converting is then ten times faster). */
const toText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
  ],
})

/** A rendered subject: one line, trimmed, cut at SUBJECT_MAX_LENGTH. */
function renderSubject(source: string, variables: Record<string, unknown>, locale: string) {
  const subject = String(
    subjectEngine.renderSync(parse(subjectEngine, source), variables, {
      globals: { [LOCALE_GLOBAL]: locale },
    })
  )
    .replace(/\s+/g, ' ')
    .trim()
  return subject.length > SUBJECT_MAX_LENGTH
    ? `${subject.slice(0, SUBJECT_MAX_LENGTH - 1)}…`
    : subject
}

/** A rendered body, sanitised: the HTML that goes inside the layout. */
function renderBody(source: string, variables: Record<string, unknown>, locale: string) {
  const html = String(
    bodyEngine.renderSync(parse(bodyEngine, source), variables, {
      globals: { [LOCALE_GLOBAL]: locale },
    })
  )
  return sanitizeRenderedHtml(html)
}

/**
 * Renders an e-mail: subject, HTML in the layout with the tenant's
 * branding, and the text part from the same HTML.
 */
export async function renderMail(
  source: MailSource,
  variables: Record<string, unknown>,
  layout: MailLayout
): Promise<RenderedMail> {
  const subject = renderSubject(source.subject, variables, layout.locale)
  const body = renderBody(source.body, variables, layout.locale)
  const html = await edge.render('emails/message', {
    onPrimary: '#ffffff',
    logoUrl: null,
    contact: [],
    ...layout,
    body,
  })
  return { subject, html, text: toText(body).trim() }
}

/* ------------------------------------------------------------------------ */
/* Checking what an admin wrote                                              */
/* ------------------------------------------------------------------------ */

export interface TemplateProblem {
  field: 'subject' | 'body'
  message: string
}

export interface CheckedTemplate {
  /** The template as it is stored: subject on one line, body sanitised. */
  source: MailSource
  problems: TemplateProblem[]
  /** HTML outside the allow-list was removed from the body. */
  htmlRemoved: boolean
}

interface LiquidFailure {
  message: string
  originalError?: { message?: string }
  token?: { getPosition(): [number, number] }
}

/** A Liquid error in the admin's language, with its line and column. */
function describeLiquidError(error: LiquidFailure, i18n: I18n): string {
  const [line, column] = error.token?.getPosition() ?? [1, 1]
  const raw = (error.originalError?.message ?? error.message).replace(/, line:\d+, col:\d+$/, '')
  const reason = (() => {
    let found = /^tag "(.+)" not found/.exec(raw)
    if (found) return i18n.t('mail_templates.errors.unknown_tag', { tag: found[1] })
    found = /^tag (\{%.*%\}) not closed/.exec(raw)
    if (found) return i18n.t('mail_templates.errors.not_closed', { tag: found[1] })
    found = /^undefined filter: (.+)$/.exec(raw)
    if (found) return i18n.t('mail_templates.errors.unknown_filter', { filter: found[1] })
    if (/^output .* not closed/.test(raw)) return i18n.t('mail_templates.errors.output_not_closed')
    if (/limit exceeded/.test(raw)) return i18n.t('mail_templates.errors.too_heavy')
    return i18n.t('mail_templates.errors.syntax', { reason: raw })
  })()
  return i18n.t('mail_templates.errors.at', { line, column, reason })
}

/**
 * The Liquid problems of one field: syntax, tags outside ALLOWED_TAGS,
 * variables the e-mail does not have. Null when there is none.
 */
function liquidProblem(
  engine: Liquid,
  source: string,
  allowed: string[],
  i18n: I18n
): string | null {
  try {
    for (const token of new Tokenizer(source).readTopLevelTokens()) {
      if (token instanceof TagToken && !ALLOWED_TAGS.has(token.name)) {
        const [line, column] = token.getPosition()
        return i18n.t('mail_templates.errors.at', {
          line,
          column,
          reason: i18n.t('mail_templates.errors.tag_not_allowed', { tag: token.name }),
        })
      }
    }
    const templates = engine.parse(source)
    const { globals } = engine.analyzeSync(templates, { partials: false })
    const unknown = Object.entries(globals).filter(([name]) => !allowed.includes(name))
    if (unknown.length > 0) {
      const names = unknown.map(([name, places]) => {
        const { row, col } = places[0].location
        return i18n.t('mail_templates.errors.variable_at', { name, line: row, column: col })
      })
      return i18n.t('mail_templates.errors.unknown_variable', {
        count: unknown.length,
        names: names.join(', '),
        available: allowed.join(', '),
      })
    }
    return null
  } catch (error) {
    return describeLiquidError(error as LiquidFailure, i18n)
  }
}

/**
 * Checks a template an admin wrote for an e-mail: valid Liquid, only the
 * e-mail's variables, only allowed tags, a body in the HTML allow-list, and
 * both parts render with the sample data into something non-empty. The
 * positions in the messages are those of what the admin typed.
 */
export function checkTemplate(
  name: MailTemplateName,
  input: MailSource,
  sample: Record<string, unknown>,
  locale: Locale,
  i18n: I18n
): CheckedTemplate {
  const allowed = variablesOf(name)
  const problems: TemplateProblem[] = []
  const subject = input.subject.replace(/\s*[\r\n]+\s*/g, ' ').trim()
  const subjectProblem = liquidProblem(subjectEngine, subject, allowed, i18n)
  if (subjectProblem) problems.push({ field: 'subject', message: subjectProblem })

  const bodyProblem = liquidProblem(bodyEngine, input.body, allowed, i18n)
  if (bodyProblem) problems.push({ field: 'body', message: bodyProblem })

  const sanitized = sanitizeTemplateBody(input.body)
  const source = { subject, body: sanitized.body.trim() }
  if (!bodyProblem) {
    const afterSanitizing = liquidProblem(bodyEngine, source.body, allowed, i18n)
    if (afterSanitizing) {
      problems.push({
        field: 'body',
        message: i18n.t('mail_templates.errors.broken_by_sanitizing', { reason: afterSanitizing }),
      })
    }
  }
  if (problems.length > 0) return { source, problems, htmlRemoved: sanitized.removed }

  try {
    if (renderSubject(source.subject, sample, locale) === '') {
      problems.push({ field: 'subject', message: i18n.t('mail_templates.errors.subject_empty') })
    }
  } catch (error) {
    problems.push({ field: 'subject', message: describeLiquidError(error as LiquidFailure, i18n) })
  }
  try {
    if (toText(renderBody(source.body, sample, locale)).trim() === '') {
      problems.push({ field: 'body', message: i18n.t('mail_templates.errors.body_empty') })
    }
  } catch (error) {
    problems.push({ field: 'body', message: describeLiquidError(error as LiquidFailure, i18n) })
  }
  return { source, problems, htmlRemoved: sanitized.removed }
}
