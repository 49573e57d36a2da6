package dev.tollgate.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tollgate.gateway.calls.CallRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The writer's queue, bound, batching and pending-spend hand-over, against an in-memory store. */
class SpendWriterTest {
  private final List<List<SpendRow>> batches = new CopyOnWriteArrayList<>();
  private final AtomicBoolean down = new AtomicBoolean();
  private final PendingSpend pending = new PendingSpend();
  private final List<String> keysWritten = new CopyOnWriteArrayList<>();
  private final SpendWriter writer = new SpendWriter(batch -> {
    if (down.get()) {
      throw new IllegalStateException("down");
    }
    batches.add(List.copyOf(batch));
  }, pending, keysWritten::add);

  private static CallRecord record(int i, String key, double cost) {
    CallRecord r = new CallRecord("req-" + i, "acompletion", 0, key, null);
    r.cost = cost;
    r.complete(200, false);
    return r;
  }

  @Test
  void pendingSpendMovesToTheStoreOnFlush() {
    for (int i = 0; i < 10; i++) {
      writer.add(record(i, "key-a", 0.1));
    }
    assertThat(pending.of("key-a")).isCloseTo(1.0, within(1e-12));
    writer.flush();
    assertThat(pending.of("key-a")).isZero();
    assertThat(keysWritten).containsExactly("key-a");
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0)).hasSize(10);
    writer.close();
  }

  @Test
  void pendingSpendOfTheKeysUserTeamOrganizationAndEndUserMovesToTheStoreOnFlush() {
    List<String> entitiesWritten = new CopyOnWriteArrayList<>();
    SpendWriter entityWriter = new SpendWriter(batches::add, pending, keysWritten::add,
        (kind, id) -> entitiesWritten.add(kind + ":" + id));
    var b = new dev.tollgate.gateway.keys.VirtualKey.Builder();
    b.token = "key-e";
    b.userId = "u1";
    b.teamId = "t1";
    b.organizationId = "o1";
    var key = b.build();
    for (int i = 0; i < 4; i++) {
      CallRecord r = new CallRecord("ent-" + i, "acompletion", 0, "key-e", key);
      r.endUser = "c1";
      r.cost = 0.25;
      r.complete(200, false);
      entityWriter.add(r);
    }
    for (String name : List.of("user:u1", "team:t1", "organization:o1", "end_user:c1", "team_member:t1\u001fu1")) {
      assertThat(pending.of(name)).as(name).isCloseTo(1.0, within(1e-12));
    }
    entityWriter.flush();
    for (String name : List.of("user:u1", "team:t1", "organization:o1", "end_user:c1", "team_member:t1\u001fu1")) {
      assertThat(pending.of(name)).as(name).isZero();
    }
    assertThat(entitiesWritten).containsExactlyInAnyOrder("user:u1", "team:t1", "organization:o1", "end_user:c1",
        "team_member:t1\u001fu1");
    entityWriter.close();
  }

  @Test
  void batchesHoldAtMostMaxBatchRows() {
    int rows = SpendWriter.MAX_BATCH * 2 + SpendWriter.MAX_BATCH / 2;
    for (int i = 0; i < rows; i++) {
      writer.add(record(i, "key-b", 0));
    }
    writer.flush();
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(rows);
    assertThat(batches).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(SpendWriter.MAX_BATCH));
    writer.close();
  }

  @Test
  void underLoadTheWriterWritesFullBatchesAndLeavesTheRestToThePeriodicFlush() throws InterruptedException {
    writer.start(java.time.Duration.ofHours(1));
    int rows = SpendWriter.FLUSH_AT_ROWS * 3 + 17;
    for (int i = 0; i < rows; i++) {
      writer.add(record(i, "key-f", 0));
    }
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (writer.queued() >= SpendWriter.FLUSH_AT_ROWS && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(writer.queued()).isLessThan(SpendWriter.FLUSH_AT_ROWS);
    assertThat(batches).isNotEmpty()
        .allSatisfy(b -> assertThat(b.size()).isGreaterThanOrEqualTo(SpendWriter.FLUSH_AT_ROWS));
    assertThat(batches.stream().mapToInt(List::size).sum() + writer.queued()).isEqualTo(rows);
    assertThat(writer.queued()).isPositive();
    int before = batches.size();
    writer.flush();
    assertThat(batches).hasSize(before + 1);
    assertThat(batches.get(before)).hasSizeLessThan(SpendWriter.FLUSH_AT_ROWS);
    assertThat(writer.queued()).isZero();
    writer.close();
  }

  @Test
  void whileTheStoreFailsRowsQueueUpToTheBoundAndTheRestAreCounted() {
    down.set(true);
    for (int i = 0; i < SpendWriter.MAX_QUEUED + 7; i++) {
      writer.add(record(i, "key-c", 0.5));
    }
    assertThat(writer.queued()).isEqualTo(SpendWriter.MAX_QUEUED);
    assertThat(writer.dropped()).isEqualTo(7);
    assertThat(pending.of("key-c")).isEqualTo(SpendWriter.MAX_QUEUED * 0.5);
    assertThatThrownBy(writer::flush).isInstanceOf(IllegalStateException.class);
    assertThat(writer.failedWrites()).isPositive();
    down.set(false);
    writer.flush();
    assertThat(writer.queued()).isZero();
    assertThat(writer.written()).isEqualTo(SpendWriter.MAX_QUEUED);
    List<String> ids = new ArrayList<>();
    batches.forEach(b -> b.forEach(r -> ids.add(r.requestId())));
    assertThat(ids).doesNotHaveDuplicates().hasSize(SpendWriter.MAX_QUEUED);
    assertThat(pending.of("key-c")).isZero();
    writer.close();
  }

  @Test
  void closeWritesWhatIsQueued() {
    writer.start(java.time.Duration.ofHours(1));
    for (int i = 0; i < 42; i++) {
      writer.add(record(i, "key-d", 0.01));
    }
    writer.close();
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(42);
  }
}
