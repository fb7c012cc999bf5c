package dev.stagecraft.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain text table: a bold header, columns padded to their widest cell (colours do not count), two spaces apart. */
final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(
                    "a row of " + cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(Arrays.asList(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render(Terminal terminal) {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], Terminal.visibleLength(row.get(column)));
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, headers.stream().map(terminal::bold).toList(), widths);
        rows.forEach(row -> line(text, row, widths));
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            line.append(cell);
            if (column < cells.size() - 1) {
                line.append(" ".repeat(widths[column] - Terminal.visibleLength(cell) + 2));
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
