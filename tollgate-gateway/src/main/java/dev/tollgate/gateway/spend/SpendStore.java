package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.calls.CallRecord;
import java.util.List;

/** Where {@link SpendWriter} writes a batch: all of it in one transaction, or nothing (then it throws). */
public interface SpendStore {
  void write(List<CallRecord> batch) throws Exception;
}
