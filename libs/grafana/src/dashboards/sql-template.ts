/**
 * A tag for SQL written indented in TypeScript: the common indentation is removed, and a multi-line value
 * (another `sql` fragment) is indented like the line it is put on, so the query reads well in Grafana's
 * editor and in the JSON files.
 */
export function sql(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  const marker = (i: number) => `\u0000${i}\u0000`;
  const text = dedent(strings.reduce((all, part, i) => `${all}${marker(i - 1)}${part}`));
  return text
    .split('\n')
    .map((line) => {
      const indent = line.slice(0, line.length - line.trimStart().length);
      return line.replace(/\u0000(\d+)\u0000/g, (_m, i: string) =>
        String(values[Number(i)]).split('\n').join(`\n${indent}`),
      );
    })
    .join('\n');
}

function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\s+$/, '').split('\n');
  const margin = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(margin)).join('\n');
}
