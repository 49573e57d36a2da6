package dev.tollgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkStackDefaultsTest {
  private final Map<String, String> saved = new HashMap<>();

  @BeforeEach
  void save() {
    NetworkStackDefaults.PROPERTIES.keySet().forEach(name -> saved.put(name, System.getProperty(name)));
    NetworkStackDefaults.PROPERTIES.keySet().forEach(System::clearProperty);
  }

  @AfterEach
  void restore() {
    saved.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }

  @Test
  void setsEveryPropertyThatIsNotSet() {
    NetworkStackDefaults.apply();
    assertThat(System.getProperty("vertx.disableContextTimings")).isEqualTo("true");
    assertThat(System.getProperty("vertx.internCommonHttpRequestHeadersToLowerCase")).isEqualTo("true");
    assertThat(System.getProperty("vertx.cacheImmutableHttpResponseHeaders")).isEqualTo("true");
    assertThat(System.getProperty("io.netty.allocator.type")).isEqualTo("pooled");
    assertThat(System.getProperty("vertx.disableHttpHeadersValidation")).isNull();
  }

  @Test
  void keepsWhatTheOperatorSet() {
    System.setProperty("vertx.disableContextTimings", "false");
    System.setProperty("io.netty.allocator.type", "adaptive");
    NetworkStackDefaults.apply();
    assertThat(System.getProperty("vertx.disableContextTimings")).isEqualTo("false");
    assertThat(System.getProperty("io.netty.allocator.type")).isEqualTo("adaptive");
    assertThat(System.getProperty("vertx.cacheImmutableHttpResponseHeaders")).isEqualTo("true");
  }
}
