import type { ReactNode } from 'react';

export type Column<Row> = { header: string; cell: (row: Row) => ReactNode };

type Props<Row> = {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** The table's name for screen readers (not shown): for a table that its section's heading does not name. */
  caption?: string;
  /**
   * Makes the scroll box a named region that takes keyboard focus, so that a keyboard alone can
   * scroll a table wider than a phone.
   */
  scrollLabel?: string;
  className?: string;
};

/** The admin pages' tables: a header row of columns, a row per item; a wide table scrolls inside its box, never the page. */
export function DataTable<Row>({ columns, rows, rowKey, caption, scrollLabel, className }: Props<Row>) {
  const region = scrollLabel ? { role: 'region', 'aria-label': scrollLabel, tabIndex: 0 } : {};
  return (
    <div className="table-scroll" {...region}>
      <table className={className}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
