package dev.tollgate.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.Http;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a call record keeps of a reply's usage (the counts the daily aggregates sum), and what it lets go of once
 * completed.
 */
class CallRecordTest {
  @Test
  void promptCacheReadsAndWritesAreKeptApartFromThePromptCount() {
    CallRecord r = new CallRecord("req-1", "acompletion", 0, "hash", null);
    r.usage(UsageScanner.usage(Http.fixture("/calls/reply-cached-usage.json").getBytes(StandardCharsets.UTF_8)));
    assertThat(r.promptTokens).isEqualTo(1200);
    assertThat(r.completionTokens).isEqualTo(30);
    assertThat(r.cacheReadTokens).isEqualTo(1024); // prompt_tokens_details.cached_tokens
    assertThat(r.cacheCreationTokens).isEqualTo(100); // cache_creation_input_tokens
  }

  @Test
  void aReplyWithoutCacheCountsHasNone() {
    CallRecord r = new CallRecord("req-2", "acompletion", 0, "hash", null);
    r.usage(dev.tollgate.providers.types.Usage.of(10, 5));
    assertThat(r.promptTokens).isEqualTo(10);
    assertThat(r.cacheReadTokens).isZero();
    assertThat(r.cacheCreationTokens).isZero();
  }

  @Test
  void aCompletedRecordLetsGoOfWhatItsListenersCaptured() {
    CallRecord r = new CallRecord("req-3", "acompletion", 0, "hash", null);
    List<String> ran = new ArrayList<>();
    WeakReference<Object> captured = listenCapturing(r, ran);
    r.complete(200, false);
    assertThat(ran).containsExactly("ran");
    for (int i = 0; i < 20 && captured.get() != null; i++) {
      System.gc();
    }
    assertThat(captured.get()).as("what the listener captured, while the record is still held").isNull();
    Reference.reachabilityFence(r);
  }

  /** Adds a listener that captures a new object only it holds; returns a weak reference to that object. */
  private static WeakReference<Object> listenCapturing(CallRecord r, List<String> ran) {
    Object state = new Object();
    r.onComplete(done -> ran.add(state == null ? "no state" : "ran"));
    return new WeakReference<>(state);
  }

  @Test
  void aListenerAddedAfterCompletionNeverRunsAndTheFilterIsDropped() {
    CallRecord r = new CallRecord("req-4", "acompletion", 0, "hash", null);
    r.storePrompts = true;
    r.messages = "[]";
    r.storedTextFilter = text -> text;
    r.complete(200, false);
    List<String> ran = new ArrayList<>();
    r.onComplete(done -> ran.add("late"));
    r.complete(200, false);
    assertThat(ran).isEmpty();
    assertThat(r.storedTextFilter).isNull();
    assertThat(r.messages).isEqualTo("[]");
  }
}
