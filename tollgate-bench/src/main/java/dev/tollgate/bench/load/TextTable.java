package dev.tollgate.bench.load;

import java.util.ArrayList;
import java.util.List;

/** A table rendered as aligned plain text or as Markdown. A row shorter than the header is padded with blanks. */
public final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  public TextTable row(List<String> cells) {
    if (cells.size() > header.size()) {
      throw new IllegalArgumentException("row has " + cells.size() + " cells, header " + header.size());
    }
    List<String> padded = new ArrayList<>(cells);
    while (padded.size() < header.size()) {
      padded.add("");
    }
    rows.add(padded);
    return this;
  }

  /** Columns separated by two spaces; the first column left-aligned, the others right-aligned. */
  public String plain() {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (List<String> r : rows) {
        if (!spans(r, c)) {
          widths[c] = Math.max(widths[c], r.get(c).length());
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, widths);
    int total = 0;
    for (int w : widths) {
      total += w;
    }
    sb.append("-".repeat(total + 2 * (widths.length - 1))).append('\n');
    for (List<String> r : rows) {
      line(sb, r, widths);
    }
    return sb.toString();
  }

  /** A GitHub-flavoured Markdown table. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| ").append(String.join(" | ", header.stream().map(TextTable::escape).toList())).append(" |\n");
    sb.append('|');
    for (int c = 0; c < header.size(); c++) {
      sb.append(c == 0 ? "---|" : "---:|");
    }
    sb.append('\n');
    for (List<String> r : rows) {
      sb.append("| ").append(String.join(" | ", r.stream().map(TextTable::escape).toList())).append(" |\n");
    }
    return sb.toString();
  }

  /** A row whose second cell is a long note and the rest blank: the note may run across the other columns. */
  private static boolean spans(List<String> r, int c) {
    if (c == 0 || r.size() < 2) {
      return false;
    }
    for (int i = 2; i < r.size(); i++) {
      if (!r.get(i).isEmpty()) {
        return false;
      }
    }
    return r.get(1).startsWith("n/a");
  }

  private static void line(StringBuilder sb, List<String> cells, int[] widths) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String v = cells.get(c);
      if (c > 0) {
        l.append("  ");
      }
      if (c == 0 || spans(cells, c)) {
        l.append(v).append(" ".repeat(Math.max(0, widths[c] - v.length())));
        if (spans(cells, c)) {
          break;
        }
      } else {
        l.append(" ".repeat(Math.max(0, widths[c] - v.length()))).append(v);
      }
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }

  private static String escape(String s) {
    return s.replace("|", "\\|");
  }
}
