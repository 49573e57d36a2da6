package dev.tollgate.core.router;

/**
 * The router's hold on one successful call: its in-flight count, and where its tokens and latency go. The caller ends
 * it exactly once, when the call is over (for a stream: when the stream ends); later calls do nothing.
 */
public interface CallLease {

  /** The call completed: frees the in-flight slot, adds the tokens to the deployment's minute, records latency. */
  void finish(long completionTokens, long totalTokens);

  /** The call failed after it was handed over (e.g. a stream broke midway): frees the in-flight slot only. */
  void abandon();
}
