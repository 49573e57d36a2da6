package dev.tollgate.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaVersionTest {
  private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

  @Test
  void latestIsTheHighestShippedMigration() throws IOException {
    int highest = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db/migration"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Matcher m = MIGRATION.matcher(file.getFileName().toString());
        if (m.matches()) {
          highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
      }
    }
    assertThat(SchemaVersion.LATEST).isEqualTo(highest);
  }

  @Test
  void aMigratedDatabaseIsCurrentAndAFreshOneIsNot(@TempDir Path dir) {
    String url = "jdbc:sqlite:" + dir.resolve("t.db");
    try (Database db = Database.open(url)) {
      assertThat(SchemaVersion.isCurrent(db.dataSource())).isTrue();
    }
    try (Database again = Database.open(url)) {
      assertThat(SchemaVersion.isCurrent(again.dataSource())).isTrue();
    }
    var fresh = new org.sqlite.SQLiteDataSource();
    fresh.setUrl("jdbc:sqlite:" + dir.resolve("fresh.db"));
    assertThat(SchemaVersion.isCurrent(fresh)).isFalse();
  }
}
