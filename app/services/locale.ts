import type { HttpContext } from '@adonisjs/core/http'

export const LOCALES = ['nl', 'fr', 'en'] as const
/** @spec TEN-7 */
export type Locale = (typeof LOCALES)[number]

/** Cookie that remembers a guest's language choice. */
export const LOCALE_COOKIE = 'portal-locale'

/** Remembers a language choice in the browser (for pages before login). */
export function rememberLocale(response: HttpContext['response'], locale: Locale) {
  response.plainCookie(LOCALE_COOKIE, locale, {
    encode: false,
    maxAge: '1 year',
    httpOnly: true,
    sameSite: 'lax',
  })
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/**
 * The language to answer in, from the strongest signal to the weakest.
 */
export function pickLocale(input: {
  userLocale?: string | null
  cookieLocale?: string | null
  acceptLanguage?: string[]
  tenantDefault: Locale
}): Locale {
  if (isLocale(input.userLocale)) return input.userLocale
  if (isLocale(input.cookieLocale)) return input.cookieLocale
  for (const language of input.acceptLanguage ?? []) {
    const base = language.toLowerCase().split('-')[0]
    if (isLocale(base)) return base
  }
  return input.tenantDefault
}
