/** `format`, remembering each text's result: pages and cards format the same few thousand dates over
 *  and over, and luxon's formatting is not cheap. */
export function memoise(format: (text: string) => string): (text: string) => string {
  const formatted = new Map<string, string>();
  return (text) => {
    let result = formatted.get(text);
    if (result === undefined) formatted.set(text, (result = format(text)));
    return result;
  };
}
