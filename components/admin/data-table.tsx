import type { ReactNode } from 'react';
import { ScrollBox } from './scroll-box';
import styles from './data-table.module.css';

export type Column<Row> = { header: string; cell: (row: Row) => ReactNode };

type Props<Row> = {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** The table's name for screen readers (not shown): for a table that its section's heading does not name. */
  caption?: string;
  /** The scroll box's name while the table is wider than its box (it then takes keyboard focus). */
  scrollLabel: string;
  className?: string;
};

/**
 * The admin pages' tables: a header row of columns, a row per item. On a desktop a table wider
 * than its box scrolls inside it, never the page; on a phone each row is a card that names each
 * value by its column. The explicit roles keep the table's meaning for screen readers that drop
 * it when rows are laid out as blocks.
 */
export function DataTable<Row>({ columns, rows, rowKey, caption, scrollLabel, className }: Props<Row>) {
  return (
    <ScrollBox label={scrollLabel}>
      <table role="table" className={className ? `${styles.table} ${className}` : styles.table}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead role="rowgroup" className={styles.head}>
          <tr role="row">
            {columns.map((column) => (
              <th key={column.header} role="columnheader" scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {rows.map((row) => (
            <tr key={rowKey(row)} role="row">
              {columns.map((column) => (
                <td key={column.header} role="cell" data-label={column.header}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
