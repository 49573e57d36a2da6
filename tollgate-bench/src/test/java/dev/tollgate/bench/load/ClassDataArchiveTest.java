package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
  @TempDir Path dir;

  @Test
  void findsTheArchiveAmongTheFlags() {
    assertThat(ClassDataArchive.of(List.of("-Xmx256m", "-XX:SharedArchiveFile=/x/tollgate.jsa")))
        .contains(Path.of("/x/tollgate.jsa"));
    assertThat(ClassDataArchive.of(List.of("-Xmx256m"))).isEmpty();
  }

  @Test
  void anArchiveOlderThanTheJarIsDeletedAndRemade() throws Exception {
    Path jar = Files.writeString(dir.resolve("gateway.jar"), "jar");
    Path archive = Files.writeString(dir.resolve("tollgate.jsa"), "archive");
    Files.setLastModifiedTime(archive, FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(2_000_000));

    assertThat(ClassDataArchive.needsTraining(archive, jar)).isTrue();
    assertThat(archive).doesNotExist();
  }

  @Test
  void aFreshArchiveIsKept() throws Exception {
    Path jar = Files.writeString(dir.resolve("gateway.jar"), "jar");
    Path archive = Files.writeString(dir.resolve("tollgate.jsa"), "archive");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(archive, FileTime.fromMillis(2_000_000));

    assertThat(ClassDataArchive.needsTraining(archive, jar)).isFalse();
    assertThat(archive).exists();
  }

  @Test
  void aMissingArchiveNeedsTraining() throws Exception {
    Path jar = Files.writeString(dir.resolve("gateway.jar"), "jar");
    assertThat(ClassDataArchive.needsTraining(dir.resolve("tollgate.jsa"), jar)).isTrue();
  }
}
