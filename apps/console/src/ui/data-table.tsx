import type { HTMLAttributes, ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n/i18n';

/** One column: its header (a catalogue key, shown visually hidden when `hiddenHeader`) and its cell. */
export interface Column<Row> {
  header: MessageKey;
  hiddenHeader?: boolean;
  cell: (row: Row) => ReactNode;
  className?: string;
}

/**
 * The console's table: scrolls sideways on a phone instead of widening the page (by keyboard too), headers are `th scope=col`
 * from the catalogue, and each row carries the data attributes the screens and their tests find it by.
 */
export function DataTable<Row>({
  rows,
  columns,
  rowKey,
  rowProps,
  testId,
  caption,
}: {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string | number;
  rowProps?: (
    row: Row,
  ) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number | undefined>;
  testId?: string;
  caption?: string;
}) {
  const i18n = useI18n();
  return (
    // Focusable, so that a keyboard can scroll a table wider than a phone (WCAG 2.1.1); a region by its caption.
    <div className="grid-scroll" tabIndex={0} {...(caption ? { role: 'region', 'aria-label': caption } : {})}>
      <table className="data-table" data-testid={testId}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column.header}>
                {column.hiddenHeader ? (
                  <span className="visually-hidden">{i18n.t(column.header)}</span>
                ) : (
                  i18n.t(column.header)
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((column) => (
                <td key={column.header} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
