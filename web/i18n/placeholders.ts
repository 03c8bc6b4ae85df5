/** `{name}` placeholders of a text filled from `params`; unknown ones are left as they are. */
export function fillPlaceholders(text: string, params?: Readonly<Record<string, string | number>>): string {
  return params ? text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match)) : text;
}
