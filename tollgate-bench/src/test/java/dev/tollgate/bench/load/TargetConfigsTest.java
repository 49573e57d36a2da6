package dev.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetConfigsTest {
  @Test
  void nginxIsAPlainKeepAliveProxyWithoutBuffering() {
    String conf = TargetConfigs.nginx("/tmp/x", 8001, 9001, 8002, 9002, false);
    assertThat(conf).contains("daemon off;", "worker_processes 2;", "keepalive 64;", "proxy_http_version 1.1;",
        "proxy_set_header Connection \"\";", "proxy_buffering off;", "listen 127.0.0.1:8001;",
        "server 127.0.0.1:9001;", "listen 127.0.0.1:8002;", "server 127.0.0.1:9002;", "access_log off;",
        "error_log /tmp/x/error.log");
    assertThat(conf).doesNotContain("user root");
    assertThat(TargetConfigs.nginx("/tmp/x", 1, 2, 3, 4, true)).startsWith("user root;");
  }

  @Test
  void tollgateConfigRoutesBothModelsToTheFakes() {
    String yaml = TargetConfigs.tollgate(9001, 9002);
    assertThat(yaml).contains("model_name: bench-model\n", "api_base: http://127.0.0.1:9001/v1",
        "model_name: bench-model-stream", "api_base: http://127.0.0.1:9002/v1", "master_key: sk-bench-master");
  }

  @Test
  void requestBody() {
    assertThat(TargetConfigs.body("bench-model", false))
        .isEqualTo("{\"model\":\"bench-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    assertThat(TargetConfigs.body("m", true)).contains("\"stream\":true");
  }
}
