package dev.tollgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory blocklist: loaded at start, changed locally at once, reloaded from the database when stale. */
class BlocklistTest {

  private static void blockTeam(Database db, String teamId) {
    db.inline(c -> {
      try (var s = c.prepareStatement("INSERT INTO tg_teams (team_id, blocked, created_at, updated_at) "
          + "VALUES (?, ?, 0, 0)")) {
        s.setString(1, teamId);
        s.setBoolean(2, true);
        return s.executeUpdate();
      }
    });
  }

  @Test
  void blockedRowsAreLoadedAtStartAndLocalChangesApplyAtOnce(@TempDir Path dir) {
    try (Database db = Database.open("sqlite:" + dir.resolve("t.db"))) {
      blockTeam(db, "t-old");
      Blocklist list = new Blocklist(db);
      assertThat(list.teamBlocked("t-old")).isTrue();
      assertThat(list.teamBlocked("t-other")).isFalse();
      assertThat(list.teamBlocked(null)).isFalse();
      list.team("t-old", false);
      assertThat(list.teamBlocked("t-old")).isFalse();
    }
  }

  @Test
  void aChangeMadeByAnotherInstanceIsSeenAfterTheTtl(@TempDir Path dir) throws Exception {
    try (Database db = Database.open("sqlite:" + dir.resolve("t.db"))) {
      Blocklist list = new Blocklist(db, Duration.ofMillis(50));
      assertThat(list.teamBlocked("t-elsewhere")).isFalse();
      blockTeam(db, "t-elsewhere"); // as another gateway on the same database would
      long deadline = System.currentTimeMillis() + 5_000;
      while (!list.teamBlocked("t-elsewhere") && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertThat(list.teamBlocked("t-elsewhere")).isTrue();
    }
  }
}
