/**
 * Runs `task` for every item, at most `limit` at a time, and returns the
 * results in the items' order. The first failure stops new tasks; the
 * running ones are waited for before it is thrown, so nothing keeps going
 * behind the caller's back.
 */
export async function inParallel<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++
      try {
        results[index] = await task(items[index])
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(limit, items.length) }, worker)
  )
  const failure = settled.find((result) => result.status === 'rejected')
  if (failure) throw (failure as PromiseRejectedResult).reason
  return results
}
