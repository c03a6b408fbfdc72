import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as en from '@zxcvbn-ts/language-en'
import * as fr from '@zxcvbn-ts/language-fr'
import * as nl from '@zxcvbn-ts/language-nl-be'

/**
 * ASVS 2.1.7 / NIST SP 800-63B 5.1.1.2: a new password is checked against
 * passwords known from breaches, and against what makes them guessable
 * (common words in Dutch, French and English, names, repetitions like
 * "aaaaaaaaaa", sequences and keyboard walks, dates, the person's own
 * address or name), without composition rules. zxcvbn-ts estimates the
 * guesses an attacker needs with those lists (its ~40,000 breached
 * passwords ship with the application, no network call); a score under 3
 * (fewer than about 10^8 guesses) is refused.
 */
let factory: ZxcvbnFactory | undefined

function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: {
      ...common.dictionary,
      ...en.dictionary,
      ...fr.dictionary,
      ...nl.dictionary,
    },
    graphs: common.adjacencyGraphs,
  })
  return factory
}

export const MIN_SCORE = 3

/** Whether the password is too easy to guess, given words of its context. */
export function isGuessable(password: string, context: string[] = []): boolean {
  const words = context
    .flatMap((value) => value.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((word) => word.length >= 3)
  const result = estimator().check(password, words)
  return result.score < MIN_SCORE
}
