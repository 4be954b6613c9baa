package dev.maildigest.ops;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, as Kafka's own tools print them; numbers align right. */
final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        int[] widths = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
                numeric[c] &= row.get(c).matches("[-≤]|≤?[0-9][0-9,.]*( [KMGT]?i?B)?");
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths, numeric);
        rows.forEach(row -> line(out, row, widths, numeric));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(numeric[c] ? pad + cell : cell + pad);
            if (c < cells.size() - 1) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
