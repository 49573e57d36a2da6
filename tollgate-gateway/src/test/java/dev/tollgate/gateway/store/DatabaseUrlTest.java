package dev.tollgate.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
  @Test
  void litellmPostgresUrlBecomesJdbcWithCredentialsApart() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://llm:p%40ss:word@db.internal:6543/litellm?sslmode=require");
    assertThat(url.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/litellm?sslmode=require");
    assertThat(url.user()).isEqualTo("llm");
    assertThat(url.password()).isEqualTo("p@ss:word");
    assertThat(url.display()).isEqualTo("postgresql://db.internal:6543/litellm").doesNotContain("word");
    assertThat(url.toString()).doesNotContain("p@ss");
  }

  @Test
  void postgresShortFormAndJdbcForms() {
    assertThat(DatabaseUrl.parse("postgres://u@h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
    assertThat(DatabaseUrl.parse("postgres://u@h/db").password()).isNull();
    DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=x&password=y");
    assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?user=x&password=y");
    assertThat(jdbc.display()).isEqualTo("postgresql://h:5432/db");
  }

  @Test
  void sqliteForms() {
    String abs = Path.of("/tmp/x/tollgate.db").toString();
    assertThat(DatabaseUrl.parse("sqlite:/tmp/x/tollgate.db").jdbcUrl()).isEqualTo("jdbc:sqlite:" + abs);
    assertThat(DatabaseUrl.parse("sqlite:///tmp/x/tollgate.db").jdbcUrl()).isEqualTo("jdbc:sqlite:" + abs);
    assertThat(DatabaseUrl.parse("jdbc:sqlite:/tmp/x/tollgate.db").display()).isEqualTo("sqlite:" + abs);
    assertThat(DatabaseUrl.parse("data/tollgate.db").dialect()).isEqualTo(Dialect.SQLITE);
    assertThat(DatabaseUrl.parse("data/tollgate.db").jdbcUrl()).startsWith("jdbc:sqlite:/").endsWith("data/tollgate.db");
  }

  @Test
  void unsupportedUrlsSayWhatIsAcceptedWithoutThePassword() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgresql://")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessageContaining("empty");
  }
}
