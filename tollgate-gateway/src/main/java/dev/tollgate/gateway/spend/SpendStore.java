package dev.tollgate.gateway.spend;

import java.util.List;

/** Where {@link SpendWriter} writes a batch: all of it in one transaction, or nothing (then it throws). */
public interface SpendStore {
  void write(List<SpendRow> batch) throws Exception;
}
