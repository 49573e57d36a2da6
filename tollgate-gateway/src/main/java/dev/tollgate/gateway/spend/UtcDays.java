package dev.tollgate.gateway.spend;

import java.time.LocalDate;

/**
 * The UTC day ({@code YYYY-MM-DD}) of epoch milliseconds, remembering the last one: the rows of a batch nearly all
 * fall on one day, so most calls cost a division. Not thread-safe: one per batch.
 */
final class UtcDays {
  private long lastDay = Long.MIN_VALUE;
  private String lastText;

  String of(long epochMillis) {
    long day = Math.floorDiv(epochMillis, SpendReports.DAY_MS);
    if (day != lastDay) {
      lastText = LocalDate.ofEpochDay(day).toString();
      lastDay = day;
    }
    return lastText;
  }
}
