/**
 * How stored rich text (TEN-5 portal messages) looks, in the portal and in
 * the editor: Tailwind's reset removes the browser's heading and list styles.
 *
 * @spec TEN-5
 */
export const richTextClass = [
  '[&_h2]:mt-2 [&_h2]:text-lg [&_h2]:font-semibold',
  '[&_h3]:mt-2 [&_h3]:text-base [&_h3]:font-semibold',
  '[&_h4]:mt-2 [&_h4]:text-sm [&_h4]:font-semibold [&_h4]:uppercase',
  '[&_p]:my-1 [&_ul]:my-1 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-1 [&_ol]:list-decimal [&_ol]:pl-6',
  '[&_a]:underline [&_a]:underline-offset-2 [&_mark]:rounded-sm [&_mark]:px-0.5',
  '[&>*:first-child]:mt-0 [&>*:last-child]:mb-0',
].join(' ')
