package io.k4s.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Print rows under headers in aligned columns, three spaces apart, as kubectl does.
 *
 * <p>Not thread-safe: fill and print it on one thread.
 */
final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    /**
     * Add a row with one cell per header.
     *
     * @throws IllegalArgumentException if the number of cells is not the number of headers
     */
    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of " + headers + " needs " + headers.size()
                    + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object c : cells) {
            row.add(c == null || String.valueOf(c).isEmpty() ? "<none>" : String.valueOf(c));
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** A copy with {@code header} as a new first column holding {@code cells}, one per row. */
    Table withFirstColumn(String header, List<String> cells) {
        if (cells.size() != rows.size()) {
            throw new IllegalArgumentException("a new column needs " + rows.size() + " cells, got " + cells.size());
        }
        List<String> headers2 = new ArrayList<>();
        headers2.add(header);
        headers2.addAll(headers);
        Table copy = new Table(headers2.toArray(String[]::new));
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = new ArrayList<>();
            row.add(cells.get(i));
            row.addAll(rows.get(i));
            copy.row(row.toArray());
        }
        return copy;
    }

    void print(PrintStream out) {
        print(out, true);
    }

    /** Print the rows, under the header if {@code header}; columns are as wide as the widest cell. */
    void print(PrintStream out, boolean header) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        if (header) {
            printRow(out, headers, widths);
        }
        rows.forEach(row -> printRow(out, row, widths));
    }

    private static void printRow(PrintStream out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 3));
            }
        }
        out.println(line);
    }
}
