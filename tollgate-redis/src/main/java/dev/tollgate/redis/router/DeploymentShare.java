package dev.tollgate.redis.router;

import dev.tollgate.core.router.InMemoryRouterState;
import dev.tollgate.core.router.RouterState.MinuteUsage;

/**
 * One deployment's side of the sharing: the requests and tokens this instance counted in the current minute but has
 * not yet written to Redis, the in-flight count it last published, the other instances' in-flight calls as last read,
 * and a cooldown that could not be written yet. Thread-safe (its own monitor); held only while numbers change.
 */
final class DeploymentShare {
  final String id;
  private long minute = -1;
  private long requests;
  private long tokens;
  /** The in-flight count last published; -1 when unknown (a write failed). */
  private long busyWritten;
  private long unsharedCooldown;
  private volatile long othersInFlight;
  private volatile long othersReadAt;

  DeploymentShare(String id) {
    this.id = id;
  }

  /** Counts one request of {@code now} (a minute) to be written later. */
  synchronized void addRequest(long now) {
    roll(now);
    requests++;
  }

  /** Counts tokens of {@code now} (a minute) to be written later. */
  synchronized void addTokens(long now, long n) {
    roll(now);
    tokens += n;
  }

  /** Takes what is still to be written for minute {@code now}; counts of earlier minutes are dropped (over anyway). */
  synchronized Delta take(long now) {
    roll(now);
    Delta d = new Delta(now, requests, tokens);
    requests = 0;
    tokens = 0;
    return d;
  }

  /** Puts back a delta whose write failed, unless its minute is over. */
  synchronized void giveBack(Delta d) {
    if (d.minute() == minute) {
      requests += d.requests();
      tokens += d.tokens();
    }
  }

  /** What is still to be written for minute {@code now}. */
  synchronized MinuteUsage pending(long now) {
    return now == minute ? new MinuteUsage(requests, tokens) : MinuteUsage.NONE;
  }

  /**
   * Sets the local view of minute {@code now} to Redis's counts plus what this instance has not written yet: Redis is
   * the truth. An answer may be a little older than another one applied already (they travel on different
   * connections), and counts taken for a batch still under way are in neither part; either makes the view low for
   * about a second, until the next refresh. (Keeping the maximum instead would hold on for the rest of the minute to
   * a count that Redis took back, or lost in a restart.)
   */
  void applyShared(InMemoryRouterState local, long now, long sharedRequests, long sharedTokens) {
    MinuteUsage mine = pending(now);
    local.applyUsage(id, now, sharedRequests + mine.requests(), sharedTokens + mine.tokens());
  }

  private void roll(long now) {
    if (now > minute) {
      minute = now;
      requests = 0;
      tokens = 0;
    }
  }

  /**
   * Whether the in-flight count {@code busy} should be published now: when it is non-zero (its timestamp must stay
   * fresh) or changed; an idle deployment writes nothing.
   */
  synchronized boolean busyToWrite(long busy) {
    boolean write = busy > 0 || busy != busyWritten;
    busyWritten = busy;
    return write;
  }

  /** The last published in-flight count may not have arrived: publish again next time. */
  synchronized void busyUnknown() {
    busyWritten = -1;
  }

  void readOthersInFlight(long count, long readAt) {
    othersInFlight = count;
    othersReadAt = readAt;
  }

  /** The other instances' in-flight calls, or 0 when the last read is older than {@code maxAgeMillis}. */
  long othersInFlight(long now, long maxAgeMillis) {
    return now - othersReadAt <= maxAgeMillis ? othersInFlight : 0;
  }

  /** Remembers a cooldown that Redis did not take, to be written again after the next successful refresh. */
  synchronized void cooldownNotShared(long until) {
    unsharedCooldown = Math.max(unsharedCooldown, until);
  }

  /** Takes the cooldown still to be written, or 0. */
  synchronized long takeUnsharedCooldown() {
    long u = unsharedCooldown;
    unsharedCooldown = 0;
    return u;
  }

  /** Requests and tokens of one minute, taken to be written. */
  record Delta(long minute, long requests, long tokens) {
    boolean isEmpty() {
      return requests == 0 && tokens == 0;
    }
  }
}
